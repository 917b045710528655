package lab.jielong.engine;

/**
 * The transformer's layers, each forward beside its backward (llm.c {@code train_gpt2.c} style).
 * Buffers are flat float[] slices addressed by an offset; shapes in the comments use
 * N = B·T rows, C channels, NH heads, hs head size, V vocabulary. Backward functions accumulate
 * (+=) into gradient buffers, so a tensor used twice (the residual stream, the tied embedding)
 * collects both contributions.
 */
final class Layers {

    private Layers() {
    }

    // ---------------------------------------------------------------- token + position embedding

    /** out (B,T,C) = wte[token] + wpe[t]. */
    static void encoderForward(float[] out, int[] tokens, int tokOff, int B, int T, int tokStride,
                               float[] p, int wte, int wpe, int C) {
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int o = (b * T + t) * C;
                int ix = tokens[tokOff + b * tokStride + t];
                int e = wte + ix * C, q = wpe + t * C;
                for (int i = 0; i < C; i++) {
                    out[o + i] = p[e + i] + p[q + i];
                }
            }
        }
    }

    static void encoderBackward(float[] g, int dwte, int dwpe, float[] dout, int[] tokens, int tokOff,
                                int B, int T, int tokStride, int C) {
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int o = (b * T + t) * C;
                int ix = tokens[tokOff + b * tokStride + t];
                VecMath.axpy(1f, dout, o, g, dwte + ix * C, C);
                VecMath.axpy(1f, dout, o, g, dwpe + t * C, C);
            }
        }
    }

    // ---------------------------------------------------------------- LayerNorm (eps 1e-5)

    /** out (N,C) = (inp - mean) · rstd · w + b; keeps mean and rstd (N) for the backward pass. */
    static void layernormForward(float[] out, int outOff, float[] mean, float[] rstd, int mOff,
                                 float[] inp, int inOff, float[] p, int w, int bias, int N, int C) {
        for (int n = 0; n < N; n++) {
            int x = inOff + n * C;
            double m = 0;
            for (int i = 0; i < C; i++) {
                m += inp[x + i];
            }
            m /= C;
            double v = 0;
            for (int i = 0; i < C; i++) {
                double d = inp[x + i] - m;
                v += d * d;
            }
            v /= C;
            float s = (float) (1.0 / Math.sqrt(v + 1e-5));
            float mf = (float) m;
            int o = outOff + n * C;
            for (int i = 0; i < C; i++) {
                out[o + i] = (inp[x + i] - mf) * s * p[w + i] + p[bias + i];
            }
            mean[mOff + n] = mf;
            rstd[mOff + n] = s;
        }
    }

    static void layernormBackward(float[] dinp, int dinOff, float[] g, int dw, int db,
                                  float[] dout, int doutOff, float[] inp, int inOff, float[] p, int w,
                                  float[] mean, float[] rstd, int mOff, int N, int C) {
        for (int n = 0; n < N; n++) {
            int x = inOff + n * C, d = doutOff + n * C, di = dinOff + n * C;
            float m = mean[mOff + n], s = rstd[mOff + n];
            // two reductions: mean of (w·dout) and mean of (w·dout·norm)
            float dnormMean = 0f, dnormNormMean = 0f;
            for (int i = 0; i < C; i++) {
                float norm = (inp[x + i] - m) * s;
                float dnorm = p[w + i] * dout[d + i];
                dnormMean += dnorm;
                dnormNormMean += dnorm * norm;
            }
            dnormMean /= C;
            dnormNormMean /= C;
            for (int i = 0; i < C; i++) {
                float norm = (inp[x + i] - m) * s;
                float dnorm = p[w + i] * dout[d + i];
                g[db + i] += dout[d + i];
                g[dw + i] += norm * dout[d + i];
                dinp[di + i] += (dnorm - dnormMean - norm * dnormNormMean) * s;
            }
        }
    }

    // ---------------------------------------------------------------- linear layer (matmul + bias)

    /** out (N,OUT) = inp (N,IN) · Wᵀ + b, W (OUT,IN) as stored; bias &lt; 0: none. */
    static void linearForward(float[] out, int outOff, float[] inp, int inOff, float[] p, int w, int bias,
                              int N, int IN, int OUT) {
        if (bias >= 0) {
            for (int n = 0; n < N; n++) {
                System.arraycopy(p, bias, out, outOff + n * OUT, OUT);
            }
        }
        Gemm.mm(false, true, inp, inOff, IN, p, w, IN, out, outOff, OUT, N, IN, OUT, bias >= 0);
    }

    /**
     * dinp (N,IN) += dout (N,OUT) · W; dW (OUT,IN) += doutᵀ · inp; db (OUT) += column sums of dout.
     * dinp may be null (nothing upstream needs it).
     */
    static void linearBackward(float[] dinp, int dinOff, float[] g, int dw, int db,
                               float[] dout, int doutOff, float[] inp, int inOff, float[] p, int w,
                               int N, int IN, int OUT) {
        if (dinp != null) {
            Gemm.mm(false, false, dout, doutOff, OUT, p, w, IN, dinp, dinOff, IN, N, OUT, IN, true);
        }
        Gemm.mm(true, false, dout, doutOff, OUT, inp, inOff, IN, g, dw, IN, OUT, N, IN, true);
        if (db >= 0) {
            for (int n = 0; n < N; n++) {
                VecMath.axpy(1f, dout, doutOff + n * OUT, g, db, OUT);
            }
        }
    }

    // ---------------------------------------------------------------- multi-head self-attention

    /**
     * qkv (B,T,3C) → out (B,T,C); att (B,NH,T,T) keeps the softmax weights (0 where masked).
     * causal: position t attends to 0..t; otherwise to all T positions.
     */
    static void attentionForward(float[] out, int outOff, float[] att, int attOff, float[] qkv, int qkvOff,
                                 int B, int T, int C, int NH, boolean causal) {
        int hs = C / NH, C3 = 3 * C;
        float scale = (float) (1.0 / Math.sqrt(hs));
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int last = causal ? t : T - 1;
                for (int h = 0; h < NH; h++) {
                    int q = qkvOff + (b * T + t) * C3 + h * hs;
                    int a = attOff + ((b * NH + h) * T + t) * T;
                    // 1. scores q·k / sqrt(hs), 2. softmax over the visible positions
                    for (int t2 = 0; t2 <= last; t2++) {
                        int k = qkvOff + (b * T + t2) * C3 + C + h * hs;
                        att[a + t2] = Gemm.dot(qkv, q, qkv, k, hs) * scale;
                    }
                    VecMath.softmax(att, a, last + 1);
                    for (int t2 = last + 1; t2 < T; t2++) {
                        att[a + t2] = 0f;
                    }
                    // 3. weighted sum of the values
                    int o = outOff + (b * T + t) * C + h * hs;
                    java.util.Arrays.fill(out, o, o + hs, 0f);
                    for (int t2 = 0; t2 <= last; t2++) {
                        int v = qkvOff + (b * T + t2) * C3 + 2 * C + h * hs;
                        VecMath.axpy(att[a + t2], qkv, v, out, o, hs);
                    }
                }
            }
        }
    }

    /** Backward of {@link #attentionForward}: dqkv (B,T,3C) += ...; datt is T floats of scratch. */
    static void attentionBackward(float[] dqkv, int dqkvOff, float[] datt, float[] dout, int doutOff,
                                  float[] qkv, int qkvOff, float[] att, int attOff,
                                  int B, int T, int C, int NH, boolean causal) {
        int hs = C / NH, C3 = 3 * C;
        float scale = (float) (1.0 / Math.sqrt(hs));
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int last = causal ? t : T - 1;
                for (int h = 0; h < NH; h++) {
                    int q = qkvOff + (b * T + t) * C3 + h * hs;
                    int dq = dqkvOff + (b * T + t) * C3 + h * hs;
                    int a = attOff + ((b * NH + h) * T + t) * T;
                    int d = doutOff + (b * T + t) * C + h * hs;
                    // 3. backward of the weighted sum: datt = dout·v, dv += att·dout
                    float weighted = 0f;
                    for (int t2 = 0; t2 <= last; t2++) {
                        int v = qkvOff + (b * T + t2) * C3 + 2 * C + h * hs;
                        int dv = dqkvOff + (b * T + t2) * C3 + 2 * C + h * hs;
                        datt[t2] = Gemm.dot(dout, d, qkv, v, hs);
                        weighted += att[a + t2] * datt[t2];
                        VecMath.axpy(att[a + t2], dout, d, dqkv, dv, hs);
                    }
                    // 2. softmax backward, 1. scores backward into q and k
                    for (int t2 = 0; t2 <= last; t2++) {
                        float dpre = att[a + t2] * (datt[t2] - weighted) * scale;
                        int k = qkvOff + (b * T + t2) * C3 + C + h * hs;
                        int dk = dqkvOff + (b * T + t2) * C3 + C + h * hs;
                        VecMath.axpy(dpre, qkv, k, dqkv, dq, hs);
                        VecMath.axpy(dpre, qkv, q, dqkv, dk, hs);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- residual connection

    /** out = a + b. */
    static void residualForward(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }
    // Its backward is "both inputs receive dout": done inline by passing the same gradient buffer on.

    // ---------------------------------------------------------------- softmax + cross-entropy

    /**
     * probs (N,V) = softmax(logits); returns the summed loss -log p[target] over targets != 0
     * (pad is ignored). Rows whose target is pad still get probabilities.
     */
    static double crossEntropyForward(float[] probs, float[] logits, int[] targets, int tgtOff, int B, int T,
                                      int tgtStride, int V) {
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

    /** In place: probs (N,V) becomes dlogits = (probs - onehot(target)) · lossScale; 0 for pad rows. */
    static void crossEntropyBackward(float[] probs, int[] targets, int tgtOff, int B, int T, int tgtStride,
                                     int V, float lossScale) {
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int r = (b * T + t) * V;
                int y = targets[tgtOff + b * tgtStride + t];
                if (y == 0) {
                    java.util.Arrays.fill(probs, r, r + V, 0f);
                } else {
                    probs[r + y] -= 1f;
                    VecMath.scale(probs, r, V, lossScale);
                }
            }
        }
    }
}
