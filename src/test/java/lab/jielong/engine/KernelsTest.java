package lab.jielong.engine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fast kernel against its plain twin, on sizes that exercise the vector tails. */
class KernelsTest {

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static double worst(float[] a, float[] b) {
        double w = 0;
        for (int i = 0; i < a.length; i++) {
            w = Math.max(w, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
        }
        return w;
    }

    @Test
    void nnMatchesNaiveOnOddShapesWithOffsetsAndAccumulation() {
        Random r = new Random(1);
        int[][] shapes = {{1, 1, 1}, {5, 7, 3}, {9, 300, 70}, {4, 16, 16}, {13, 129, 133}, {64, 520, 40}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(r, 3 + m * k), b = random(r, 5 + k * n);
            float[] c1 = random(r, 2 + m * n), c2 = c1.clone();
            for (boolean acc : new boolean[] {false, true}) {
                Gemm.mm(false, false, a, 3, k, b, 5, n, c1, 2, n, m, k, n, acc);
                Gemm.mmNaive(false, false, a, 3, k, b, 5, n, c2, 2, n, m, k, n, acc);
                double w = worst(c1, c2);
                assertTrue(w < 1e-4, "nn " + m + "x" + k + "x" + n + " worst " + w);
            }
        }
    }

    @Test
    void mmWithTransposesMatchesNaive() {
        Random r = new Random(5);
        int[][] shapes = {{5, 7, 3}, {9, 300, 70}, {13, 129, 133}, {130, 40, 260}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int lda = ta ? m : k, ldb = tb ? k : n;
                    float[] a = random(r, m * k), b = random(r, k * n);
                    float[] c1 = random(r, m * n), c2 = c1.clone();
                    Gemm.mm(ta, tb, a, 0, lda, b, 0, ldb, c1, 0, n, m, k, n, true);
                    Gemm.mmNaive(ta, tb, a, 0, lda, b, 0, ldb, c2, 0, n, m, k, n, true);
                    double w = worst(c1, c2);
                    assertTrue(w < 1e-4, "mm " + ta + "/" + tb + " " + m + "x" + k + "x" + n + " worst " + w);
                }
            }
        }
    }

    /**
     * mm reading A in place (widths of whole 64-column panels, the trainer's) gives what packing A gives, bit
     * for bit (the same FMA chains), for both layouts of A, offsets, k past a 256-row panel and leftover rows.
     */
    @Test
    void mmReadingAInPlaceEqualsPackingIt() {
        Random r = new Random(12);
        int[][] shapes =
                {{128, 128, 384}, {384, 128, 128}, {128, 512, 128}, {2989, 128, 128}, {7, 300, 64}, {130, 40, 192}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 2;
                    float[] a = random(r, 3 + (ta ? k : m) * lda), b = random(r, 1 + (tb ? n : k) * ldb);
                    float[] c1 = random(r, 2 + m * n), c2 = c1.clone(), c3 = c1.clone();
                    Gemm.mm(ta, tb, a, 3, lda, b, 1, ldb, c1, 2, n, m, k, n, true);
                    Gemm.mm(ta, tb, a, 3, lda, b, 1, ldb, c2, 2, n, m, k, n, true, false);
                    Gemm.mmNaive(ta, tb, a, 3, lda, b, 1, ldb, c3, 2, n, m, k, n, true);
                    assertArrayEquals(c2, c1, "mm " + ta + "/" + tb + " " + m + "x" + k + "x" + n);
                    assertTrue(worst(c1, c3) < 1e-4, "vs naive " + m + "x" + k + "x" + n + " worst " + worst(c1, c3));
                }
            }
        }
    }

    @Test
    void awMatchesNaiveForEveryBlockShape() {
        Random r = new Random(2);
        // m: decode (1), prefill (12), leftovers (3, 5, 7); n: the head (2993), full blocks, vector and scalar tails
        int[][] shapes = {{1, 3, 5}, {1, 2993, 128}, {12, 384, 128}, {3, 7, 13}, {5, 130, 512}, {7, 2993, 128},
                {4, 64, 1}, {9, 17, 33}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(r, m * k), wt = random(r, k * n), bias = random(r, n);
            for (float[] b : new float[][] {bias, null}) {
                float[] o1 = new float[m * n], o2 = new float[m * n];
                Gemm.aw(a, 0, m, k, wt, 0, n, b, 0, o1, 0);
                Gemm.awNaive(a, 0, m, k, wt, 0, n, b, 0, o2, 0);
                assertTrue(worst(o1, o2) < 1e-4, "aw " + m + "x" + n + "x" + k + " worst " + worst(o1, o2));
            }
        }
    }

    @Test
    void awGivesARowTheSameBitsHoweverManyRowsAreComputedWithIt() {
        Random r = new Random(3);
        // n: 4-row blocks with a vector column tail (48, 80), a scalar tail (50), the shipped widths (384, 1024)
        for (int n : new int[] {48, 50, 80, 384, 1024}) {
            int k = 32, rows = 9;
            float[] a = random(r, rows * k), wt = random(r, k * n), bias = random(r, n);
            float[] all = new float[rows * n];
            Gemm.aw(a, 0, rows, k, wt, 0, n, bias, 0, all, 0);
            for (int m = 1; m <= rows; m++) {
                float[] some = new float[m * n];
                Gemm.aw(a, 0, m, k, wt, 0, n, bias, 0, some, 0);
                assertArrayEquals(Arrays.copyOf(all, m * n), some, "the first " + m + " of " + rows + " rows, n " + n);
                float[] last = new float[n];
                Gemm.aw(a, (m - 1) * k, 1, k, wt, 0, n, bias, 0, last, 0);
                assertArrayEquals(Arrays.copyOfRange(all, (m - 1) * n, m * n), last, "row " + m + " alone, n " + n);
            }
        }
    }

    /**
     * The trainer's forward kernel on a weight packed in panels gives aw's bits on the same weight as plain (in,
     * out) rows: the widths of its strips (whole, a narrower last one, one narrower than a vector), leftover rows.
     */
    @Test
    void awOnPanelsGivesAwsBits() {
        Random r = new Random(11);
        int[][] shapes = {{128, 384, 128}, {128, 2989, 128}, {5, 130, 32}, {7, 13, 9}, {4, 64, 1}, {1, 200, 17}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(r, 3 + m * k), w = random(r, 2 + n * k), bias = random(r, 1 + n);
            float[] wt = new float[n * k], panels = new float[2 + n * k];
            Gemm.transpose(w, 2, n, k, wt, 0);
            for (int r0 = 0; r0 < n; r0 += Gemm.PANEL_COLUMNS) {
                Gemm.transpose(w, 2 + r0 * k, Math.min(Gemm.PANEL_COLUMNS, n - r0), k, panels, 2 + r0 * k);
            }
            for (float[] b : new float[][] {bias, null}) {
                float[] plain = new float[4 + m * n], packed = new float[4 + m * n];
                Gemm.aw(a, 3, m, k, wt, 0, n, b, 1, plain, 4);
                Gemm.awPanels(a, 3, m, k, panels, 2, n, b, 1, packed, 4);
                assertArrayEquals(plain, packed, m + "x" + n + "x" + k + (b == null ? " without bias" : ""));
            }
        }
    }

    /** A model's matrices packed by any number of threads, and multiplied, give what its (in, out) copy gives. */
    @Test
    void packedMatricesMultiplyLikeTheTransposedOnes() {
        ModelConfig c = ModelConfig.named("d24-l2-h2-f96", 50);
        Gpt model = Gpt.initialize(c, 3);
        float[] one = new float[model.parameterCount()];
        model.packMatrices(one, 0, 1);
        for (int parts : new int[] {2, 3}) {
            float[] t = new float[model.parameterCount()];
            for (int i = 0; i < parts; i++) {
                model.packMatrices(t, i, parts);
            }
            assertArrayEquals(one, t, parts + " parts");
        }
        Random r = new Random(12);
        int N = 6;
        ParameterLayout lay = model.layout;
        for (ParameterLayout.Linear lin : new ParameterLayout.Linear[] {lay.head, lay.block(1).qkv(),
                lay.block(0).fc(), lay.block(1).fcproj()}) {
            float[] x = random(r, N * lin.in());
            float[] viaT = new float[N * lin.out()], viaPanels = new float[N * lin.out()];
            Layers.linearForward(new Slice(viaT, 0), new Slice(x, 0), new Weights(model.params,
                    model.transposedWeights()), lin, N);
            Layers.linearForward(new Slice(viaPanels, 0), new Slice(x, 0), new Weights(model.params, one, true), lin,
                    N);
            assertArrayEquals(viaT, viaPanels, lin.out() + " outputs");
        }
    }

    /** The vectorised attention backward against its twin, for the head sizes of the grid and both masks. */
    @Test
    void theFastAttentionBackwardMatchesItsTwin() {
        Random r = new Random(9);
        // (T, C, NH): small (hs 32), the grid's hs 16, 8, 12, 24 (the axpy path), and T = 8 (the twin itself)
        int[][] shapes = {{32, 128, 4}, {32, 64, 4}, {32, 16, 2}, {32, 24, 2}, {32, 96, 4}, {8, 32, 2}};
        for (int[] sh : shapes) {
            int T = sh[0], C = sh[1], NH = sh[2];
            for (boolean causal : new boolean[] {true, false}) {
                float[] qkv = random(r, 3 + T * 3 * C), dout = random(r, 1 + T * C);
                float[] att = new float[NH * T * T], y = new float[T * C];
                Layers.attentionForward(new Slice(y, 0), new Slice(att, 0), new Slice(qkv, 3), T, 0, T, C, NH, causal);
                float[] d1 = random(r, 2 + T * 3 * C), d2 = d1.clone();
                Layers.attentionBackwardFast(new Slice(d1, 2), new Slice(dout, 1), new Slice(qkv, 3), new Slice(att, 0),
                        new float[Layers.attentionScratch(T, C / NH)], T, C, NH, causal);
                Layers.attentionBackward(new Slice(d2, 2), new Slice(dout, 1), new Slice(qkv, 3), new Slice(att, 0),
                        new float[T], T, C, NH, causal);
                assertTrue(worst(d1, d2) < 1e-5, "T " + T + " C " + C + " NH " + NH + " causal " + causal
                        + " worst " + worst(d1, d2));
            }
        }
    }

    /** The trainer's fused gradient sum against the passes it replaces: axpys, zeroing, a double sum of squares. */
    @Test
    void theFusedGradientSumIsTheSumZeroingAndSquares() {
        Random r = new Random(14);
        for (int threads : new int[] {1, 2, 3}) {
            int n = 1000 + 7;
            float[][] fused = new float[threads][], plain = new float[threads][];
            for (int k = 0; k < threads; k++) {
                fused[k] = random(r, n);
                plain[k] = fused[k].clone();
            }
            int from = 5, to = n - 3;
            double squares = VecMath.sumIntoFirstWithSquares(fused, from, to);
            for (int k = 1; k < threads; k++) {
                VecMath.axpy(1f, plain[k], from, plain[0], from, to - from);
                Arrays.fill(plain[k], from, to, 0f);
            }
            double expected = 0;
            for (int i = from; i < to; i++) {
                expected += (double) plain[0][i] * plain[0][i];
            }
            for (int k = 0; k < threads; k++) {
                assertArrayEquals(plain[k], fused[k], threads + " threads, array " + k);
            }
            assertEquals(expected, squares, 1e-12 * expected, threads + " threads");
        }
    }

    /** The vectorised LayerNorm forward against its twin: C of whole vectors, with a remainder, fewer than a vector. */
    @Test
    void theFastLayernormForwardMatchesItsTwin() {
        Random r = new Random(13);
        for (int C : new int[] {128, 24, 8, 64}) {
            int N = 37;
            ParameterLayout.Norm norm = new ParameterLayout.Norm(3, 3 + C, C);
            float[] params = random(r, 3 + 2 * C), inp = random(r, 1 + N * C);
            for (int i = 0; i < inp.length; i++) {
                inp[i] = 5 + 3 * inp[i];    // an offset mean, as a residual stream has
            }
            Weights w = new Weights(params, null);
            float[][] y = new float[2][2 + N * C], mean = new float[2][N], rstd = new float[2][N];
            Layers.layernormForward(new Slice(y[0], 2), new Slice(mean[0], 0), new Slice(rstd[0], 0), new Slice(inp, 1),
                    w, norm, N);
            Layers.layernormForwardFast(new Slice(y[1], 2), new Slice(mean[1], 0), new Slice(rstd[1], 0),
                    new Slice(inp, 1), w, norm, N);
            assertTrue(worst(y[0], y[1]) < 1e-5, "out, C " + C + " worst " + worst(y[0], y[1]));
            assertTrue(worst(mean[0], mean[1]) < 1e-5, "mean, C " + C);
            assertTrue(worst(rstd[0], rstd[1]) < 1e-4, "rstd, C " + C + " worst " + worst(rstd[0], rstd[1]));
        }
    }

    /** The vectorised LayerNorm backward against its twin: C of whole vectors (128), with a remainder (24), and 8. */
    @Test
    void theFastLayernormBackwardMatchesItsTwin() {
        Random r = new Random(10);
        for (int C : new int[] {128, 24, 8, 64}) {
            int N = 37;
            ParameterLayout.Norm norm = new ParameterLayout.Norm(3, 3 + C, C);
            float[] params = random(r, 3 + 2 * C), inp = random(r, 1 + N * C), dout = random(r, 2 + N * C);
            float[] y = new float[N * C], mean = new float[N], rstd = new float[N];
            Weights w = new Weights(params, null);
            Layers.layernormForward(new Slice(y, 0), new Slice(mean, 0), new Slice(rstd, 0), new Slice(inp, 1), w, norm,
                    N);
            float[] dx1 = random(r, N * C), dx2 = dx1.clone(), g1 = random(r, 3 + 2 * C), g2 = g1.clone();
            Layers.layernormBackwardFast(new Slice(dx1, 0), new Slice(dout, 2), new Slice(inp, 1), new Slice(mean, 0),
                    new Slice(rstd, 0), w, g1, norm, N);
            Layers.layernormBackward(new Slice(dx2, 0), new Slice(dout, 2), new Slice(inp, 1), new Slice(mean, 0),
                    new Slice(rstd, 0), w, g2, norm, N);
            assertTrue(worst(dx1, dx2) < 1e-5, "dinp, C " + C + " worst " + worst(dx1, dx2));
            assertTrue(worst(g1, g2) < 1e-5, "dweight and dbias, C " + C + " worst " + worst(g1, g2));
        }
    }

    /**
     * GELU keeping Φ gives gelu's outputs (the same operations; compared within 1e-6 because the Vector API's
     * exp rounds its last bit differently until the JIT has compiled it), and the backward from Φ matches the
     * scalar twin.
     */
    @Test
    void geluKeepingPhiAndItsBackwardMatchTheTwins() {
        Random r = new Random(11);
        int n = 1003;
        float[] x = random(r, n);
        for (int i = 0; i < n; i++) {
            x[i] *= 4;
        }
        float[] y1 = new float[n], y2 = new float[n], phi = new float[n];
        VecMath.geluKeepingPhi(x, 0, y1, 0, phi, 0, n);
        VecMath.gelu(x, 0, y2, 0, n);
        assertTrue(worst(y1, y2) < 1e-6, "gelu keeping phi worst " + worst(y1, y2));
        float[] d = random(r, n), g1 = random(r, n), g2 = g1.clone();
        VecMath.geluBackwardFromPhi(x, 0, phi, 0, d, 0, g1, 0, n);
        VecMath.geluBackwardNaive(x, 0, d, 0, g2, 0, n);
        assertTrue(worst(g1, g2) < 1e-5, "gelu backward worst " + worst(g1, g2));
    }

    @Test
    void theBlockedTransposeIsTheTranspose() {
        Random r = new Random(7);
        for (int[] s : new int[][] {{1, 1}, {3, 70}, {2989, 128}, {33, 31}, {384, 128}}) {
            float[] src = random(r, 5 + s[0] * s[1]);
            float[] t1 = new float[2 + s[0] * s[1]], t2 = new float[2 + s[0] * s[1]];
            Gemm.transposeBlocked(src, 5, s[0], s[1], t1, 2);
            Gemm.transpose(src, 5, s[0], s[1], t2, 2);
            assertArrayEquals(t2, t1, s[0] + "x" + s[1]);
        }
        // the trainer's split over threads writes every matrix exactly once
        ModelConfig c = ModelConfig.named("d24-l2-h2-f96", 50);
        Gpt model = Gpt.initialize(c, 3);
        for (int parts : new int[] {1, 2, 3}) {
            float[] t = new float[model.parameterCount()];
            for (int i = 0; i < parts; i++) {
                model.transposeMatrices(t, i, parts);
            }
            assertArrayEquals(model.transposedWeights(), t, parts + " parts");
        }
    }

    @Test
    void transposedWeightsFollowTheParametersWhenTheyChange() {
        ModelConfig c = ModelConfig.tiny(40);
        Gpt model = Gpt.initialize(c, 5);
        float[] t = model.transposedWeights();
        int C = c.dModel(), qkv = model.layout.qkvw;
        assertEquals(model.params[qkv + 2 * C + 1], t[qkv + 3 * C + 2], "row 2, column 1 of qkvw lands at (1, 2)");
        model.params[qkv + 2 * C + 1] += 1f;
        model.parametersChanged();
        assertEquals(model.params[qkv + 2 * C + 1], model.transposedWeights()[qkv + 3 * C + 2]);
    }

    @Test
    void geluAndItsDerivativeMatchTheScalarTwinAndKnownValues() {
        Random r = new Random(4);
        float[] x = random(r, 1000);
        for (int i = 0; i < 1000; i++) {
            x[i] *= 4;
        }
        float[] y1 = new float[1000], y2 = new float[1000];
        VecMath.gelu(x, 0, y1, 0, 1000);
        VecMath.geluNaive(x, 0, y2, 0, 1000);
        assertTrue(worst(y1, y2) < 1e-6, "gelu worst " + worst(y1, y2));
        float[] d = random(r, 1000), g1 = new float[1000], g2 = new float[1000];
        VecMath.geluBackward(x, 0, d, 0, g1, 0, 1000);
        VecMath.geluBackwardNaive(x, 0, d, 0, g2, 0, 1000);
        assertTrue(worst(g1, g2) < 1e-5, "gelu' worst " + worst(g1, g2));
        // torch.nn.functional.gelu(torch.tensor([1.0, -0.5, 3.0])) = 0.8413447, -0.1542687, 2.9959502
        float[] known = {1f, -0.5f, 3f}, out = new float[3];
        VecMath.geluNaive(known, 0, out, 0, 3);
        assertEquals(0.8413447f, out[0], 1e-6f);
        assertEquals(-0.1542687f, out[1], 1e-6f);
        assertEquals(2.9959502f, out[2], 1e-6f);
    }

    @Test
    void softmaxSumsToOne() {
        float[] x = {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f};
        double lse = VecMath.softmax(x, 0, x.length);
        double s = 0;
        for (float v : x) {
            s += v;
        }
        assertEquals(1.0, s, 1e-6);
        assertEquals(11.0 + Math.log(1 / x[10]), lse, 1e-5);
    }

    @Test
    void logSumExpMatchesTheScalarSumAndLeavesItsInputAlone() {
        Random r = new Random(6);
        for (int n : new int[] {1, 7, 16, 2993}) {
            float[] x = random(r, n);
            for (int i = 0; i < n; i++) {
                x[i] = x[i] * 20 + 50;     // large logits: the max shift must keep exp finite
            }
            float[] before = x.clone();
            double max = Double.NEGATIVE_INFINITY, s = 0;
            for (float v : x) {
                max = Math.max(max, v);
            }
            for (float v : x) {
                s += Math.exp(v - max);
            }
            assertEquals(max + Math.log(s), VecMath.logSumExp(x, 0, n), 1e-4, "n = " + n);
            assertArrayEquals(before, x);
        }
    }
}
