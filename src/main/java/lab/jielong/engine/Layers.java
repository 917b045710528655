package lab.jielong.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import lab.jielong.engine.ParameterLayout.Embedding;
import lab.jielong.engine.ParameterLayout.Linear;
import lab.jielong.engine.ParameterLayout.Norm;

import java.util.Arrays;

/**
 * The transformer's layers, each forward beside its backward (llm.c {@code train_gpt2.c} style). Both the
 * {@link TrainingPass} and the {@link InferenceSession} run a model through these same forwards; another
 * model (an encoder-decoder, say) can call them too.
 * <ul>
 *   <li>Row-wise layers (LayerNorm, linear, GELU, residual, cross-entropy) take N rows, N = B·T in
 *       training and the positions being computed in inference.</li>
 *   <li>Sequence layers (embedding, attention) take one sequence: they need the positions. The training
 *       pass calls them once per sequence of its batch.</li>
 * </ul>
 * Tensors are {@link Slice}s with the shapes given in each comment (legend in {@link lab.jielong.engine});
 * parameters are read from {@link Weights} at the offsets the {@link ParameterLayout} names. Backward
 * functions accumulate (+=) into gradient buffers, so a tensor used twice (the residual stream, the tied
 * embedding) collects both contributions; the caller zeroes an activation's gradient before reusing it.
 */
public final class Layers {

    private Layers() {
    }

    // ---------------------------------------------------------------- token + position embedding

    /** out (T, C) = wte[token] + wpe[position] for tokens[tokOff ..] at positions pos0 .. pos0+T-1. */
    public static void embeddingForward(Slice out, int[] tokens, int tokOff, int T, int pos0, Weights w,
            Embedding e) {
        int C = e.channels();
        float[] p = w.params(), o = out.data();
        for (int t = 0; t < T; t++) {
            int row = out.offset() + t * C;
            int tok = e.wte() + tokens[tokOff + t] * C, pos = e.wpe() + (pos0 + t) * C;
            for (int i = 0; i < C; i++) {
                o[row + i] = p[tok + i] + p[pos + i];
            }
        }
    }

    /** dwte[token] += dout, dwpe[t] += dout, for one sequence at positions 0..T-1. */
    public static void embeddingBackward(Slice dout, int[] tokens, int tokOff, int T, float[] grads, Embedding e) {
        int C = e.channels();
        for (int t = 0; t < T; t++) {
            int row = dout.offset() + t * C;
            VecMath.axpy(1f, dout.data(), row, grads, e.wte() + tokens[tokOff + t] * C, C);
            VecMath.axpy(1f, dout.data(), row, grads, e.wpe() + t * C, C);
        }
    }

    // ---------------------------------------------------------------- LayerNorm (eps 1e-5)

    /** out (N, C) = (inp - mean) · rstd · weight + bias; keeps mean and rstd (N) for the backward pass. */
    public static void layernormForward(Slice out, Slice mean, Slice rstd, Slice inp, Weights w, Norm norm, int N) {
        int C = norm.channels();
        float[] p = w.params(), in = inp.data(), o = out.data();
        int wt = norm.weight(), b = norm.bias();
        for (int n = 0; n < N; n++) {
            int x = inp.offset() + n * C;
            double m = 0;
            for (int i = 0; i < C; i++) {
                m += in[x + i];
            }
            m /= C;
            double v = 0;
            for (int i = 0; i < C; i++) {
                double d = in[x + i] - m;
                v += d * d;
            }
            v /= C;
            float s = (float) (1.0 / Math.sqrt(v + 1e-5));
            float mf = (float) m;
            int row = out.offset() + n * C;
            for (int i = 0; i < C; i++) {
                o[row + i] = (in[x + i] - mf) * s * p[wt + i] + p[b + i];
            }
            mean.data()[mean.offset() + n] = mf;
            rstd.data()[rstd.offset() + n] = s;
        }
    }

