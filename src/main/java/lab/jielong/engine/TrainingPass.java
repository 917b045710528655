package lab.jielong.engine;

/**
 * One thread's forward and backward pass over a batch of B sequences of T tokens, with every
 * activation kept for the backward pass (llm.c's {@code ActivationTensors}). Not thread-safe: the
 * trainer gives each worker thread its own pass and its own gradient array.
 * <p>Shapes (N = B·T): encoded (N,C); per layer ln1 (N,C), qkv (N,3C), atty (N,C),
 * att (B,NH,T,T), attproj (N,C), res2 (N,C), ln2 (N,C), fch/fchGelu (N,F), fcproj (N,C),
 * res3 (N,C); lnf (N,C); logits and probs (N,V).
 */
public final class TrainingPass {

    private final Gpt model;
    private final int bMax, tMax, C, F, V, L, NH;
    private final float[] encoded, lnf, lnfMean, lnfRstd, logits, probs;
    private final float[] ln1, ln1Mean, ln1Rstd, qkv, atty, att, attproj, res2,
            ln2, ln2Mean, ln2Rstd, fch, fchGelu, fcproj, res3;
    // gradients of activations (reused while walking back through the layers)
    private final float[] dres, dlnOut, dqkv, datty, dfch, dfchGelu, datt;
    private int B, T;
    private int[] tokens, targets;
    private int tokOff, tgtOff, stride;
    private boolean hasProbs;

    public TrainingPass(Gpt model, int maxBatch) {
        this(model, maxBatch, model.config.context());
    }

    public TrainingPass(Gpt model, int maxBatch, int maxT) {
        ModelConfig c = model.config;
        if (maxT > c.context()) {
            throw new IllegalArgumentException("maxT " + maxT + " exceeds the context " + c.context());
        }
        this.model = model;
        bMax = maxBatch;
        tMax = maxT;
        C = c.dModel();
        F = c.dFf();
        V = c.vocabSize();
        L = c.nLayer();
        NH = c.nHead();
        int N = bMax * tMax;
        encoded = new float[N * C];
        ln1 = new float[L * N * C];
        ln1Mean = new float[L * N];
        ln1Rstd = new float[L * N];
        qkv = new float[L * N * 3 * C];
        atty = new float[L * N * C];
        att = new float[L * bMax * NH * tMax * tMax];
        attproj = new float[L * N * C];
        res2 = new float[L * N * C];
        ln2 = new float[L * N * C];
        ln2Mean = new float[L * N];
        ln2Rstd = new float[L * N];
        fch = new float[L * N * F];
        fchGelu = new float[L * N * F];
        fcproj = new float[L * N * C];
        res3 = new float[L * N * C];
        lnf = new float[N * C];
        lnfMean = new float[N];
        lnfRstd = new float[N];
        logits = new float[N * V];
        probs = new float[N * V];
        dres = new float[N * C];
        dlnOut = new float[N * C];
        dqkv = new float[N * 3 * C];
        datty = new float[N * C];
        dfch = new float[N * F];
        dfchGelu = new float[N * F];
        datt = new float[tMax];
    }

    /** Kept for callers that prepare a step; the products read the weights as stored, so nothing to do. */
    public void prepareWeights() {
    }

    /**
     * Forward pass over tokens[tokOff + b·stride + t] (b &lt; B, t &lt; T); call {@link #prepareWeights}
     * first (a no-op today). With targets (same indexing, 0 = pad = ignored) it also
     * computes the probabilities and returns the summed loss; without, returns 0.
     */
    public double forward(int[] tokens, int tokOff, int stride, int B, int T, int[] targets, int tgtOff) {
        if (B > bMax || T > tMax) {
            throw new IllegalArgumentException("batch " + B + "x" + T + " exceeds " + bMax + "x" + tMax);
        }
        this.tokens = tokens;
        this.targets = targets;
        this.tokOff = tokOff;
        this.tgtOff = tgtOff;
        this.stride = stride;
        this.B = B;
        this.T = T;
        ParameterLayout lay = model.layout;
        float[] p = model.params;
        int N = B * T;
        boolean causal = model.config.causal();
        Layers.encoderForward(encoded, tokens, tokOff, B, T, stride, p, lay.wte, lay.wpe, C);
        for (int l = 0; l < L; l++) {
            float[] xBuf = l == 0 ? encoded : res3;
            int x = l == 0 ? 0 : (l - 1) * N * C;
            int nc = l * N * C, n1 = l * N, nf = l * N * F, n3 = l * N * 3 * C;
            Layers.layernormForward(ln1, nc, ln1Mean, ln1Rstd, n1, xBuf, x, p, lay.ln1w + l * C, lay.ln1b + l * C, N, C);
            Layers.linearForward(qkv, n3, ln1, nc, p, lay.qkvw + l * 3 * C * C, lay.qkvb + l * 3 * C, N, C, 3 * C);
            Layers.attentionForward(atty, nc, att, l * bMax * NH * tMax * tMax, qkv, n3, B, T, C, NH, causal);
            Layers.linearForward(attproj, nc, atty, nc, p, lay.attprojw + l * C * C, lay.attprojb + l * C, N, C, C);
            Layers.residualForward(res2, nc, xBuf, x, attproj, nc, N * C);
            Layers.layernormForward(ln2, nc, ln2Mean, ln2Rstd, n1, res2, nc, p, lay.ln2w + l * C, lay.ln2b + l * C, N, C);
            Layers.linearForward(fch, nf, ln2, nc, p, lay.fcw + l * F * C, lay.fcb + l * F, N, C, F);
            VecMath.gelu(fch, nf, fchGelu, nf, N * F);
            Layers.linearForward(fcproj, nc, fchGelu, nf, p, lay.fcprojw + l * C * F, lay.fcprojb + l * C, N, F, C);
            Layers.residualForward(res3, nc, res2, nc, fcproj, nc, N * C);
        }
        Layers.layernormForward(lnf, 0, lnfMean, lnfRstd, 0, res3, (L - 1) * N * C, p, lay.lnfw, lay.lnfb, N, C);
        Layers.linearForward(logits, 0, lnf, 0, p, lay.wte, -1, N, C, V);
        hasProbs = targets != null;
        if (!hasProbs) {
            return 0;
        }
        return Layers.crossEntropyForward(probs, logits, targets, tgtOff, B, T, stride, V);
    }

