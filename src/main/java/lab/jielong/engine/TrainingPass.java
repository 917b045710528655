package lab.jielong.engine;

import lab.jielong.engine.ParameterLayout.Block;

/**
 * One thread's forward and backward pass over a batch of B sequences of T tokens, with every activation
 * kept for the backward pass (llm.c's {@code ActivationTensors}). The forward is the {@link Layers}' one, as
 * in {@link InferenceSession}; the backward walks it in reverse. Not thread-safe: the trainer gives each
 * worker thread its own pass and its own gradient array.
 */
public final class TrainingPass {

    private final Gpt model;
    private final Weights weights;
    private final int bMax, tMax, C, F, V, L, NH;
    // activations (N = B·T rows; per-layer buffers hold layer l at l·N rows)
    private final float[] encoded;      // (B, T, C)      token + position embedding: block 0's input
    private final float[] ln1;          // (L, B, T, C)   LayerNorm 1
    private final float[] ln1Mean;      // (L, B, T)
    private final float[] ln1Rstd;      // (L, B, T)
    private final float[] qkv;          // (L, B, T, 3C)  q, k, v
    private final float[] att;          // (L, B, NH, T, T) attention weights (allocated for bMax, tMax)
    private final float[] atty;         // (L, B, T, C)   attention output, heads side by side
    private final float[] attproj;      // (L, B, T, C)   its projection
    private final float[] res2;         // (L, B, T, C)   residual stream after attention
    private final float[] ln2;          // (L, B, T, C)   LayerNorm 2
    private final float[] ln2Mean;      // (L, B, T)
    private final float[] ln2Rstd;      // (L, B, T)
    private final float[] fch;          // (L, B, T, F)   MLP hidden layer
    private final float[] fchGelu;      // (L, B, T, F)   after GELU
    private final float[] fchPhi;       // (L, B, T, F)   Φ(fch), GELU's factor, kept for its backward
    private final float[] fcproj;       // (L, B, T, C)   MLP projection
    private final float[] res3;         // (L, B, T, C)   residual stream after the MLP: the block's output
    private final float[] lnf;          // (B, T, C)      final LayerNorm
    private final float[] lnfMean;      // (B, T)
    private final float[] lnfRstd;      // (B, T)
    private final float[] logits;       // (B, T, V)
    private final float[] probs;        // (B, T, V)      softmax; becomes dlogits in the backward pass
    // gradients of activations, reused layer after layer
    private final float[] dres;         // (B, T, C)      d loss / d the residual stream
    private final float[] dln;          // (B, T, C)      d loss / d a LayerNorm's output
    private final float[] dqkv;         // (B, T, 3C)
    private final float[] datty;        // (B, T, C)
    private final float[] dfch;         // (B, T, F)
    private final float[] dfchGelu;     // (B, T, F)
    private final float[] datt;         // (T·T + hs·T)   scratch of the attention backward
    // the last forward's batch
    private int B, T;
    private int[] tokens, targets;
    private int tokOff, tgtOff, stride;
    private boolean hasProbs;

    public TrainingPass(Gpt model, int maxBatch) {
        this(model, maxBatch, model.config.context());
    }

    public TrainingPass(Gpt model, int maxBatch, int maxT) {
        this(model, maxBatch, maxT, null);
    }

    /**
     * A pass whose forward multiplies by {@code panels}: the model's matrices packed in panels ({@link Gemm#awPanels}),
     * which the trainer refreshes once a step ({@link Gpt#packMatrices}) for all its threads' passes.
     * Null: the products run on the weights as stored ({@link Gemm#mm}), which may change between any two calls.
     */
    public TrainingPass(Gpt model, int maxBatch, int maxT, float[] panels) {
        ModelConfig c = model.config;
        if (maxT > c.context()) {
            throw new IllegalArgumentException("maxT " + maxT + " exceeds the context " + c.context());
        }
        this.model = model;
        this.weights = new Weights(model.params, panels, panels != null);
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
        att = new float[L * bMax * NH * tMax * tMax];
        atty = new float[L * N * C];
        attproj = new float[L * N * C];
        res2 = new float[L * N * C];
        ln2 = new float[L * N * C];
        ln2Mean = new float[L * N];
        ln2Rstd = new float[L * N];
        fch = new float[L * N * F];
        fchGelu = new float[L * N * F];
        fchPhi = new float[L * N * F];
        fcproj = new float[L * N * C];
        res3 = new float[L * N * C];
        lnf = new float[N * C];
        lnfMean = new float[N];
        lnfRstd = new float[N];
        logits = new float[N * V];
        probs = new float[N * V];
        dres = new float[N * C];
        dln = new float[N * C];
        dqkv = new float[N * 3 * C];
        datty = new float[N * C];
        dfch = new float[N * F];
        dfchGelu = new float[N * F];
        datt = new float[Layers.attentionScratch(tMax, C / NH)];
    }