    /**
     * {@link #layernormForward} with vectors along the channels, the training pass's: sums in float lanes instead of
     * one double chain per row (the scalar twin's serial adds made LayerNorm ~4% of a training step here), so
     * the outputs differ in rounding only. Inference keeps the twin: its figures stay those of the shipped models.
     */
    public static void layernormForwardFast(Slice out, Slice mean, Slice rstd, Slice inp, Weights w, Norm norm,
            int N) {
        int C = norm.channels(), cVec = C / VecMath.VL * VecMath.VL;
        var S = VecMath.S;
        float[] p = w.params(), in = inp.data(), o = out.data();
        int wt = norm.weight(), b = norm.bias();
        for (int n = 0; n < N; n++) {
            int x = inp.offset() + n * C, row = out.offset() + n * C;
            FloatVector sum = FloatVector.zero(S);
            for (int i = 0; i < cVec; i += VecMath.VL) {
                sum = sum.add(FloatVector.fromArray(S, in, x + i));
            }
            float total = sum.reduceLanes(VectorOperators.ADD);
            for (int i = cVec; i < C; i++) {
                total += in[x + i];
            }
            float m = total / C;
            FloatVector squares = FloatVector.zero(S);
            for (int i = 0; i < cVec; i += VecMath.VL) {
                FloatVector d = FloatVector.fromArray(S, in, x + i).sub(m);
                squares = d.fma(d, squares);
            }
            float v = squares.reduceLanes(VectorOperators.ADD);
            for (int i = cVec; i < C; i++) {
                float d = in[x + i] - m;
                v += d * d;
            }
            float s = (float) (1.0 / Math.sqrt(v / C + 1e-5));
            for (int i = 0; i < cVec; i += VecMath.VL) {
                FloatVector.fromArray(S, in, x + i).sub(m).mul(s)
                        .fma(FloatVector.fromArray(S, p, wt + i), FloatVector.fromArray(S, p, b + i))
                        .intoArray(o, row + i);
            }
            for (int i = cVec; i < C; i++) {
                o[row + i] = (in[x + i] - m) * s * p[wt + i] + p[b + i];
            }
            mean.data()[mean.offset() + n] = m;
            rstd.data()[rstd.offset() + n] = s;
        }
    }

    /** dinp (N, C) += ..., dweight and dbias (C) += ..., from dout (N, C) and the forward's inp, mean, rstd. */
    public static void layernormBackward(Slice dinp, Slice dout, Slice inp, Slice mean, Slice rstd, Weights w,
            float[] grads, Norm norm, int N) {
        int C = norm.channels();
        float[] p = w.params(), in = inp.data(), dy = dout.data(), dx = dinp.data();
        int wt = norm.weight(), dw = norm.weight(), db = norm.bias();
        for (int n = 0; n < N; n++) {
            int x = inp.offset() + n * C, d = dout.offset() + n * C, di = dinp.offset() + n * C;
            float m = mean.data()[mean.offset() + n], s = rstd.data()[rstd.offset() + n];
            // two reductions: mean of (w·dout) and mean of (w·dout·norm)
            float dnormMean = 0f, dnormNormMean = 0f;
            for (int i = 0; i < C; i++) {
                float nrm = (in[x + i] - m) * s;
                float dnorm = p[wt + i] * dy[d + i];
                dnormMean += dnorm;
                dnormNormMean += dnorm * nrm;
            }
            dnormMean /= C;
            dnormNormMean /= C;
            for (int i = 0; i < C; i++) {
                float nrm = (in[x + i] - m) * s;
                float dnorm = p[wt + i] * dy[d + i];
                grads[db + i] += dy[d + i];
                grads[dw + i] += nrm * dy[d + i];
                dx[di + i] += (dnorm - dnormMean - nrm * dnormNormMean) * s;
            }
        }
    }

