package lab.jielong.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products on row-major {@code float[]} slices: the only kernels where the FLOPs are.
 * <ul>
 *   <li>{@link #mm}: C (m×n) (+)= op(A) · op(B) with transpose flags. Training uses it for both backward
 *       products of every linear layer (and for a forward on the weight as stored, (out, in)).</li>
 *   <li>{@link #aw}: out (m×n) = bias + A (m×k) · Wt (k×n) on a weight transposed to (in, out): once for
 *       inference (m = 1 for a decode step, m = prompt length for prefill), once a step for training's forward.</li>
 * </ul>
 * Both are Vector API kernels with register blocking: 4 rows × 2 vectors of the output held in
 * registers while k runs. mm packs A into 4-row blocks and B into contiguous 64-column × 256-row panels
 * that stay in L2 (measured: packing +20-70%; a 6×2 block spills registers in C2 and ran 30% slower);
 * when the panels are whole 4 × 4 blocks it reads A in place instead (packing A was ~10% of a training step);
 * aw needs no packing, its weight is already (in, out). Each has a plain triple-loop twin
 * ({@link #mmNaive}, {@link #awNaive}) that the tests hold it to. Single-threaded: the trainer
 * parallelises over the batch instead, which needs no synchronisation inside a step.
 * <p>aw's 4-row kernels are near-copies of mm's on purpose: one kernel taking A's row and column
 * strides for both (packed [p][4] vs plain rows) measured slower in C2 for the training GEMM
 * (1024×128×512 on one thread 75–140 vs 153–163 GFLOP/s, same host, back to back).
 */
public final class Gemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    /** Columns of B per panel: 64 floats = 4 AVX2 vectors, so a KB-row panel is 32 KB. */
    private static final int NB = 64;
    /**
     * Rows of B per panel (the k range one pass of the kernels covers): 128 keeps a panel (32 KB) in L1 (48 KB
     * on this host's AMD family 26 CPU, 32 KB on many others), which a 256-row panel (64 KB) overflowed.
     * Measured with bench's kernels section here (1 thread, 5 runs alternating with 256): 1024x512x128 at
     * 141-181 GFLOP/s vs 125-158; the shapes with k = 128, which this does not change, the same. Every C
     * element a vector kernel computes is still one FMA chain over p = 0..k-1 (the same bits); only the scalar
     * edge columns (n not a whole number of vectors) add one sum per panel, so there k over 128 rounds apart.
     */
    private static final int KB = 128;
    /**
     * With 512-bit vectors the CPU has 32 vector registers (AVX-512), room for a 4 × 4 block: 16
     * accumulators, 8 loads per 16 FMAs instead of 6 per 8. With 16 registers (AVX2) it would spill.
     */
    private static final boolean WIDE = VL >= 16;

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
        mm(transA, transB, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, k, n, accumulate, true);
    }

    /** {@link #mm}; readAInPlace false always packs A (what the tests hold the in-place path to). */
    static void mm(boolean transA, boolean transB, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, int m, int k, int n, boolean accumulate, boolean readAInPlace) {
        int ars = transA ? 1 : lda, acs = transA ? lda : 1;
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        float[] panel = PANEL.get();
        int m4 = m / 4 * 4;
        // when every panel is whole 4 × 4 blocks (the trainer's widths: 128, 384, 512), the kernels read A where
        // it lies (its 4 rows, or 4 neighbours in a row of a transposed A) and A is not packed: packing cost
        // as much as 10% of a training step, and these kernels do the same FMA chains, so C gets the same bits
        boolean direct = readAInPlace && WIDE && NB == 4 * VL && n % NB == 0;
        float[] packA = packBuffer(direct ? 0 : m4 * Math.min(k, KB));
        for (int p0 = 0; p0 < k; p0 += KB) {
            int pEnd = Math.min(k, p0 + KB), kp = pEnd - p0;
            // pack A's full 4-row blocks for this k range: packA[block][p][r], one sequential stream
            // for the kernels whatever A's layout (a transposed A would otherwise jump a row per p)
            for (int i = 0; !direct && i < m4; i += 4) {
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
                // pack the B panel (kp × w) contiguously: one 32 KB block reused by every row block
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
                for (int i = 0; direct && i < m4; i += 4) {
                    int c0 = cOff + i * ldc + j0;
                    if (transA) {
                        block4x4cols(a, aOff + i + p0 * lda, lda, panel, c, c0, ldc, kp);
                    } else {
                        block4x4rows(a, aOff + i * lda + p0, lda, panel, c, c0, ldc, kp);
                    }
                }
                for (int i = 0; !direct && i < m4; i += 4) {
                    int pa = i * kp, c0 = cOff + i * ldc + j0;
                    int j = 0;
                    if (WIDE) {
                        for (; j + 4 * VL <= wVec; j += 4 * VL) {
                            block4x4(packA, pa, panel, c, c0 + j, ldc, j, kp);
                        }
                    }
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

    /** C[4 rows][one 4-vector panel] += A[4 rows, kp] · panel, A's rows read where they lie (stride lda). */
    private static void block4x4rows(float[] a, int a0, int lda, float[] b, float[] c, int c0, int ldc, int kp) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int r1 = c0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, c0), c01 = FloatVector.fromArray(S, c, c0 + VL);
        FloatVector c02 = FloatVector.fromArray(S, c, c0 + 2 * VL), c03 = FloatVector.fromArray(S, c, c0 + 3 * VL);
        FloatVector c10 = FloatVector.fromArray(S, c, r1), c11 = FloatVector.fromArray(S, c, r1 + VL);
        FloatVector c12 = FloatVector.fromArray(S, c, r1 + 2 * VL), c13 = FloatVector.fromArray(S, c, r1 + 3 * VL);
        FloatVector c20 = FloatVector.fromArray(S, c, r2), c21 = FloatVector.fromArray(S, c, r2 + VL);
        FloatVector c22 = FloatVector.fromArray(S, c, r2 + 2 * VL), c23 = FloatVector.fromArray(S, c, r2 + 3 * VL);
        FloatVector c30 = FloatVector.fromArray(S, c, r3), c31 = FloatVector.fromArray(S, c, r3 + VL);
        FloatVector c32 = FloatVector.fromArray(S, c, r3 + 2 * VL), c33 = FloatVector.fromArray(S, c, r3 + 3 * VL);
        for (int p = 0; p < kp; p++) {
            int bp = p * NB;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + VL);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * VL), b3 = FloatVector.fromArray(S, b, bp + 3 * VL);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + VL);
        c02.intoArray(c, c0 + 2 * VL);
        c03.intoArray(c, c0 + 3 * VL);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + VL);
        c12.intoArray(c, r1 + 2 * VL);
        c13.intoArray(c, r1 + 3 * VL);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + VL);
        c22.intoArray(c, r2 + 2 * VL);
        c23.intoArray(c, r2 + 3 * VL);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + VL);
        c32.intoArray(c, r3 + 2 * VL);
        c33.intoArray(c, r3 + 3 * VL);
    }

    /** As {@link #block4x4rows} for a transposed A: the 4 values of step p are a[a0 + p·lda .. + 3]. */
    private static void block4x4cols(float[] a, int a0, int lda, float[] b, float[] c, int c0, int ldc, int kp) {
        int r1 = c0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, c0), c01 = FloatVector.fromArray(S, c, c0 + VL);
        FloatVector c02 = FloatVector.fromArray(S, c, c0 + 2 * VL), c03 = FloatVector.fromArray(S, c, c0 + 3 * VL);
        FloatVector c10 = FloatVector.fromArray(S, c, r1), c11 = FloatVector.fromArray(S, c, r1 + VL);
        FloatVector c12 = FloatVector.fromArray(S, c, r1 + 2 * VL), c13 = FloatVector.fromArray(S, c, r1 + 3 * VL);
        FloatVector c20 = FloatVector.fromArray(S, c, r2), c21 = FloatVector.fromArray(S, c, r2 + VL);
        FloatVector c22 = FloatVector.fromArray(S, c, r2 + 2 * VL), c23 = FloatVector.fromArray(S, c, r2 + 3 * VL);
        FloatVector c30 = FloatVector.fromArray(S, c, r3), c31 = FloatVector.fromArray(S, c, r3 + VL);
        FloatVector c32 = FloatVector.fromArray(S, c, r3 + 2 * VL), c33 = FloatVector.fromArray(S, c, r3 + 3 * VL);
        for (int p = 0; p < kp; p++) {
            int bp = p * NB, ap = a0 + p * lda;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + VL);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * VL), b3 = FloatVector.fromArray(S, b, bp + 3 * VL);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + VL);
        c02.intoArray(c, c0 + 2 * VL);
        c03.intoArray(c, c0 + 3 * VL);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + VL);
        c12.intoArray(c, r1 + 2 * VL);
        c13.intoArray(c, r1 + 3 * VL);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + VL);
        c22.intoArray(c, r2 + 2 * VL);
        c23.intoArray(c, r2 + 3 * VL);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + VL);
        c32.intoArray(c, r3 + 2 * VL);
        c33.intoArray(c, r3 + 3 * VL);
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

    /** 4 rows × 4 vectors of C in registers (AVX-512 only, see {@link #WIDE}); A packed as [p][4]. */
    private static void block4x4(float[] a, int pa, float[] b, float[] c, int c0, int ldc, int j, int kp) {
        int r1 = c0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, c0), c01 = FloatVector.fromArray(S, c, c0 + VL);
        FloatVector c02 = FloatVector.fromArray(S, c, c0 + 2 * VL), c03 = FloatVector.fromArray(S, c, c0 + 3 * VL);
        FloatVector c10 = FloatVector.fromArray(S, c, r1), c11 = FloatVector.fromArray(S, c, r1 + VL);
        FloatVector c12 = FloatVector.fromArray(S, c, r1 + 2 * VL), c13 = FloatVector.fromArray(S, c, r1 + 3 * VL);
        FloatVector c20 = FloatVector.fromArray(S, c, r2), c21 = FloatVector.fromArray(S, c, r2 + VL);
        FloatVector c22 = FloatVector.fromArray(S, c, r2 + 2 * VL), c23 = FloatVector.fromArray(S, c, r2 + 3 * VL);
        FloatVector c30 = FloatVector.fromArray(S, c, r3), c31 = FloatVector.fromArray(S, c, r3 + VL);
        FloatVector c32 = FloatVector.fromArray(S, c, r3 + 2 * VL), c33 = FloatVector.fromArray(S, c, r3 + 3 * VL);
        for (int p = 0; p < kp; p++) {
            int bp = p * NB + j, ap = pa + 4 * p;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + VL);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * VL), b3 = FloatVector.fromArray(S, b, bp + 3 * VL);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + VL);
        c02.intoArray(c, c0 + 2 * VL);
        c03.intoArray(c, c0 + 3 * VL);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + VL);
        c12.intoArray(c, r1 + 2 * VL);
        c13.intoArray(c, r1 + 3 * VL);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + VL);
        c22.intoArray(c, r2 + 2 * VL);
        c23.intoArray(c, r2 + 3 * VL);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + VL);
        c32.intoArray(c, r3 + 2 * VL);
        c33.intoArray(c, r3 + 3 * VL);
    }

    /** 4 rows × 2 vectors of C in registers while p runs over one panel; A packed as [p][4]. */
    private static void block4x2(float[] a, int pa, float[] b, float[] c, int c0, int ldc, int j, int kp) {
        FloatVector c00 = FloatVector.fromArray(S, c, c0), c01 = FloatVector.fromArray(S, c, c0 + VL);
        FloatVector c10 = FloatVector.fromArray(S, c, c0 + ldc), c11 = FloatVector.fromArray(S, c, c0 + ldc + VL);
        FloatVector c20 = FloatVector.fromArray(S, c, c0 + 2 * ldc),
                c21 = FloatVector.fromArray(S, c, c0 + 2 * ldc + VL);
        FloatVector c30 = FloatVector.fromArray(S, c, c0 + 3 * ldc),
                c31 = FloatVector.fromArray(S, c, c0 + 3 * ldc + VL);
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

    /** Plain twin of {@link #aw}. */
    public static void awNaive(float[] a, int aOff, int m, int k, float[] wt, int wtOff, int n,
            float[] bias, int biasOff, float[] out, int outOff) {
        for (int i = 0; i < m; i++) {
            for (int o = 0; o < n; o++) {
                float s = bias == null ? 0f : bias[biasOff + o];
                for (int p = 0; p < k; p++) {
                    s += a[aOff + i * k + p] * wt[wtOff + p * n + o];
                }
                out[outOff + i * n + o] = s;
            }
        }
    }

    /**
     * out (m×n) = bias (n, may be null) + A (m×k) · Wt (k×n), all densely packed, with the weight
     * transposed once to (in, out) ({@link Gpt#inferenceWeights}): the vectors run along the outputs,
     * so no dot product ends in a horizontal sum. 4 rows × 2 vectors of out stay in registers while p
     * runs; leftover rows (all of them in a decode step, m = 1) take 1 row × 4 vectors, and so do the
     * columns the 4-row blocks leave; the columns past the last whole vector (the head's last 13 of 2989) are
     * one more vector ending at n, which recomputes a few columns with the same chain (a scalar loop took 1.5%
     * of a training step for 0.4% of the head's FLOPs). Every output is the same chain of FMAs over p = 0..k-1
     * starting from the bias, whichever block computes it, so a row's result does not depend on how many rows
     * are computed with it: a decode step gives bit for bit what recomputing the whole prefix gives for that
     * position. Training uses it too, on weights its trainer transposes once a step.
     */
    public static void aw(float[] a, int aOff, int m, int k, float[] wt, int wtOff, int n,
            float[] bias, int biasOff, float[] out, int outOff) {
        aw(a, aOff, m, k, wt, wtOff, n, n, bias, biasOff, out, outOff, n);
    }

    /**
     * Columns per strip of a weight packed in panels for {@link #awPanels}: 4 AVX-512 vectors, so a strip of
     * 128 rows (the trainer's k) is a 32 KB block, inside L1.
     */
    public static final int PANEL_COLUMNS = 64;

    /**
     * {@link #aw} on a weight packed in panels ({@link Gpt#packMatrices}): Wt (k × n) stored as strips of
     * {@link #PANEL_COLUMNS} output columns, strip s (columns s·64 .. s·64 + w, w = 64 but for a narrower last
     * one) a dense (k × w) block at {@code pOff + s·64·k}. In aw a strip's k rows lie n floats apart, and at the
     * trainer's widths (n = 128, 384, 512: rows 512 B to 2 KB apart) they fall into a few of L1's sets and evict
     * each other before the next 4-row block reads them again; here they are one sequential 32 KB stream.
     * Measured here with bench's kernels section (fc's forward on a micro-batch, 256 × 128 × 512, one thread, the two
     * alternating): 151.7 → 196.4 GFLOP/s, and 146.8 → 189.5 in another run. The same kernels on the same FMA
     * chains: the same bits as aw.
     */
    public static void awPanels(float[] a, int aOff, int m, int k, float[] panels, int pOff, int n, float[] bias,
            int biasOff, float[] out, int outOff) {
        for (int j0 = 0; j0 < n; j0 += PANEL_COLUMNS) {
            int w = Math.min(PANEL_COLUMNS, n - j0);
            aw(a, aOff, m, k, panels, pOff + j0 * k, w, w, bias, biasOff + j0, out,
                    outOff + j0, n);
        }
    }

    /** {@link #aw} on n columns of Wt whose rows lie ldw floats apart, into rows of out ldo floats apart. */
    private static void aw(float[] a, int aOff, int m, int k, float[] wt, int wtOff, int ldw, int n,
            float[] bias, int biasOff, float[] out, int outOff, int ldo) {
        int nVec = n / VL * VL, m4 = m / 4 * 4;
        // columns outside, row blocks inside: a (k × 2 vectors) panel of Wt is fetched from memory once
        // and reused from L1/L2 by every 4-row block (a prefill would otherwise stream Wt m/4 times)
        int j4 = 0;                                 // columns [0, j4) of rows [0, m4) done by 4-row blocks
        for (; WIDE && m4 > 0 && j4 + 4 * VL <= nVec; j4 += 4 * VL) {
            for (int i = 0; i < m4; i += 4) {
                aw4x4(a, aOff + i * k, k, wt, wtOff + j4, ldw, bias, biasOff + j4, out, outOff + i * ldo + j4, ldo);
            }
        }
        for (; m4 > 0 && j4 + 2 * VL <= nVec; j4 += 2 * VL) {
            for (int i = 0; i < m4; i += 4) {
                aw4x2(a, aOff + i * k, k, wt, wtOff + j4, ldw, bias, biasOff + j4, out, outOff + i * ldo + j4, ldo);
            }
        }
        for (int i = 0; i < m; i++) {
            int ar = aOff + i * k, or = outOff + i * ldo;
            int j = i < m4 ? j4 : 0;
            for (; WIDE && j + 8 * VL <= nVec; j += 8 * VL) {
                aw1x8(a, ar, k, wt, wtOff + j, ldw, bias, biasOff + j, out, or + j);
            }
            for (; j + 4 * VL <= nVec; j += 4 * VL) {
                aw1x4(a, ar, k, wt, wtOff + j, ldw, bias, biasOff + j, out, or + j);
            }
            for (; j < nVec; j += VL) {
                FloatVector acc = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff + j);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.fromArray(S, wt, wtOff + p * ldw + j).fma(FloatVector.broadcast(S, a[ar + p]),
                            acc);
                }
                acc.intoArray(out, or + j);
            }
            if (j < n && n >= VL) {
                // the last columns as one vector ending at n: those it recomputes get the same chain, the same bits
                int jt = n - VL;
                FloatVector acc = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff + jt);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.fromArray(S, wt, wtOff + p * ldw + jt).fma(FloatVector.broadcast(S, a[ar + p]),
                            acc);
                }
                acc.intoArray(out, or + jt);
                j = n;
            }
            for (; j < n; j++) {
                out[or + j] = awScalar(a, ar, k, wt, wtOff + j, ldw, bias, biasOff + j);
            }
        }
    }

    private static float awScalar(float[] a, int ar, int k, float[] wt, int w0, int ldw, float[] bias, int b0) {
        float s = bias == null ? 0f : bias[b0];
        for (int p = 0; p < k; p++) {
            s = Math.fma(a[ar + p], wt[w0 + p * ldw], s);  // fused like a vector lane: the same chain
        }
        return s;
    }

    private static FloatVector start(float[] bias, int off) {
        return bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, off);
    }

    /** out[4 rows][4 vectors] = bias + A[4 rows] · Wt[:, 4 vectors] (AVX-512 only, see {@link #WIDE}). */
    private static void aw4x4(float[] a, int a0, int k, float[] wt, int w0, int ldw, float[] bias, int b0,
            float[] out, int o0, int ldo) {
        int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        FloatVector c00 = start(bias, b0), c01 = start(bias, b0 + VL), c02 = start(bias, b0 + 2 * VL),
                c03 = start(bias, b0 + 3 * VL);
        FloatVector c10 = c00, c11 = c01, c12 = c02, c13 = c03, c20 = c00, c21 = c01, c22 = c02, c23 = c03;
        FloatVector c30 = c00, c31 = c01, c32 = c02, c33 = c03;
        for (int p = 0; p < k; p++) {
            int wp = w0 + p * ldw;
            FloatVector b0v = FloatVector.fromArray(S, wt, wp), b1v = FloatVector.fromArray(S, wt, wp + VL);
            FloatVector b2v = FloatVector.fromArray(S, wt, wp + 2 * VL),
                    b3v = FloatVector.fromArray(S, wt, wp + 3 * VL);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = b0v.fma(x, c00);
            c01 = b1v.fma(x, c01);
            c02 = b2v.fma(x, c02);
            c03 = b3v.fma(x, c03);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = b0v.fma(x, c10);
            c11 = b1v.fma(x, c11);
            c12 = b2v.fma(x, c12);
            c13 = b3v.fma(x, c13);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = b0v.fma(x, c20);
            c21 = b1v.fma(x, c21);
            c22 = b2v.fma(x, c22);
            c23 = b3v.fma(x, c23);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = b0v.fma(x, c30);
            c31 = b1v.fma(x, c31);
            c32 = b2v.fma(x, c32);
            c33 = b3v.fma(x, c33);
        }
        int o1 = o0 + ldo, o2 = o1 + ldo, o3 = o2 + ldo;
        c00.intoArray(out, o0);
        c01.intoArray(out, o0 + VL);
        c02.intoArray(out, o0 + 2 * VL);
        c03.intoArray(out, o0 + 3 * VL);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + VL);
        c12.intoArray(out, o1 + 2 * VL);
        c13.intoArray(out, o1 + 3 * VL);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + VL);
        c22.intoArray(out, o2 + 2 * VL);
        c23.intoArray(out, o2 + 3 * VL);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + VL);
        c32.intoArray(out, o3 + 2 * VL);
        c33.intoArray(out, o3 + 3 * VL);
    }

    /** out[4 rows][2 vectors] = bias + A[4 rows] · Wt[:, 2 vectors]. */
    private static void aw4x2(float[] a, int a0, int k, float[] wt, int w0, int ldw, float[] bias, int b0,
            float[] out, int o0, int ldo) {
        int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        FloatVector c00 = start(bias, b0), c01 = start(bias, b0 + VL);
        FloatVector c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01;
        for (int p = 0; p < k; p++) {
            int wp = w0 + p * ldw;
            FloatVector b0v = FloatVector.fromArray(S, wt, wp), b1v = FloatVector.fromArray(S, wt, wp + VL);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = b0v.fma(x, c00);
            c01 = b1v.fma(x, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = b0v.fma(x, c10);
            c11 = b1v.fma(x, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = b0v.fma(x, c20);
            c21 = b1v.fma(x, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = b0v.fma(x, c30);
            c31 = b1v.fma(x, c31);
        }
        c00.intoArray(out, o0);
        c01.intoArray(out, o0 + VL);
        c10.intoArray(out, o0 + ldo);
        c11.intoArray(out, o0 + ldo + VL);
        c20.intoArray(out, o0 + 2 * ldo);
        c21.intoArray(out, o0 + 2 * ldo + VL);
        c30.intoArray(out, o0 + 3 * ldo);
        c31.intoArray(out, o0 + 3 * ldo + VL);
    }

    /**
     * out[1 row][8 vectors] = bias + a · Wt[:, 8 vectors] (AVX-512 only): a decode step is bound by
     * fetching Wt, and 8 vectors = 512 contiguous bytes of each Wt row in flight at once fetch faster.
     */
    private static void aw1x8(float[] a, int a0, int k, float[] wt, int w0, int ldw, float[] bias, int b0,
            float[] out, int o0) {
        FloatVector c0 = start(bias, b0), c1 = start(bias, b0 + VL), c2 = start(bias, b0 + 2 * VL),
                c3 = start(bias, b0 + 3 * VL), c4 = start(bias, b0 + 4 * VL), c5 = start(bias, b0 + 5 * VL),
                c6 = start(bias, b0 + 6 * VL), c7 = start(bias, b0 + 7 * VL);
        for (int p = 0; p < k; p++) {
            int wp = w0 + p * ldw;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c0 = FloatVector.fromArray(S, wt, wp).fma(x, c0);
            c1 = FloatVector.fromArray(S, wt, wp + VL).fma(x, c1);
            c2 = FloatVector.fromArray(S, wt, wp + 2 * VL).fma(x, c2);
            c3 = FloatVector.fromArray(S, wt, wp + 3 * VL).fma(x, c3);
            c4 = FloatVector.fromArray(S, wt, wp + 4 * VL).fma(x, c4);
            c5 = FloatVector.fromArray(S, wt, wp + 5 * VL).fma(x, c5);
            c6 = FloatVector.fromArray(S, wt, wp + 6 * VL).fma(x, c6);
            c7 = FloatVector.fromArray(S, wt, wp + 7 * VL).fma(x, c7);
        }
        c0.intoArray(out, o0);
        c1.intoArray(out, o0 + VL);
        c2.intoArray(out, o0 + 2 * VL);
        c3.intoArray(out, o0 + 3 * VL);
        c4.intoArray(out, o0 + 4 * VL);
        c5.intoArray(out, o0 + 5 * VL);
        c6.intoArray(out, o0 + 6 * VL);
        c7.intoArray(out, o0 + 7 * VL);
    }

    /** out[1 row][4 vectors] = bias + a · Wt[:, 4 vectors]: four independent FMA chains (a decode step). */
    private static void aw1x4(float[] a, int a0, int k, float[] wt, int w0, int ldw, float[] bias, int b0,
            float[] out, int o0) {
        FloatVector c0 = start(bias, b0), c1 = start(bias, b0 + VL);
        FloatVector c2 = start(bias, b0 + 2 * VL), c3 = start(bias, b0 + 3 * VL);
        for (int p = 0; p < k; p++) {
            int wp = w0 + p * ldw;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c0 = FloatVector.fromArray(S, wt, wp).fma(x, c0);
            c1 = FloatVector.fromArray(S, wt, wp + VL).fma(x, c1);
            c2 = FloatVector.fromArray(S, wt, wp + 2 * VL).fma(x, c2);
            c3 = FloatVector.fromArray(S, wt, wp + 3 * VL).fma(x, c3);
        }
        c0.intoArray(out, o0);
        c1.intoArray(out, o0 + VL);
        c2.intoArray(out, o0 + 2 * VL);
        c3.intoArray(out, o0 + 3 * VL);
    }

    /**
     * {@link #transpose} in tiles of 8 columns × 64 rows: 8 rows of dst are written, each 64 floats long, while
     * 64 rows of src are read 8 floats at a time, so both stay in L1 whatever the strides (square 32 × 32
     * tiles measured 2-4 times slower on 512 × 128, whose 512-byte write stride keeps hitting the same L1
     * sets). The trainer transposes every matrix once a step: the same values, in a cache-friendly order.
     */
    static void transposeBlocked(float[] src, int sOff, int rows, int cols, float[] dst, int dOff) {
        final int TR = 64, TC = 8;
        for (int c0 = 0; c0 < cols; c0 += TC) {
            int c1 = Math.min(cols, c0 + TC);
            for (int r0 = 0; r0 < rows; r0 += TR) {
                int r1 = Math.min(rows, r0 + TR);
                for (int c = c0; c < c1; c++) {
                    int d = dOff + c * rows;
                    for (int r = r0; r < r1; r++) {
                        dst[d + r] = src[sOff + r * cols + c];
                    }
                }
            }
        }
    }

    /** dst[dOff..] (cols × rows) = the transpose of src[sOff..] (rows × cols). */
    static void transpose(float[] src, int sOff, int rows, int cols, float[] dst, int dOff) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[dOff + c * rows + r] = src[sOff + r * cols + c];
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
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9)
                .reduceLanes(VectorOperators.ADD);
    }

    /** FLOPs of {@link #fmaProbe}. */
    public static double fmaProbeFlops(long iters) {
        return iters * 10.0 * 2 * VL;
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