    /** Layer l's activations for the current batch, named once for the forward and the backward pass. */
    private record Activations(Slice input, Slice ln1, Slice ln1Mean, Slice ln1Rstd, Slice qkv, Slice att, Slice atty,
            Slice attproj, Slice res2, Slice ln2, Slice ln2Mean, Slice ln2Rstd, Slice fch,
            Slice fchGelu, Slice fchPhi, Slice fcproj, Slice res3) {
    }

    private Activations layer(int l) {
        int N = B * T, nc = l * N * C, nf = l * N * F, n1 = l * N;
        Slice input = l == 0 ? new Slice(encoded, 0) : new Slice(res3, (l - 1) * N * C);
        return new Activations(input, new Slice(ln1, nc), new Slice(ln1Mean, n1), new Slice(ln1Rstd, n1),
                new Slice(qkv, 3 * nc), new Slice(att, l * bMax * NH * tMax * tMax), new Slice(atty, nc),
                new Slice(attproj, nc), new Slice(res2, nc), new Slice(ln2, nc), new Slice(ln2Mean, n1),
                new Slice(ln2Rstd, n1), new Slice(fch, nf), new Slice(fchGelu, nf), new Slice(fchPhi, nf),
                new Slice(fcproj, nc),
                new Slice(res3, nc));
    }