    /**
     * {@link #layernormBackward} (its plain twin) with the Vector API: both row reductions in vector lanes,
     * the row's updates of dinp, dweight and dbias in vectors. Rows whose C leaves a remainder finish it in
     * scalars.
     */
    public static void layernormBackwardFast(Slice dinp, Slice dout, Slice inp, Slice mean, Slice rstd, Weights w,
            float[] grads, Norm norm, int N) {
        int C = norm.channels(), cVec = C / VecMath.VL * VecMath.VL;
        var S = VecMath.S;
        float[] p = w.params(), in = inp.data(), dy = dout.data(), dx = dinp.data();
        int wt = norm.weight(), db = norm.bias();
        for (int n = 0; n < N; n++) {
            int x = inp.offset() + n * C, d = dout.offset() + n * C, di = dinp.offset() + n * C;
            float m = mean.data()[mean.offset() + n], s = rstd.data()[rstd.offset() + n];
            // two reductions: mean of (w·dout) and mean of (w·dout·norm)
            jdk.incubator.vector.FloatVector sumD = jdk.incubator.vector.FloatVector.zero(S), sumDN = sumD;
            for (int i = 0; i < cVec; i += VecMath.VL) {
                var nrm = jdk.incubator.vector.FloatVector.fromArray(S, in, x + i).sub(m).mul(s);
                var dnorm = jdk.incubator.vector.FloatVector.fromArray(S, p, wt + i)
                        .mul(jdk.incubator.vector.FloatVector.fromArray(S, dy, d + i));
                sumD = sumD.add(dnorm);
                sumDN = dnorm.fma(nrm, sumDN);
            }
            float dnormMean = sumD.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            float dnormNormMean = sumDN.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            for (int i = cVec; i < C; i++) {
                float nrm = (in[x + i] - m) * s;
                float dnorm = p[wt + i] * dy[d + i];
                dnormMean += dnorm;
                dnormNormMean += dnorm * nrm;
            }
            dnormMean /= C;
            dnormNormMean /= C;
            for (int i = 0; i < cVec; i += VecMath.VL) {
                var dyv = jdk.incubator.vector.FloatVector.fromArray(S, dy, d + i);
                var nrm = jdk.incubator.vector.FloatVector.fromArray(S, in, x + i).sub(m).mul(s);
                var dnorm = jdk.incubator.vector.FloatVector.fromArray(S, p, wt + i).mul(dyv);
                dyv.add(jdk.incubator.vector.FloatVector.fromArray(S, grads, db + i)).intoArray(grads, db + i);
                nrm.fma(dyv, jdk.incubator.vector.FloatVector.fromArray(S, grads, wt + i)).intoArray(grads, wt + i);
                dnorm.sub(dnormMean).sub(nrm.mul(dnormNormMean))
                        .fma(jdk.incubator.vector.FloatVector.broadcast(S, s),
                                jdk.incubator.vector.FloatVector.fromArray(S, dx, di + i))
                        .intoArray(dx, di + i);
            }
            for (int i = cVec; i < C; i++) {
                float nrm = (in[x + i] - m) * s;
                float dnorm = p[wt + i] * dy[d + i];
                grads[db + i] += dy[d + i];
                grads[wt + i] += nrm * dy[d + i];
                dx[di + i] += (dnorm - dnormMean - nrm * dnormNormMean) * s;
            }
        }
    }

    // ---------------------------------------------------------------- linear layer (matmul + bias)

    /**
     * out (N, out) = inp (N, in) · Wᵀ + bias, W (out, in) as stored. With transposed weights (inference, and
     * training, whose trainer transposes them once a step) the product runs on Wt (in, out) with
     * {@link Gemm#aw}, otherwise on W with {@link Gemm#mm}.
     */
    public static void linearForward(Slice out, Slice inp, Weights w, Linear lin, int N) {
        int IN = lin.in(), OUT = lin.out();
        float[] p = w.params();
        boolean bias = lin.bias() >= 0;
        if (w.transposed() != null && w.inPanels()) {
            Gemm.awPanels(inp.data(), inp.offset(), N, IN, w.transposed(), lin.weight(), OUT, bias ? p : null,
                    lin.bias(), out.data(), out.offset());
            return;
        }
        if (w.transposed() != null) {
            Gemm.aw(inp.data(), inp.offset(), N, IN, w.transposed(), lin.weight(), OUT, bias ? p : null, lin.bias(),
                    out.data(), out.offset());
            return;
        }
        if (bias) {
            for (int n = 0; n < N; n++) {
                System.arraycopy(p, lin.bias(), out.data(), out.offset() + n * OUT, OUT);
            }
        }
        Gemm.mm(false, true, inp.data(), inp.offset(), IN, p, lin.weight(), IN, out.data(), out.offset(), OUT,
                N, IN, OUT, bias);
    }

