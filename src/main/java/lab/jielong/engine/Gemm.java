package lab.jielong.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products on row-major {@code float[]} slices: the only kernels where the FLOPs are.
 * <ul>
 *   <li>{@link #mm}: C (m×n) (+)= op(A) · op(B) with transpose flags. Training uses it for every linear
 *       layer: the forward on the weight as stored, (out, in), and both backward products.</li>
 *   <li>{@link #abt}: out (m×n) = bias + A (m×k) · W (n×k)ᵀ, the dot-product form on a weight in its
 *       (out, in) layout. Inference uses it (m = 1 for a decode step, m = prompt length for prefill).</li>
 * </ul>
 * Both are Vector API kernels with register blocking (nn: 4 rows × 2 vectors of C held in registers
 * while k runs, A packed into 4-row blocks and B into contiguous 64-column × 256-row panels that stay
 * in L2 (measured here: packing +20-70%; a 6×2 block spills registers in C2 and ran 30% slower); abt: 1 row of A against 4 rows
 * of W). Each has a plain triple-loop twin ({@link #mmNaive}, {@link #abtNaive}) that the tests hold
 * it to. Single-threaded: the trainer parallelises over the batch instead, which needs no
 * synchronisation inside a step.
 */
public final class Gemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    /** Columns of B per panel: 64 floats = 4 AVX2 vectors, so a 256-row panel is 64 KB. */
    private static final int NB = 64;
    private static final int KB = 256;

    private Gemm() {
    }

    /** Plain twin of {@link #mm}. */
    public static void mmNaive(boolean transA, boolean transB, float[] a, int aOff, int lda, float[] b, int bOff,
                               int ldb, float[] c, int cOff, int ldc, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[cOff + i * ldc + j] : 0f;
                for (int p = 0; p < k; p++) {
                    float x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    /**
     * C (m×n) = (accumulate ? C : 0) + op(A) (m×k) · op(B) (k×n), op = transpose when the flag is set;
     * lda, ldb, ldc are the row strides of the arrays as stored. Transposing B costs nothing (it is
     * packed anyway); a transposed A is read column-wise by the broadcasts.
     */
    public static void mm(boolean transA, boolean transB, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, int m, int k, int n, boolean accumulate) {
        int ars = transA ? 1 : lda, acs = transA ? lda : 1;
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        float[] panel = PANEL.get();
        int m4 = m / 4 * 4;
        float[] packA = packBuffer(m4 * Math.min(k, KB));
        for (int p0 = 0; p0 < k; p0 += KB) {
            int pEnd = Math.min(k, p0 + KB), kp = pEnd - p0;
            // pack A's full 4-row blocks for this k range: packA[block][p][r], one sequential stream
            // for the kernels whatever A's layout (a transposed A would otherwise jump a row per p)
            for (int i = 0; i < m4; i += 4) {
                int dst = i * kp;
                for (int p = 0; p < kp; p++) {
                    int src = aOff + i * ars + (p0 + p) * acs;
                    packA[dst + 4 * p] = a[src];
                    packA[dst + 4 * p + 1] = a[src + ars];
                    packA[dst + 4 * p + 2] = a[src + 2 * ars];
                    packA[dst + 4 * p + 3] = a[src + 3 * ars];
                }
            }
            for (int j0 = 0; j0 < n; j0 += NB) {
                int jEnd = Math.min(n, j0 + NB), w = jEnd - j0;
                int wVec = w / VL * VL;
                // pack the B panel (kp × w) contiguously: one 64 KB block reused by every row block
                if (transB) {
                    for (int jj = 0; jj < w; jj++) {
                        int src = bOff + (j0 + jj) * ldb + p0;
                        for (int p = 0; p < kp; p++) {
                            panel[p * NB + jj] = b[src + p];
                        }
                    }
                } else {
                    for (int p = 0; p < kp; p++) {
                        System.arraycopy(b, bOff + (p0 + p) * ldb + j0, panel, p * NB, w);
                    }
                }
                for (int i = 0; i < m4; i += 4) {
                    int pa = i * kp, c0 = cOff + i * ldc + j0;
                    int j = 0;
                    for (; j + 2 * VL <= wVec; j += 2 * VL) {
                        block4x2(packA, pa, panel, c, c0 + j, ldc, j, kp);
                    }
                    for (; j < wVec; j += VL) {
                        block4x1(packA, pa, panel, c, c0 + j, ldc, j, kp);
                    }
                    for (; j < w; j++) {
                        for (int r = 0; r < 4; r++) {
                            float s = 0f;
                            for (int p = 0; p < kp; p++) {
                                s += packA[pa + 4 * p + r] * panel[p * NB + j];
                            }
                            c[c0 + r * ldc + j] += s;
                        }
                    }
                }
                for (int i = m4; i < m; i++) {
                    int ar = aOff + i * ars + p0 * acs, c0 = cOff + i * ldc + j0;
                    int j = 0;
                    for (; j < wVec; j += VL) {
                        block1x1(a, ar, acs, panel, c, c0 + j, j, kp);
                    }
                    for (; j < w; j++) {
                        float s = 0f;
                        for (int p = 0; p < kp; p++) {
                            s += a[ar + p * acs] * panel[p * NB + j];
                        }
                        c[c0 + j] += s;
                    }
                }
            }
        }
    }

    private static final ThreadLocal<float[][]> PACK_A = ThreadLocal.withInitial(() -> new float[1][0]);

    private static float[] packBuffer(int n) {
        float[][] holder = PACK_A.get();
        if (holder[0].length < n) {
            holder[0] = new float[n];
        }
        return holder[0];
    }

    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[KB * NB]);

    private static void block1x1(float[] a, int a0, int acs, float[] b, float[] c, int c0, int j, int kp) {
        FloatVector acc = FloatVector.fromArray(S, c, c0);
        for (int p = 0; p < kp; p++) {
            acc = FloatVector.fromArray(S, b, p * NB + j).fma(FloatVector.broadcast(S, a[a0 + p * acs]), acc);
        }
        acc.intoArray(c, c0);
    }

    /** 4 rows × 2 vectors of C in registers while p runs over one panel; A packed as [p][4]. */
    private static void block4x2(float[] a, int pa, float[] b, float[] c, int c0, int ldc, int j, int kp) {
        FloatVector c00 = FloatVector.fromArray(S, c, c0), c01 = FloatVector.fromArray(S, c, c0 + VL);
        FloatVector c10 = FloatVector.fromArray(S, c, c0 + ldc), c11 = FloatVector.fromArray(S, c, c0 + ldc + VL);
        FloatVector c20 = FloatVector.fromArray(S, c, c0 + 2 * ldc), c21 = FloatVector.fromArray(S, c, c0 + 2 * ldc + VL);
        FloatVector c30 = FloatVector.fromArray(S, c, c0 + 3 * ldc), c31 = FloatVector.fromArray(S, c, c0 + 3 * ldc + VL);
        for (int p = 0; p < kp; p++) {
            int bp = p * NB + j, ap = pa + 4 * p;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + VL);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + VL);
        c10.intoArray(c, c0 + ldc);
        c11.intoArray(c, c0 + ldc + VL);
        c20.intoArray(c, c0 + 2 * ldc);
        c21.intoArray(c, c0 + 2 * ldc + VL);
        c30.intoArray(c, c0 + 3 * ldc);
        c31.intoArray(c, c0 + 3 * ldc + VL);
    }

    private static void block4x1(float[] a, int pa, float[] b, float[] c, int c0, int ldc, int j, int kp) {
        FloatVector c0v = FloatVector.fromArray(S, c, c0);
        FloatVector c1v = FloatVector.fromArray(S, c, c0 + ldc);
        FloatVector c2v = FloatVector.fromArray(S, c, c0 + 2 * ldc);
        FloatVector c3v = FloatVector.fromArray(S, c, c0 + 3 * ldc);
        for (int p = 0; p < kp; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, p * NB + j);
            int ap = pa + 4 * p;
            c0v = bv.fma(FloatVector.broadcast(S, a[ap]), c0v);
            c1v = bv.fma(FloatVector.broadcast(S, a[ap + 1]), c1v);
            c2v = bv.fma(FloatVector.broadcast(S, a[ap + 2]), c2v);
            c3v = bv.fma(FloatVector.broadcast(S, a[ap + 3]), c3v);
        }
        c0v.intoArray(c, c0);
        c1v.intoArray(c, c0 + ldc);
        c2v.intoArray(c, c0 + 2 * ldc);
        c3v.intoArray(c, c0 + 3 * ldc);
    }

    /** Plain twin of {@link #abt}. */
    public static void abtNaive(float[] a, int aOff, int m, float[] w, int wOff, int n, int k,
                                float[] bias, int biasOff, float[] out, int outOff) {
        for (int i = 0; i < m; i++) {
            for (int o = 0; o < n; o++) {
                float s = bias == null ? 0f : bias[biasOff + o];
                for (int p = 0; p < k; p++) {
                    s += a[aOff + i * k + p] * w[wOff + o * k + p];
                }
                out[outOff + i * n + o] = s;
            }
        }
    }

    /**
     * out (m×n) = bias (n, may be null) + A (m×k) · W (n×k)ᵀ, all densely packed.
     */
    public static void abt(float[] a, int aOff, int m, float[] w, int wOff, int n, int k,
                           float[] bias, int biasOff, float[] out, int outOff) {
        abtRows(a, aOff, m, w, wOff, 0, n, n, k, bias, biasOff, out, outOff);
    }

    /** {@link #abt} restricted to the output columns o0..o1-1 (rows of W); out keeps stride n. */
    static void abtRows(float[] a, int aOff, int m, float[] w, int wOff, int o0, int o1, int n, int k,
                        float[] bias, int biasOff, float[] out, int outOff) {
        int kVec = k / VL * VL;
        int o = o0;
        for (; o + 4 <= o1; o += 4) {
            int w0 = wOff + o * k, w1 = w0 + k, w2 = w1 + k, w3 = w2 + k;
            int i = 0;
            if (kVec == k) {
                // two rows of A against the four rows of W: 8 accumulators, 6 loads per 8 FMAs
                for (; i + 2 <= m; i += 2) {
                    abt2x4(a, aOff + i * k, w, w0, k, bias, biasOff, o, out, outOff + i * n + o, n);
                }
            }
            for (; i < m; i++) {
                int ar = aOff + i * k;
                FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
                for (int p = 0; p < kVec; p += VL) {
                    FloatVector x = FloatVector.fromArray(S, a, ar + p);
                    s0 = FloatVector.fromArray(S, w, w0 + p).fma(x, s0);
                    s1 = FloatVector.fromArray(S, w, w1 + p).fma(x, s1);
                    s2 = FloatVector.fromArray(S, w, w2 + p).fma(x, s2);
                    s3 = FloatVector.fromArray(S, w, w3 + p).fma(x, s3);
                }
                float r0 = s0.reduceLanes(VectorOperators.ADD), r1 = s1.reduceLanes(VectorOperators.ADD);
                float r2 = s2.reduceLanes(VectorOperators.ADD), r3 = s3.reduceLanes(VectorOperators.ADD);
                for (int p = kVec; p < k; p++) {
                    float x = a[ar + p];
                    r0 += x * w[w0 + p];
                    r1 += x * w[w1 + p];
                    r2 += x * w[w2 + p];
                    r3 += x * w[w3 + p];
                }
                int oi = outOff + i * n + o;
                if (bias != null) {
                    r0 += bias[biasOff + o];
                    r1 += bias[biasOff + o + 1];
                    r2 += bias[biasOff + o + 2];
                    r3 += bias[biasOff + o + 3];
                }
                out[oi] = r0;
                out[oi + 1] = r1;
                out[oi + 2] = r2;
                out[oi + 3] = r3;
            }
        }
        for (; o < o1; o++) {
            int w0 = wOff + o * k;
            for (int i = 0; i < m; i++) {
                out[outOff + i * n + o] = (bias == null ? 0f : bias[biasOff + o]) + dot(a, aOff + i * k, w, w0, k);
            }
        }
    }

    /** The vector shape the kernels use, e.g. "Species[float, 8, S_256_BIT]". */
    public static String speciesName() {
        return S.toString();
    }

    /** Ten independent FMA chains on registers, iters times: the ceiling probe of {@code bench}. */
    public static float fmaProbe(long iters) {
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0.add(1f), a2 = a0.add(2f), a3 = a0.add(3f),
                a4 = a0.add(4f), a5 = a0.add(5f), a6 = a0.add(6f), a7 = a0.add(7f), a8 = a0.add(8f), a9 = a0.add(9f);
        FloatVector m = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).reduceLanes(VectorOperators.ADD);
    }

    /** FLOPs of {@link #fmaProbe}. */
    public static double fmaProbeFlops(long iters) {
        return iters * 10.0 * 2 * VL;
    }

    private static void abt2x4(float[] a, int a0, float[] w, int w0, int k, float[] bias, int biasOff, int o,
                               float[] out, int oi, int n) {
        int a1 = a0 + k, w1 = w0 + k, w2 = w1 + k, w3 = w2 + k;
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S), s02 = FloatVector.zero(S), s03 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S), s12 = FloatVector.zero(S), s13 = FloatVector.zero(S);
        for (int p = 0; p < k; p += VL) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector v = FloatVector.fromArray(S, w, w0 + p);
            s00 = v.fma(x0, s00);
            s10 = v.fma(x1, s10);
            v = FloatVector.fromArray(S, w, w1 + p);
            s01 = v.fma(x0, s01);
            s11 = v.fma(x1, s11);
            v = FloatVector.fromArray(S, w, w2 + p);
            s02 = v.fma(x0, s02);
            s12 = v.fma(x1, s12);
            v = FloatVector.fromArray(S, w, w3 + p);
            s03 = v.fma(x0, s03);
            s13 = v.fma(x1, s13);
        }
        float b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        if (bias != null) {
            b0 = bias[biasOff + o];
            b1 = bias[biasOff + o + 1];
            b2 = bias[biasOff + o + 2];
            b3 = bias[biasOff + o + 3];
        }
        out[oi] = b0 + s00.reduceLanes(VectorOperators.ADD);
        out[oi + 1] = b1 + s01.reduceLanes(VectorOperators.ADD);
        out[oi + 2] = b2 + s02.reduceLanes(VectorOperators.ADD);
        out[oi + 3] = b3 + s03.reduceLanes(VectorOperators.ADD);
        out[oi + n] = b0 + s10.reduceLanes(VectorOperators.ADD);
        out[oi + n + 1] = b1 + s11.reduceLanes(VectorOperators.ADD);
        out[oi + n + 2] = b2 + s12.reduceLanes(VectorOperators.ADD);
        out[oi + n + 3] = b3 + s13.reduceLanes(VectorOperators.ADD);
    }

    /** x · y over n floats. */
    public static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        int nVec = n / VL * VL;
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < nVec; p += VL) {
            s = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), s);
        }
        float r = s.reduceLanes(VectorOperators.ADD);
        for (int p = nVec; p < n; p++) {
            r += x[xOff + p] * y[yOff + p];
        }
        return r;
    }
}