    /**
     * Forward pass over tokens[tokOff + b·stride + t] (b &lt; B, t &lt; T). With targets (same indexing,
     * 0 = pad = ignored) it also computes the probabilities and returns the summed loss; without, returns 0.
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
        Weights w = weights;
        int N = B * T;
        boolean causal = model.config.causal();
        for (int b = 0; b < B; b++) {
            Layers.embeddingForward(new Slice(encoded, b * T * C), tokens, tokOff + b * stride, T, 0, w, lay.embedding);
        }
        for (int l = 0; l < L; l++) {
            Block p = lay.block(l);
            Activations a = layer(l);
            // attention: x + attproj(attention(qkv(ln1(x))))
            Layers.layernormForwardFast(a.ln1, a.ln1Mean, a.ln1Rstd, a.input, w, p.ln1(), N);
            Layers.linearForward(a.qkv, a.ln1, w, p.qkv(), N);
            for (int b = 0; b < B; b++) {
                Layers.attentionForward(a.atty.plus(b * T * C), a.att.plus(b * NH * T * T), a.qkv.plus(b * T * 3 * C),
                        T, 0, T, C, NH, causal);
            }
            Layers.linearForward(a.attproj, a.atty, w, p.attproj(), N);
            Layers.residualForward(a.res2, a.input, a.attproj, N * C);
            // MLP: res2 + fcproj(GELU(fc(ln2(res2))))
            Layers.layernormForwardFast(a.ln2, a.ln2Mean, a.ln2Rstd, a.res2, w, p.ln2(), N);
            Layers.linearForward(a.fch, a.ln2, w, p.fc(), N);
            VecMath.geluKeepingPhi(a.fch.data(), a.fch.offset(), a.fchGelu.data(), a.fchGelu.offset(), a.fchPhi.data(),
                    a.fchPhi.offset(), N * F);
            Layers.linearForward(a.fcproj, a.fchGelu, w, p.fcproj(), N);
            Layers.residualForward(a.res3, a.res2, a.fcproj, N * C);
        }
        Slice out = new Slice(res3, (L - 1) * N * C);
        Layers.layernormForwardFast(new Slice(lnf, 0), new Slice(lnfMean, 0), new Slice(lnfRstd, 0), out, w, lay.lnf,
                N);
        Layers.linearForward(new Slice(logits, 0), new Slice(lnf, 0), w, lay.head, N);
        hasProbs = targets != null;
        if (!hasProbs) {
            return 0;
        }
        return Layers.crossEntropyForward(probs, logits, targets, tgtOff, stride, B, T, V);
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
     * Backward pass of the last forward (which must have had targets), walking the layers in reverse;
     * adds d(lossScale · summed loss)/dθ into grads (layout of the parameters).
     */
    public void backward(float[] grads, float lossScale) {
        if (!hasProbs) {
            throw new IllegalStateException("backward needs a forward pass with targets");
        }
        hasProbs = false; // probs become dlogits in place
        ParameterLayout lay = model.layout;
        Weights w = weights;
        int N = B * T;
        boolean causal = model.config.causal();
        Slice dlogits = new Slice(probs, 0), dres = new Slice(this.dres, 0), dln = new Slice(this.dln, 0),
                dqkv = new Slice(this.dqkv, 0), datty = new Slice(this.datty, 0), dfch = new Slice(this.dfch, 0),
                dfchGelu = new Slice(this.dfchGelu, 0);
        Layers.crossEntropyBackward(probs, targets, tgtOff, stride, B, T, V, lossScale);
        // the tied head: dlnf = dlogits · wte, dwte += dlogitsᵀ · lnf
        dln.zero(N * C);
        Layers.linearBackward(dln, dlogits, new Slice(lnf, 0), w, grads, lay.head, N);
        dres.zero(N * C);
        Layers.layernormBackwardFast(dres, dln, new Slice(res3, (L - 1) * N * C), new Slice(lnfMean, 0),
                new Slice(lnfRstd, 0), w, grads, lay.lnf, N);
        for (int l = L - 1; l >= 0; l--) {
            Block p = lay.block(l);
            Activations a = layer(l);
            // dres holds d loss / d res3; res3 = res2 + fcproj, so both receive it
            dfchGelu.zero(N * F);
            Layers.linearBackward(dfchGelu, dres, a.fchGelu, w, grads, p.fcproj(), N);
            dfch.zero(N * F);
            VecMath.geluBackwardFromPhi(a.fch.data(), a.fch.offset(), a.fchPhi.data(), a.fchPhi.offset(),
                    dfchGelu.data(),
                    dfchGelu.offset(), dfch.data(), dfch.offset(), N * F);
            dln.zero(N * C);
            Layers.linearBackward(dln, dfch, a.ln2, w, grads, p.fc(), N);
            Layers.layernormBackwardFast(dres, dln, a.res2, a.ln2Mean, a.ln2Rstd, w, grads, p.ln2(), N);
            // dres now holds d loss / d res2; res2 = input + attproj, so both receive it
            datty.zero(N * C);
            Layers.linearBackward(datty, dres, a.atty, w, grads, p.attproj(), N);
            dqkv.zero(N * 3 * C);
            for (int b = 0; b < B; b++) {
                Layers.attentionBackwardFast(dqkv.plus(b * T * 3 * C), datty.plus(b * T * C), a.qkv.plus(b * T * 3 * C),
                        a.att.plus(b * NH * T * T), datt, T, C, NH, causal);
            }
            dln.zero(N * C);
            Layers.linearBackward(dln, dqkv, a.ln1, w, grads, p.qkv(), N);
            Layers.layernormBackwardFast(dres, dln, a.input, a.ln1Mean, a.ln1Rstd, w, grads, p.ln1(), N);
            // dres now holds d loss / d input, the previous block's output
        }
        for (int b = 0; b < B; b++) {
            Layers.embeddingBackward(dres.plus(b * T * C), tokens, tokOff + b * stride, T, grads, lay.embedding);
        }
    }

    /** Logits (B, T, V) of the last forward, row (b·T + t). */
    public float[] logits() {
        return logits;
    }

    /** Softmax probabilities (B, T, V) of the last forward with targets (valid until backward). */
    public float[] probs() {
        return probs;
    }

    public Gpt model() {
        return model;
    }
}