    /**
     * dinp (N, in) += dout (N, out) · W; dW (out, in) += doutᵀ · inp; dbias (out) += column sums of dout.
     * dinp may be null (nothing upstream needs it). Both products pack (mm): kernels reading the operands where
     * they lie, without packing, gave the same floats but measured 5-7% slower per training step here.
     */
    public static void linearBackward(Slice dinp, Slice dout, Slice inp, Weights w, float[] grads, Linear lin, int N) {
        int IN = lin.in(), OUT = lin.out();
        float[] dy = dout.data();
        if (dinp != null) {
            Gemm.mm(false, false, dy, dout.offset(), OUT, w.params(), lin.weight(), IN, dinp.data(), dinp.offset(), IN,
                    N, OUT, IN, true);
        }
        Gemm.mm(true, false, dy, dout.offset(), OUT, inp.data(), inp.offset(), IN, grads, lin.weight(), IN,
                OUT, N, IN, true);
        if (lin.bias() >= 0) {
            for (int n = 0; n < N; n++) {
                VecMath.axpy(1f, dy, dout.offset() + n * OUT, grads, lin.bias(), OUT);
            }
        }
    }

    // ---------------------------------------------------------------- GELU

    /** out (n) = GELU(inp), exact (erf) form; out may be inp. */
    public static void geluForward(Slice out, Slice inp, int n) {
        VecMath.gelu(inp.data(), inp.offset(), out.data(), out.offset(), n);
    }

    /** dinp (n) += dout · GELU'(inp). */
    public static void geluBackward(Slice dinp, Slice dout, Slice inp, int n) {
        VecMath.geluBackward(inp.data(), inp.offset(), dout.data(), dout.offset(), dinp.data(), dinp.offset(), n);
    }

    // ---------------------------------------------------------------- multi-head self-attention

    /**
     * Self-attention of one sequence. qkv (nk, 3C) holds the sequence's q, k and v rows (row t: q in
     * columns 0..C-1, k in C..2C-1, v in 2C..3C-1; head h uses hs = C/NH columns of each). The nq queries are
     * the rows at positions pos0 .. pos0+nq-1; each attends to keys 0..its own position with the causal mask,
     * to all nk keys without (the peeking model).
     * out (nq, C): per head, the attention-weighted sum of the values.
     * att (NH, nq, nk): the softmax weights, 0 where masked (kept for the backward pass, or shown).
     * Training: nq = nk = T, pos0 = 0. Inference: the new positions against the cache, pos0 = cached length.
     */
    public static void attentionForward(Slice out, Slice att, Slice qkv, int nq, int pos0, int nk, int C, int NH,
            boolean causal) {
        int hs = C / NH, C3 = 3 * C;
        float scale = (float) (1.0 / Math.sqrt(hs));
        float[] x = qkv.data(), a = att.data(), o = out.data();
        int base = qkv.offset();
        for (int i = 0; i < nq; i++) {
            int t = pos0 + i;
            int last = causal ? t : nk - 1;
            for (int h = 0; h < NH; h++) {
                int q = base + t * C3 + h * hs;
                int row = att.offset() + (h * nq + i) * nk;
                // 1. scores q·k / sqrt(hs), 2. softmax over the visible positions
                for (int t2 = 0; t2 <= last; t2++) {
                    a[row + t2] = Gemm.dot(x, q, x, base + t2 * C3 + C + h * hs, hs) * scale;
                }
                VecMath.softmax(a, row, last + 1);
                Arrays.fill(a, row + last + 1, row + nk, 0f);
                // 3. weighted sum of the values (the axpys over t2, the head's columns kept in registers)
                int y = out.offset() + i * C + h * hs;
                Arrays.fill(o, y, y + hs, 0f);
                VecMath.addCombination(o, y, a, row, 1, x, base + 2 * C + h * hs, C3, last + 1, hs);
            }
        }
    }

