package lab.jielong.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise maths used by the layers, vectorised with the Vector API, each beside a scalar twin.
 * GELU is the exact (erf) form of torch's {@code F.gelu}; Java has no erf, so we use the Chebyshev
 * fit of erfc from Numerical Recipes (fractional error below 1.2e-7, below float32 resolution).
 */
public final class VecMath {

    static final VectorSpecies<Float> S = Gemm.S;
    static final int VL = Gemm.VL;
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));

    private VecMath() {
    }

    /**
     * xs[0][from, to) += xs[1] + xs[2] + ... (added in that order, as axpys one after the other would), each of the
     * others zeroed there, in one pass; returns Σ x² of the sums in double (each square exact, summed in lanes).
     * The trainer's gradient sum and its norm: three passes over the gradients (add, zero, sum of squares, the
     * last one serial adds in one double) made one.
     */
    public static double sumIntoFirstWithSquares(float[][] xs, int from, int to) {
        float[] x0 = xs[0];
        int end = from + (to - from) / VL * VL;
        var D = DoubleVector.SPECIES_PREFERRED;
        boolean halves = D.length() * 2 == VL;
        DoubleVector sq0 = DoubleVector.zero(D), sq1 = sq0;
        FloatVector zero = FloatVector.zero(S);
        double tail = 0;
        if (halves) {
            for (int i = from; i < end; i += VL) {
                FloatVector acc = FloatVector.fromArray(S, x0, i);
                for (int k = 1; k < xs.length; k++) {
                    acc = acc.add(FloatVector.fromArray(S, xs[k], i));
                    zero.intoArray(xs[k], i);
                }
                acc.intoArray(x0, i);
                DoubleVector lo = (DoubleVector) acc.convertShape(VectorOperators.F2D, D, 0),
                        hi = (DoubleVector) acc.convertShape(VectorOperators.F2D, D, 1);
                sq0 = lo.fma(lo, sq0);
                sq1 = hi.fma(hi, sq1);
            }
        } else {
            end = from;
        }
        for (int i = end; i < to; i++) {
            float g = x0[i];
            for (int k = 1; k < xs.length; k++) {
                g += xs[k][i];
                xs[k][i] = 0f;
            }
            x0[i] = g;
            tail += (double) g * g;
        }
        return sq0.add(sq1).reduceLanes(VectorOperators.ADD) + tail;
    }

    /** y += alpha · x over n floats. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int nVec = n / VL * VL;
        FloatVector a = FloatVector.broadcast(S, alpha);
        for (int i = 0; i < nVec; i += VL) {
            FloatVector.fromArray(S, x, xOff + i).fma(a, FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (int i = nVec; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /**
     * y[yOff, yOff + len) += Σ_{i < n} coef[cOff + i·cStride] · x[xOff + i·xStride ..] in the order of i: n
     * {@link #axpy}s, with y's vectors kept in registers while i runs when len is one or two whole vectors
     * (the same FMA chain per element as the axpys; other lengths take the axpys).
     */
    public static void addCombination(float[] y, int yOff, float[] coef, int cOff, int cStride, float[] x, int xOff,
            int xStride, int n, int len) {
        if (len == VL) {
            FloatVector acc = FloatVector.fromArray(S, y, yOff);
            for (int i = 0; i < n; i++) {
                acc = FloatVector.fromArray(S, x, xOff + i * xStride)
                        .fma(FloatVector.broadcast(S, coef[cOff + i * cStride]), acc);
            }
            acc.intoArray(y, yOff);
        } else if (len == 2 * VL) {
            FloatVector acc0 = FloatVector.fromArray(S, y, yOff), acc1 = FloatVector.fromArray(S, y, yOff + VL);
            for (int i = 0; i < n; i++) {
                FloatVector c = FloatVector.broadcast(S, coef[cOff + i * cStride]);
                int xi = xOff + i * xStride;
                acc0 = FloatVector.fromArray(S, x, xi).fma(c, acc0);
                acc1 = FloatVector.fromArray(S, x, xi + VL).fma(c, acc1);
            }
            acc0.intoArray(y, yOff);
            acc1.intoArray(y, yOff + VL);
        } else {
            for (int i = 0; i < n; i++) {
                axpy(coef[cOff + i * cStride], x, xOff + i * xStride, y, yOff, len);
            }
        }
    }

    /** out = a + b over n floats; out may be a or b. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int nVec = n / VL * VL;
        for (int i = 0; i < nVec; i += VL) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (int i = nVec; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    /** Φ(x) = P(N(0,1) ≤ x) = 0.5 (1 + erf(x/√2)), scalar, in double (the twin of the vector path). */
    public static double phi(double x) {
        double z = Math.abs(x) * (1.0 / Math.sqrt(2.0));
        double half = 0.5 * erfcPositive(z);
        return x >= 0 ? 1.0 - half : half;
    }

    /** erfc(z) for z ≥ 0 (Numerical Recipes erfcc). */
    static double erfcPositive(double z) {
        double t = 1.0 / (1.0 + 0.5 * z);
        return t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                        + t * (-0.82215223 + t * 0.17087277)))))))));
    }

    /** Scalar twin of {@link #gelu}. */
    public static void geluNaive(float[] inp, int inOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double x = inp[inOff + i];
            out[outOff + i] = (float) (x * phi(x));
        }
    }

    /** Scalar twin of {@link #geluBackward}. */
    public static void geluBackwardNaive(float[] inp, int inOff, float[] dout, int doutOff,
            float[] dinp, int dinOff, int n) {
        for (int i = 0; i < n; i++) {
            double x = inp[inOff + i];
            double d = phi(x) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            dinp[dinOff + i] += (float) (d * dout[doutOff + i]);
        }
    }

    /** Φ(x) for a vector. */
    private static FloatVector phi(FloatVector x) {
        FloatVector z = x.abs().mul(INV_SQRT2);
        FloatVector t = z.fma(0.5f, 1f);
        t = FloatVector.broadcast(S, 1f).div(t);
        FloatVector poly = t.fma(0.17087277f, -0.82215223f);
        poly = poly.fma(t, FloatVector.broadcast(S, 1.48851587f));
        poly = poly.fma(t, FloatVector.broadcast(S, -1.13520398f));
        poly = poly.fma(t, FloatVector.broadcast(S, 0.27886807f));
        poly = poly.fma(t, FloatVector.broadcast(S, -0.18628806f));
        poly = poly.fma(t, FloatVector.broadcast(S, 0.09678418f));
        poly = poly.fma(t, FloatVector.broadcast(S, 0.37409196f));
        poly = poly.fma(t, FloatVector.broadcast(S, 1.00002368f));
        poly = poly.fma(t, FloatVector.broadcast(S, -1.26551223f));
        FloatVector arg = z.mul(z).neg().add(poly);
        FloatVector half = t.mul(arg.lanewise(VectorOperators.EXP)).mul(0.5f);
        VectorMask<Float> positive = x.compare(VectorOperators.GE, 0f);
        return half.blend(half.neg().add(1f), positive);
    }

    /** out = GELU(inp) = inp · Φ(inp), exact (erf) form. */
    public static void gelu(float[] inp, int inOff, float[] out, int outOff, int n) {
        int nVec = n / VL * VL;
        for (int i = 0; i < nVec; i += VL) {
            FloatVector x = FloatVector.fromArray(S, inp, inOff + i);
            x.mul(phi(x)).intoArray(out, outOff + i);
        }
        geluNaive(inp, inOff + nVec, out, outOff + nVec, n - nVec);
    }

    /** dinp += dout · GELU'(inp), GELU'(x) = Φ(x) + x φ(x). */
    public static void geluBackward(float[] inp, int inOff, float[] dout, int doutOff,
            float[] dinp, int dinOff, int n) {
        int nVec = n / VL * VL;
        for (int i = 0; i < nVec; i += VL) {
            FloatVector x = FloatVector.fromArray(S, inp, inOff + i);
            FloatVector density = x.mul(x).mul(-0.5f).lanewise(VectorOperators.EXP).mul(INV_SQRT_2PI);
            FloatVector d = x.fma(density, phi(x));
            d.fma(FloatVector.fromArray(S, dout, doutOff + i), FloatVector.fromArray(S, dinp, dinOff + i))
                    .intoArray(dinp, dinOff + i);
        }
        geluBackwardNaive(inp, inOff + nVec, dout, doutOff + nVec, dinp, dinOff + nVec, n - nVec);
    }

    /**
     * {@link #gelu}, also keeping Φ(inp) in phi (n floats) for {@link #geluBackwardFromPhi}: the same outputs,
     * and the backward pass need not evaluate Φ's polynomial and exponential again.
     */
    public static void geluKeepingPhi(float[] inp, int inOff, float[] out, int outOff, float[] phi, int phiOff, int n) {
        int nVec = n / VL * VL;
        for (int i = 0; i < nVec; i += VL) {
            FloatVector x = FloatVector.fromArray(S, inp, inOff + i);
            FloatVector p = phi(x);
            p.intoArray(phi, phiOff + i);
            x.mul(p).intoArray(out, outOff + i);
        }
        for (int i = nVec; i < n; i++) {
            double x = inp[inOff + i], p = phi(x);
            phi[phiOff + i] = (float) p;
            out[outOff + i] = (float) (x * p);
        }
    }

    /** {@link #geluBackward} with Φ(inp) from {@link #geluKeepingPhi}: dinp += dout · (Φ(x) + x φ(x)). */
    public static void geluBackwardFromPhi(float[] inp, int inOff, float[] phi, int phiOff, float[] dout, int doutOff,
            float[] dinp, int dinOff, int n) {
        int nVec = n / VL * VL;
        for (int i = 0; i < nVec; i += VL) {
            FloatVector x = FloatVector.fromArray(S, inp, inOff + i);
            FloatVector density = x.mul(x).mul(-0.5f).lanewise(VectorOperators.EXP).mul(INV_SQRT_2PI);
            FloatVector d = x.fma(density, FloatVector.fromArray(S, phi, phiOff + i));
            d.fma(FloatVector.fromArray(S, dout, doutOff + i), FloatVector.fromArray(S, dinp, dinOff + i))
                    .intoArray(dinp, dinOff + i);
        }
        geluBackwardNaive(inp, inOff + nVec, dout, doutOff + nVec, dinp, dinOff + nVec, n - nVec);
    }

    /** max over n floats. */
    public static float max(float[] x, int off, int n) {
        int nVec = n / VL * VL;
        float m = Float.NEGATIVE_INFINITY;
        if (nVec > 0) {
            FloatVector mv = FloatVector.fromArray(S, x, off);
            for (int i = VL; i < nVec; i += VL) {
                mv = mv.max(FloatVector.fromArray(S, x, off + i));
            }
            m = mv.reduceLanes(VectorOperators.MAX);
        }
        for (int i = nVec; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    /** out[i] = exp(x[i] - shift); returns the sum (in double). */
    public static double expShifted(float[] x, int xOff, float shift, float[] out, int outOff, int n) {
        int nVec = n / VL * VL;
        FloatVector sum = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += VL) {
            FloatVector e = FloatVector.fromArray(S, x, xOff + i).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(out, outOff + i);
            sum = sum.add(e);
        }
        double s = sum.reduceLanes(VectorOperators.ADD);
        for (int i = nVec; i < n; i++) {
            float e = (float) Math.exp(x[xOff + i] - shift);
            out[outOff + i] = e;
            s += e;
        }
        return s;
    }

    /** log Σ exp(x[i]) over n floats, stable (max + log Σ exp(x - max)); x is not written. */
    public static double logSumExp(float[] x, int off, int n) {
        float m = max(x, off, n);
        int nVec = n / VL * VL;
        FloatVector sum = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += VL) {
            sum = sum.add(FloatVector.fromArray(S, x, off + i).sub(m).lanewise(VectorOperators.EXP));
        }
        double s = sum.reduceLanes(VectorOperators.ADD);
        for (int i = nVec; i < n; i++) {
            s += Math.exp(x[off + i] - m);
        }
        return m + Math.log(s);
    }

    /** x[i] *= a. */
    public static void scale(float[] x, int off, int n, float a) {
        int nVec = n / VL * VL;
        for (int i = 0; i < nVec; i += VL) {
            FloatVector.fromArray(S, x, off + i).mul(a).intoArray(x, off + i);
        }
        for (int i = nVec; i < n; i++) {
            x[off + i] *= a;
        }
    }

    /** Index of the largest of x[from, to) (the first one on a tie). */
    public static int argmax(float[] x, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** In-place softmax of one row; returns log of the normaliser (max + log sum exp). */
    public static double softmax(float[] x, int off, int n) {
        float m = max(x, off, n);
        double s = expShifted(x, off, m, x, off, n);
        scale(x, off, n, (float) (1.0 / s));
        return m + Math.log(s);
    }
}
