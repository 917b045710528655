package lab.jielong.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encoder-decoder's correctness checks, as the decoder's: its cross-attention layer against a naive
 * computation, a finite-difference check of every parameter group (cross-attention included), and cached
 * decoding equal to recomputation by the training pass.
 */
class EncoderDecoderTest {

    static final EncDecConfig TINY = new EncDecConfig(13, 6, 5, 8, 2, 2, 2, 12);

    static EncoderDecoder randomModel(EncDecConfig c, long seed) {
        EncoderDecoder m = EncoderDecoder.initialize(c, seed);
        Random r = new Random(seed);
        float[] p = m.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (r.nextGaussian() * 0.3);
        }
        return m;
    }

    /** Rows of X (Tx, PAD-padded to different lengths) then Y (Ty + 1), with some PAD targets. */
    static int[] batch(EncDecConfig c, int B, int Tx, int Ty, long seed) {
        Random r = new Random(seed);
        int row = Tx + Ty + 1;
        int[] t = new int[B * row];
        for (int b = 0; b < B; b++) {
            int len = Tx - b % 3;
            for (int i = 0; i < len; i++) {
                t[b * row + i] = 1 + r.nextInt(c.vocabSize() - 1);
            }
            for (int i = 0; i <= Ty; i++) {
                t[b * row + Tx + i] = 1 + r.nextInt(c.vocabSize() - 1);
            }
            if (b == 1) {
                t[b * row + Tx + Ty] = 0;
            }
        }
        return t;
    }

    @Test
    void crossAttentionMatchesNaiveComputation() {
        int nq = 3, nk = 4, C = 8, NH = 2, hs = C / NH;
        Random r = new Random(3);
        float[] q = new float[nq * C], kv = new float[nk * 2 * C];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < kv.length; i++) {
            kv[i] = (float) r.nextGaussian();
        }
        float[] out = new float[nq * C], att = new float[NH * nq * nk];
        Layers.crossAttentionForward(new Slice(out, 0), new Slice(att, 0), new Slice(q, 0), new Slice(kv, 0), nq, nk,
                C, NH);
        double worst = 0;
        for (int h = 0; h < NH; h++) {
            for (int i = 0; i < nq; i++) {
                double[] s = new double[nk];
                double max = -1e30, sum = 0;
                for (int j = 0; j < nk; j++) {
                    for (int d = 0; d < hs; d++) {
                        s[j] += (double) q[i * C + h * hs + d] * kv[j * 2 * C + h * hs + d];
                    }
                    s[j] /= Math.sqrt(hs);
                    max = Math.max(max, s[j]);
                }
                for (int j = 0; j < nk; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < nk; j++) {
                    worst = Math.max(worst, Math.abs(s[j] / sum - att[(h * nq + i) * nk + j]));
                }
                for (int d = 0; d < hs; d++) {
                    double y = 0;
                    for (int j = 0; j < nk; j++) {
                        y += s[j] / sum * kv[j * 2 * C + C + h * hs + d];
                    }
                    worst = Math.max(worst, Math.abs(y - out[i * C + h * hs + d]));
                }
            }
        }
        System.out.printf("cross-attention vs naive: worst |diff| %.2e%n", worst);
        assertTrue(worst < 1e-5, "worst " + worst);
    }

    @Test
    void everyGroupMatchesCentralDifferences() {
        EncoderDecoder model = randomModel(TINY, 7);
        int B = 3, Tx = 6, Ty = 5, row = Tx + Ty + 1;
        int[] t = batch(TINY, B, Tx, Ty, 11);
        EncDecPass pass = new EncDecPass(model, B);
        pass.forward(t, 0, row, B, Tx, Ty);
        int count = pass.targetCount();
        float[] grads = new float[model.parameterCount()];
        pass.backward(grads, 1f / count);
        float[] p = model.parameters();
        float h = 1e-2f;
        StringBuilder report = new StringBuilder();
        double worst = 0;
        for (ParameterLayout.Group g : model.layout.groups()) {
            double num2 = 0, diff2 = 0, ana2 = 0;
            int checks = Math.min(g.size(), 24);
            for (int j = 0; j < checks; j++) {
                int i = g.offset() + (int) ((long) j * g.size() / checks);
                float saved = p[i];
                p[i] = saved + h;
                double lp = pass.forward(t, 0, row, B, Tx, Ty) / count;
                p[i] = saved - h;
                double lm = pass.forward(t, 0, row, B, Tx, Ty) / count;
                p[i] = saved;
                double numeric = (lp - lm) / (2 * h);
                diff2 += (numeric - grads[i]) * (numeric - grads[i]);
                num2 += numeric * numeric;
                ana2 += (double) grads[i] * grads[i];
            }
            double rel = Math.sqrt(diff2) / (Math.sqrt(num2) + Math.sqrt(ana2) + 1e-12);
            report.append(String.format("%-13s rel %.2e |g| %.2e%n", g.name(), rel, Math.sqrt(ana2)));
            worst = Math.max(worst, rel);
            boolean unusedPosition = g.name().equals("enc.wpe"); // rows past the longest X never get a gradient
            assertTrue(ana2 > 1e-10 || unusedPosition, "gradient of " + g.name() + " is zero:\n" + report);
        }
        System.out.print("gradient check (encoder-decoder)\n" + report);
        assertTrue(worst < 2e-2, "worst relative difference " + worst + "\n" + report);
    }

    @Test
    void cachedDecodingEqualsRecomputation() {
        EncoderDecoder model = randomModel(TINY, 5);
        int B = 1, Tx = 4, Ty = 5, row = Tx + Ty + 1;
        int[] t = {3, 7, 9, 2, 1, 5, 6, 11, 12, 4};
        EncDecPass pass = new EncDecPass(model, B);
        pass.forward(t, 0, row, B, Tx, Ty);
        float[] full = pass.logits().clone();
        EncDecSession s = model.newSession();
        s.encode(new int[] {3, 7, 9, 2});
        double worst = 0;
        int V = TINY.vocabSize();
        for (int i = 0; i < Ty; i++) {
            s.feed(t[Tx + i]);
            float[] lg = s.logits();
            for (int v = 0; v < V; v++) {
                worst = Math.max(worst, Math.abs(lg[v] - full[i * V + v]));
                assertEquals(lg[v], s.logit(v), 1e-4);
            }
        }
        assertEquals(1, s.sourcePasses(), "the encoder and the cross keys/values ran once");
        // a prefill of several tokens gives the same as one at a time
        EncDecSession s2 = model.newSession();
        s2.encode(new int[] {3, 7, 9, 2});
        s2.feed(new int[] {t[Tx], t[Tx + 1], t[Tx + 2]});
        s2.feed(new int[] {t[Tx + 3], t[Tx + 4]});
        for (int v = 0; v < V; v++) {
            worst = Math.max(worst, Math.abs(s2.logits()[v] - full[(Ty - 1) * V + v]));
        }
        System.out.printf("cached decoding vs recomputation: worst |diff| %.2e%n", worst);
        assertTrue(worst < 1e-4, "worst " + worst);
    }

    @Test
    void padAfterTheSourceChangesNothing() {
        EncoderDecoder model = randomModel(TINY, 9);
        int Tx = 6, Ty = 5, row = Tx + Ty + 1;
        int[] a = {3, 7, 9, 0, 0, 0, 1, 5, 6, 11, 12, 4};
        EncDecPass pass = new EncDecPass(model, 1);
        pass.forward(a, 0, row, 1, Tx, Ty);
        float[] padded = pass.logits().clone();
        int[] b = {3, 7, 9, 1, 5, 6, 11, 12, 4};
        pass.forward(b, 0, 9, 1, 3, Ty);
        float[] exact = pass.logits();
        for (int i = 0; i < Ty * TINY.vocabSize(); i++) {
            assertEquals(exact[i], padded[i], 1e-5);
        }
    }
}