    /**
     * Backward of {@link #attentionForward} over a whole sequence (nq = nk = T, pos0 = 0, as in training):
     * dqkv (T, 3C) += the gradients of q, k and v from dout (T, C), the forward's qkv and att (NH, T, T).
     * datt is T floats of scratch. Walks the forward's steps in reverse: 3, 2, 1.
     */
    public static void attentionBackward(Slice dqkv, Slice dout, Slice qkv, Slice att, float[] datt, int T, int C,
            int NH, boolean causal) {
        int hs = C / NH, C3 = 3 * C;
        float scale = (float) (1.0 / Math.sqrt(hs));
        float[] x = qkv.data(), dx = dqkv.data(), a = att.data(), dy = dout.data();
        int base = qkv.offset(), dbase = dqkv.offset();
        for (int t = 0; t < T; t++) {
            int last = causal ? t : T - 1;
            for (int h = 0; h < NH; h++) {
                int q = base + t * C3 + h * hs;
                int dq = dbase + t * C3 + h * hs;
                int row = att.offset() + (h * T + t) * T;
                int d = dout.offset() + t * C + h * hs;
                // 3. backward of the weighted sum: datt = dout·v, dv += att·dout
                float weighted = 0f;
                for (int t2 = 0; t2 <= last; t2++) {
                    int v = base + t2 * C3 + 2 * C + h * hs;
                    int dv = dbase + t2 * C3 + 2 * C + h * hs;
                    datt[t2] = Gemm.dot(dy, d, x, v, hs);
                    weighted += a[row + t2] * datt[t2];
                    VecMath.axpy(a[row + t2], dy, d, dx, dv, hs);
                }
                // 2. softmax backward, 1. scores backward into q and k
                for (int t2 = 0; t2 <= last; t2++) {
                    float dpre = a[row + t2] * (datt[t2] - weighted) * scale;
                    int k = base + t2 * C3 + C + h * hs;
                    int dk = dbase + t2 * C3 + C + h * hs;
                    VecMath.axpy(dpre, x, k, dx, dq, hs);
                    VecMath.axpy(dpre, x, q, dx, dk, hs);
                }
            }
        }
    }

    /** Floats of scratch {@link #attentionBackwardFast} needs for a sequence of T positions and head size hs. */
    public static int attentionScratch(int T, int hs) {
        return T * T + hs * T;
    }