    /** Non-pad targets in the last forward batch. */
    public int targetCount() {
        int n = 0;
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                if (targets[tgtOff + b * stride + t] != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Backward pass of the last forward (which must have had targets), walking the layers in
     * reverse; adds d(lossScale · summed loss)/dθ into grads (layout of the parameters).
     */
    public void backward(float[] grads, float lossScale) {
        if (!hasProbs) {
            throw new IllegalStateException("backward needs a forward pass with targets");
        }
        hasProbs = false; // probs become dlogits in place
        ParameterLayout lay = model.layout;
        float[] p = model.params;
        int N = B * T;
        boolean causal = model.config.causal();
        float[] dlogits = probs;
        Layers.crossEntropyBackward(dlogits, targets, tgtOff, B, T, stride, V, lossScale);
        // tied head: dlnf = dlogits · wte, dwte += dlogitsᵀ · lnf
        java.util.Arrays.fill(dlnOut, 0, N * C, 0f);
        Layers.linearBackward(dlnOut, 0, grads, lay.wte, -1, dlogits, 0, lnf, 0, p, lay.wte, N, C, V);
        java.util.Arrays.fill(dres, 0, N * C, 0f);
        Layers.layernormBackward(dres, 0, grads, lay.lnfw, lay.lnfb, dlnOut, 0, res3, (L - 1) * N * C, p, lay.lnfw,
                lnfMean, lnfRstd, 0, N, C);
        for (int l = L - 1; l >= 0; l--) {
            float[] xBuf = l == 0 ? encoded : res3;
            int x = l == 0 ? 0 : (l - 1) * N * C;
            int nc = l * N * C, n1 = l * N, nf = l * N * F, n3 = l * N * 3 * C;
            // dres holds d loss / d res3; res3 = res2 + fcproj, so both get dres
            java.util.Arrays.fill(dfchGelu, 0, N * F, 0f);
            Layers.linearBackward(dfchGelu, 0, grads, lay.fcprojw + l * C * F, lay.fcprojb + l * C, dres, 0, fchGelu, nf,
                    p, lay.fcprojw + l * C * F, N, F, C);
            java.util.Arrays.fill(dfch, 0, N * F, 0f);
            VecMath.geluBackward(fch, nf, dfchGelu, 0, dfch, 0, N * F);
            java.util.Arrays.fill(dlnOut, 0, N * C, 0f);
            Layers.linearBackward(dlnOut, 0, grads, lay.fcw + l * F * C, lay.fcb + l * F, dfch, 0, ln2, nc,
                    p, lay.fcw + l * F * C, N, C, F);
            Layers.layernormBackward(dres, 0, grads, lay.ln2w + l * C, lay.ln2b + l * C, dlnOut, 0, res2, nc, p,
                    lay.ln2w + l * C, ln2Mean, ln2Rstd, n1, N, C);
            // dres now holds d loss / d res2; res2 = x + attproj
            java.util.Arrays.fill(datty, 0, N * C, 0f);
            Layers.linearBackward(datty, 0, grads, lay.attprojw + l * C * C, lay.attprojb + l * C, dres, 0, atty, nc,
                    p, lay.attprojw + l * C * C, N, C, C);
            java.util.Arrays.fill(dqkv, 0, N * 3 * C, 0f);
            Layers.attentionBackward(dqkv, 0, datt, datty, 0, qkv, n3, att, l * bMax * NH * tMax * tMax, B, T, C, NH, causal);
            java.util.Arrays.fill(dlnOut, 0, N * C, 0f);
            Layers.linearBackward(dlnOut, 0, grads, lay.qkvw + l * 3 * C * C, lay.qkvb + l * 3 * C, dqkv, 0, ln1, nc,
                    p, lay.qkvw + l * 3 * C * C, N, C, 3 * C);
            Layers.layernormBackward(dres, 0, grads, lay.ln1w + l * C, lay.ln1b + l * C, dlnOut, 0, xBuf, x, p,
                    lay.ln1w + l * C, ln1Mean, ln1Rstd, n1, N, C);
            // dres now holds d loss / d x, the previous block's output
        }
        Layers.encoderBackward(grads, lay.wte, lay.wpe, dres, tokens, tokOff, B, T, stride, C);
    }

    /** Logits (B,T,V) of the last forward, row (b·T + t). */
    public float[] logits() {
        return logits;
    }

    /** Softmax probabilities of the last forward with targets (valid until backward). */
    public float[] probs() {
        return probs;
    }

    /** Attention weights of layer l, (B,NH,T,T) with row stride tMax (use {@link #attentionAt}). */
    public float attentionAt(int l, int b, int h, int t, int t2) {
        return att[l * bMax * NH * tMax * tMax + ((b * NH + h) * T + t) * T + t2];
    }

    public Gpt model() {
        return model;
    }
}