    /**
     * {@link #attentionBackward} (its plain twin) with the work turned into vector products, one head at a
     * time: dP = dout · Vᵀ along the keys (V transposed into scratch, so no dot product ends in a lane
     * reduction), one reduction per query for the softmax backward, dS kept in scratch (T, T), then
     * dq += dS · K, dk += dSᵀ · Q and dv += Pᵀ · dout with the head's columns in registers. The sums over
     * queries run in the order the twin's do. Needs T a multiple of the vector length (the twin runs
     * otherwise); scratch holds {@link #attentionScratch} floats.
     */
    public static void attentionBackwardFast(Slice dqkv, Slice dout, Slice qkv, Slice att, float[] scratch, int T,
            int C, int NH, boolean causal) {
        int hs = C / NH, C3 = 3 * C;
        if (T % VecMath.VL != 0) {
            attentionBackward(dqkv, dout, qkv, att, scratch, T, C, NH, causal);
            return;
        }
        float scale = (float) (1.0 / Math.sqrt(hs));
        float[] x = qkv.data(), dx = dqkv.data(), a = att.data(), dy = dout.data();
        int base = qkv.offset(), dbase = dqkv.offset();
        int vt = T * T;                                   // scratch: dS (T, T), then Vᵀ (hs, T)
        for (int h = 0; h < NH; h++) {
            int att0 = att.offset() + h * T * T;
            // Vᵀ (hs, T) of this head
            for (int t2 = 0; t2 < T; t2++) {
                int v = base + t2 * C3 + 2 * C + h * hs;
                for (int d = 0; d < hs; d++) {
                    scratch[vt + d * T + t2] = x[v + d];
                }
            }
            for (int t = 0; t < T; t++) {
                int row = att0 + t * T, ds = t * T;
                int d0 = dout.offset() + t * C + h * hs;
                // 3. dP[t, :] = dout[t] · Vᵀ, every key (masked ones are multiplied by P = 0 below)
                for (int j = 0; j < T; j += VecMath.VL) {
                    jdk.incubator.vector.FloatVector acc = jdk.incubator.vector.FloatVector.zero(VecMath.S);
                    for (int d = 0; d < hs; d++) {
                        acc = jdk.incubator.vector.FloatVector.fromArray(VecMath.S, scratch, vt + d * T + j)
                                .fma(jdk.incubator.vector.FloatVector.broadcast(VecMath.S, dy[d0 + d]), acc);
                    }
                    acc.intoArray(scratch, ds + j);
                }
                // 2. softmax backward: dS = P (dP - Σ P dP) / sqrt(hs)
                jdk.incubator.vector.FloatVector w = jdk.incubator.vector.FloatVector.zero(VecMath.S);
                for (int j = 0; j < T; j += VecMath.VL) {
                    w = jdk.incubator.vector.FloatVector.fromArray(VecMath.S, a, row + j)
                            .fma(jdk.incubator.vector.FloatVector.fromArray(VecMath.S, scratch, ds + j), w);
                }
                float weighted = w.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                for (int j = 0; j < T; j += VecMath.VL) {
                    jdk.incubator.vector.FloatVector p =
                            jdk.incubator.vector.FloatVector.fromArray(VecMath.S, a, row + j);
                    p.mul(jdk.incubator.vector.FloatVector.fromArray(VecMath.S, scratch, ds + j).sub(weighted))
                            .mul(scale)
                            .intoArray(scratch, ds + j);
                }
            }
            // 1. and 3.: the head's columns of dq, dk, dv, each summed over the queries in order
            for (int t = 0; t < T; t++) {
                int last = causal ? t : T - 1;
                // dq[t] += Σ_{t2 ≤ last} dS[t, t2] k[t2]
                VecMath.addCombination(dx, dbase + t * C3 + h * hs, scratch, t * T, 1, x, base + C + h * hs, C3,
                        last + 1, hs);
            }
            for (int t2 = 0; t2 < T; t2++) {
                int first = causal ? t2 : 0;
                // dk[t2] += Σ_{t ≥ first} dS[t, t2] q[t];  dv[t2] += Σ_{t ≥ first} P[t, t2] dout[t]
                VecMath.addCombination(dx, dbase + t2 * C3 + C + h * hs, scratch, first * T + t2, T, x,
                        base + first * C3 + h * hs, C3, T - first, hs);
                VecMath.addCombination(dx, dbase + t2 * C3 + 2 * C + h * hs, a, att0 + first * T + t2, T, dy,
                        dout.offset() + first * C + h * hs, C, T - first, hs);
            }
        }
    }

    // ---------------------------------------------------------------- multi-head cross-attention

    /**
     * Cross-attention of one target sequence over one source (the encoder-decoder's decoder reading the
     * encoder's output): no mask, every query sees all nk source positions. q (nq, C): the queries, from the
     * decoder's stream; kv (nk, 2C): the keys (columns 0..C-1) and values (C..2C-1), from the encoder's output,
     * computed once per source; head h uses hs = C/NH columns of each.
     * out (nq, C): per head, the attention-weighted sum of the values; att (NH, nq, nk): the softmax weights
     * (which source characters each target position reads).
     */
    public static void crossAttentionForward(Slice out, Slice att, Slice q, Slice kv, int nq, int nk, int C, int NH) {
        int hs = C / NH, C2 = 2 * C;
        float scale = (float) (1.0 / Math.sqrt(hs));
        float[] qd = q.data(), x = kv.data(), a = att.data(), o = out.data();
        for (int i = 0; i < nq; i++) {
            for (int h = 0; h < NH; h++) {
                int qi = q.offset() + i * C + h * hs;
                int row = att.offset() + (h * nq + i) * nk;
                for (int j = 0; j < nk; j++) {
                    a[row + j] = Gemm.dot(qd, qi, x, kv.offset() + j * C2 + h * hs, hs) * scale;
                }
                VecMath.softmax(a, row, nk);
                int y = out.offset() + i * C + h * hs;
                Arrays.fill(o, y, y + hs, 0f);
                for (int j = 0; j < nk; j++) {
                    VecMath.axpy(a[row + j], x, kv.offset() + j * C2 + C + h * hs, o, y, hs);
                }
            }
        }
    }

    /**
     * Backward of {@link #crossAttentionForward}: dq (nq, C) += and dkv (nk, 2C) += the gradients of the
     * queries, keys and values from dout (nq, C), the forward's q, kv and att (NH, nq, nk). datt is nk floats of
     * scratch.
     */
    public static void crossAttentionBackward(Slice dq, Slice dkv, Slice dout, Slice q, Slice kv, Slice att,
            float[] datt, int nq, int nk, int C, int NH) {
        int hs = C / NH, C2 = 2 * C;
        float scale = (float) (1.0 / Math.sqrt(hs));
        float[] qd = q.data(), dqd = dq.data(), x = kv.data(), dx = dkv.data(), a = att.data(), dy = dout.data();
        for (int i = 0; i < nq; i++) {
            for (int h = 0; h < NH; h++) {
                int qi = q.offset() + i * C + h * hs, dqi = dq.offset() + i * C + h * hs;
                int row = att.offset() + (h * nq + i) * nk;
                int d = dout.offset() + i * C + h * hs;
                float weighted = 0f;
                for (int j = 0; j < nk; j++) {
                    datt[j] = Gemm.dot(dy, d, x, kv.offset() + j * C2 + C + h * hs, hs);
                    weighted += a[row + j] * datt[j];
                    VecMath.axpy(a[row + j], dy, d, dx, dkv.offset() + j * C2 + C + h * hs, hs);
                }
                for (int j = 0; j < nk; j++) {
                    float dpre = a[row + j] * (datt[j] - weighted) * scale;
                    VecMath.axpy(dpre, x, kv.offset() + j * C2 + h * hs, dqd, dqi, hs);
                    VecMath.axpy(dpre, qd, qi, dx, dkv.offset() + j * C2 + h * hs, hs);
                }
            }
        }
    }

    // ---------------------------------------------------------------- residual connection

    /** out (n) = a + b; out may be a or b. */
    public static void residualForward(Slice out, Slice a, Slice b, int n) {
        VecMath.add(a.data(), a.offset(), b.data(), b.offset(), out.data(), out.offset(), n);
    }
    // Its backward is "both inputs receive dout": the training pass hands the same gradient buffer on.

    // ---------------------------------------------------------------- softmax + cross-entropy

    /**
     * probs (B·T, V) = softmax(logits (B·T, V)); returns the summed loss -log p[target] over the targets
     * targets[tgtOff + b·tgtStride + t] that are not pad (0); targets null: no loss. Every row gets its
     * probabilities.
     */
    public static double crossEntropyForward(float[] probs, float[] logits, int[] targets, int tgtOff, int tgtStride,
            int B, int T, int V) {
        double loss = 0;
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int r = (b * T + t) * V;
                float m = VecMath.max(logits, r, V);
                double s = VecMath.expShifted(logits, r, m, probs, r, V);
                VecMath.scale(probs, r, V, (float) (1.0 / s));
                int y = targets == null ? 0 : targets[tgtOff + b * tgtStride + t];
                if (y != 0) {
                    loss += (m + Math.log(s)) - logits[r + y];
                }
            }
        }
        return loss;
    }

    /** In place: probs (B·T, V) becomes dlogits = (probs - onehot(target)) · lossScale; 0 for pad rows. */
    public static void crossEntropyBackward(float[] probs, int[] targets, int tgtOff, int tgtStride, int B, int T,
            int V, float lossScale) {
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int r = (b * T + t) * V;
                int y = targets[tgtOff + b * tgtStride + t];
                if (y == 0) {
                    Arrays.fill(probs, r, r + V, 0f);
                } else {
                    probs[r + y] -= 1f;
                    VecMath.scale(probs, r, V, lossScale);
                }
            }
        }
    }
}
