package lab.jielong.engine;

import lab.jielong.engine.EncDecLayout.Cross;
import lab.jielong.engine.ParameterLayout.Block;

/**
 * One thread's forward and backward pass of an {@link EncoderDecoder} over a batch of (X, Y) examples, every
 * activation kept (the {@link TrainingPass} of the encoder-decoder, on the same {@link Layers}).
 * <p>Row b of a batch is {@code tokens[off + b·stride ..]}: X in the first Tx tokens (padded with PAD at the
 * end: the encoder attends only to the X tokens before the first PAD, and so does cross-attention), then Y in
 * the next Ty + 1 tokens: the decoder reads Y[0..Ty-1] and is trained to predict Y[1..Ty] (PAD targets
 * ignored). Not thread-safe.
 */
public final class EncDecPass {

    /** One stack's activations, (L, N, ·) with N = B·T rows per layer; cross-attention buffers when decoder. */
    private static final class Stack {
        final float[] input, ln1, ln1Mean, ln1Rstd, qkv, att, atty, attproj, res2, ln2, ln2Mean, ln2Rstd, fch,
                fchGelu, fcproj, out;
        final float[] lnx, lnxMean, lnxRstd, xq, xkv, xatt, xatty, xproj, res3;

        Stack(int L, int N, int C, int F, int attPerLayer, boolean cross, int nSource, int xattPerLayer) {
            input = new float[N * C];
            ln1 = new float[L * N * C];
            ln1Mean = new float[L * N];
            ln1Rstd = new float[L * N];
            qkv = new float[L * N * 3 * C];
            att = new float[L * attPerLayer];
            atty = new float[L * N * C];
            attproj = new float[L * N * C];
            res2 = new float[L * N * C];
            ln2 = new float[L * N * C];
            ln2Mean = new float[L * N];
            ln2Rstd = new float[L * N];
            fch = new float[L * N * F];
            fchGelu = new float[L * N * F];
            fcproj = new float[L * N * C];
            out = new float[L * N * C];
            lnx = cross ? new float[L * N * C] : null;
            lnxMean = cross ? new float[L * N] : null;
            lnxRstd = cross ? new float[L * N] : null;
            xq = cross ? new float[L * N * C] : null;
            xkv = cross ? new float[L * nSource * 2 * C] : null;
            xatt = cross ? new float[L * xattPerLayer] : null;
            xatty = cross ? new float[L * N * C] : null;
            xproj = cross ? new float[L * N * C] : null;
            res3 = cross ? new float[L * N * C] : null;
        }
    }

    private final EncoderDecoder model;
    private final Weights weights;
    private final int bMax, txMax, tyMax, C, F, V, LE, LD, NH;
    private final Stack enc, dec;
    private final float[] mem, memMean, memRstd;        // (B, Tx, C), (B, Tx): the encoder's output, the memory
    private final float[] lnf, lnfMean, lnfRstd;        // (B, Ty, C), (B, Ty)
    private final float[] logits, probs;                // (B, Ty, V)
    private final float[] dres, dln, dqkv, datty, dfch, dfchGelu, dxq, dxkv, datt;
    private final float[] dresEnc, dlnEnc, dqkvEnc, dattyEnc, dfchEnc, dfchGeluEnc, dmem;
    private int B, Tx, Ty, off, stride;
    private int[] tokens;
    private final int[] lengths;
    private final int[] targets;
    private boolean hasProbs;
    private float[] gradsRef;             // the backward pass's gradient array

    public EncDecPass(EncoderDecoder model, int maxBatch) {
        this(model, maxBatch, model.config.sourceContext(), model.config.targetContext());
    }

    public EncDecPass(EncoderDecoder model, int maxBatch, int maxSource, int maxTarget) {
        EncDecConfig c = model.config;
        if (maxSource > c.sourceContext() || maxTarget > c.targetContext()) {
            throw new IllegalArgumentException("lengths " + maxSource + "/" + maxTarget + " exceed the contexts "
                    + c.sourceContext() + "/" + c.targetContext());
        }
        this.model = model;
        this.weights = new Weights(model.params, null);
        bMax = maxBatch;
        txMax = maxSource;
        tyMax = maxTarget;
        C = c.dModel();
        F = c.dFf();
        V = c.vocabSize();
        LE = c.encoderLayers();
        LD = c.decoderLayers();
        NH = c.nHead();
        int Ne = bMax * txMax, Nd = bMax * tyMax;
        enc = new Stack(LE, Ne, C, F, bMax * NH * txMax * txMax, false, 0, 0);
        dec = new Stack(LD, Nd, C, F, bMax * NH * tyMax * tyMax, true, Ne, bMax * NH * tyMax * txMax);
        mem = new float[Ne * C];
        memMean = new float[Ne];
        memRstd = new float[Ne];
        lnf = new float[Nd * C];
        lnfMean = new float[Nd];
        lnfRstd = new float[Nd];
        logits = new float[Nd * V];
        probs = new float[Nd * V];
        dres = new float[Nd * C];
        dln = new float[Nd * C];
        dqkv = new float[Nd * 3 * C];
        datty = new float[Nd * C];
        dfch = new float[Nd * F];
        dfchGelu = new float[Nd * F];
        dxq = new float[Nd * C];
        dxkv = new float[Ne * 2 * C];
        datt = new float[Math.max(txMax, tyMax)];
        dresEnc = new float[Ne * C];
        dlnEnc = new float[Ne * C];
        dqkvEnc = new float[Ne * 3 * C];
        dattyEnc = new float[Ne * C];
        dfchEnc = new float[Ne * F];
        dfchGeluEnc = new float[Ne * F];
        dmem = new float[Ne * C];
        lengths = new int[bMax];
        targets = new int[bMax * tyMax];
    }

    private static Slice s(float[] a, int off) {
        return new Slice(a, off);
    }

    /** Layer l's block input: the embeddings for layer 0, the previous block's output after. */
    private static Slice input(Stack st, int l, int N, int C) {
        return l == 0 ? s(st.input, 0) : s(st.out, (l - 1) * N * C);
    }

    /**
     * Forward pass over B examples laid out as the class comment says; returns the summed loss over the
     * non-PAD targets.
     */
    public double forward(int[] tokens, int off, int stride, int B, int Tx, int Ty) {
        if (B > bMax || Tx > txMax || Ty > tyMax) {
            throw new IllegalArgumentException("batch " + B + "x(" + Tx + "+" + Ty + ") exceeds " + bMax + "x("
                    + txMax + "+" + tyMax + ")");
        }
        this.tokens = tokens;
        this.off = off;
        this.stride = stride;
        this.B = B;
        this.Tx = Tx;
        this.Ty = Ty;
        EncDecLayout lay = model.layout;
        Weights w = weights;
        int Ne = B * Tx, Nd = B * Ty;
        for (int b = 0; b < B; b++) {
            int row = off + b * stride, n = 0;
            while (n < Tx && tokens[row + n] != 0) {
                n++;
            }
            lengths[b] = Math.max(1, n);
            System.arraycopy(tokens, row + Tx + 1, targets, b * Ty, Ty);
        }
        // encoder: bidirectional self-attention over each X's own tokens
        for (int b = 0; b < B; b++) {
            Layers.embeddingForward(s(enc.input, b * Tx * C), tokens, off + b * stride, Tx, 0, w, lay.encoderEmbedding);
        }
        for (int l = 0; l < LE; l++) {
            Block p = lay.encoder(l);
            int nc = l * Ne * C;
            selfAttentionForward(enc, l, p, Ne, Tx, false);
            mlpForward(enc, l, p, s(enc.res2, nc), Ne);
        }
        Layers.layernormForward(s(mem, 0), s(memMean, 0), s(memRstd, 0), s(enc.out, (LE - 1) * Ne * C), w,
                lay.encoderNorm, Ne);
        // decoder: causal self-attention, cross-attention over the memory, MLP
        for (int b = 0; b < B; b++) {
            Layers.embeddingForward(s(dec.input, b * Ty * C), tokens, off + b * stride + Tx, Ty, 0, w,
                    lay.decoderEmbedding);
        }
        for (int l = 0; l < LD; l++) {
            Block p = lay.decoder(l);
            Cross x = lay.cross(l);
            int nc = l * Nd * C, n1 = l * Nd;
            selfAttentionForward(dec, l, p, Nd, Ty, true);
            Layers.layernormForward(s(dec.lnx, nc), s(dec.lnxMean, n1), s(dec.lnxRstd, n1), s(dec.res2, nc), w,
                    x.ln(), Nd);
            Layers.linearForward(s(dec.xq, nc), s(dec.lnx, nc), w, x.q(), Nd);
            Layers.linearForward(s(dec.xkv, l * Ne * 2 * C), s(mem, 0), w, x.kv(), Ne);
            s(dec.xatty, nc).zero(Nd * C);
            for (int b = 0; b < B; b++) {
                Layers.crossAttentionForward(s(dec.xatty, nc + b * Ty * C), s(dec.xatt, xattOffset(l, b)),
                        s(dec.xq, nc + b * Ty * C), s(dec.xkv, l * Ne * 2 * C + b * Tx * 2 * C), Ty, lengths[b], C, NH);
            }
            Layers.linearForward(s(dec.xproj, nc), s(dec.xatty, nc), w, x.proj(), Nd);
            Layers.residualForward(s(dec.res3, nc), s(dec.res2, nc), s(dec.xproj, nc), Nd * C);
            mlpForward(dec, l, p, s(dec.res3, nc), Nd);
        }
        Layers.layernormForward(s(lnf, 0), s(lnfMean, 0), s(lnfRstd, 0), s(dec.out, (LD - 1) * Nd * C), w,
                lay.decoderNorm, Nd);
        Layers.linearForward(s(logits, 0), s(lnf, 0), w, lay.head, Nd);
        hasProbs = true;
        return Layers.crossEntropyForward(probs, logits, targets, 0, Ty, B, Ty, V);
    }

    private int attOffset(Stack st, int l, int b, int T) {
        int tmax = st == enc ? txMax : tyMax;
        return l * bMax * NH * tmax * tmax + b * NH * T * T;
    }

    private int xattOffset(int l, int b) {
        return l * bMax * NH * tyMax * txMax + b * NH * Ty * Tx;
    }

    /** x + attproj(attention(qkv(ln1(x)))) into st.res2 for layer l (the encoder: each X over its own length). */
    private void selfAttentionForward(Stack st, int l, Block p, int N, int T, boolean causal) {
        Weights w = weights;
        int nc = l * N * C, n1 = l * N;
        Slice in = input(st, l, N, C);
        Layers.layernormForward(s(st.ln1, nc), s(st.ln1Mean, n1), s(st.ln1Rstd, n1), in, w, p.ln1(), N);
        Layers.linearForward(s(st.qkv, 3 * nc), s(st.ln1, nc), w, p.qkv(), N);
        s(st.atty, nc).zero(N * C);
        for (int b = 0; b < B; b++) {
            int n = causal ? T : lengths[b];
            Layers.attentionForward(s(st.atty, nc + b * T * C), s(st.att, attOffset(st, l, b, T)),
                    s(st.qkv, 3 * nc + b * T * 3 * C), n, 0, n, C, NH, causal);
        }
        Layers.linearForward(s(st.attproj, nc), s(st.atty, nc), w, p.attproj(), N);
        Layers.residualForward(s(st.res2, nc), in, s(st.attproj, nc), N * C);
    }

    /** x + fcproj(GELU(fc(ln2(x)))) into st.out for layer l. */
    private void mlpForward(Stack st, int l, Block p, Slice x, int N) {
        Weights w = weights;
        int nc = l * N * C, nf = l * N * F, n1 = l * N;
        Layers.layernormForward(s(st.ln2, nc), s(st.ln2Mean, n1), s(st.ln2Rstd, n1), x, w, p.ln2(), N);
        Layers.linearForward(s(st.fch, nf), s(st.ln2, nc), w, p.fc(), N);
        Layers.geluForward(s(st.fchGelu, nf), s(st.fch, nf), N * F);
        Layers.linearForward(s(st.fcproj, nc), s(st.fchGelu, nf), w, p.fcproj(), N);
        Layers.residualForward(s(st.out, nc), x, s(st.fcproj, nc), N * C);
    }

    /** Non-PAD targets of the last forward. */
    public int targetCount() {
        int n = 0;
        for (int i = 0; i < B * Ty; i++) {
            if (targets[i] != 0) {
                n++;
            }
        }
        return n;
    }

    /** Adds d(lossScale · summed loss)/dθ of the last forward into grads ({@link EncDecLayout} order). */
    public void backward(float[] grads, float lossScale) {
        if (!hasProbs) {
            throw new IllegalStateException("backward needs a forward pass");
        }
        hasProbs = false;
        gradsRef = grads;
        EncDecLayout lay = model.layout;
        Weights w = weights;
        int Ne = B * Tx, Nd = B * Ty;
        Layers.crossEntropyBackward(probs, targets, 0, Ty, B, Ty, V, lossScale);
        Slice dres = s(this.dres, 0), dln = s(this.dln, 0);
        dln.zero(Nd * C);
        Layers.linearBackward(dln, s(probs, 0), s(lnf, 0), w, grads, lay.head, Nd);
        dres.zero(Nd * C);
        Layers.layernormBackward(dres, dln, s(dec.out, (LD - 1) * Nd * C), s(lnfMean, 0), s(lnfRstd, 0), w, grads,
                lay.decoderNorm, Nd);
        s(dmem, 0).zero(Ne * C);
        for (int l = LD - 1; l >= 0; l--) {
            Block p = lay.decoder(l);
            Cross x = lay.cross(l);
            int nc = l * Nd * C, n1 = l * Nd;
            mlpBackward(dec, l, p, s(dec.res3, nc), Nd, dres, dln, s(dfch, 0), s(dfchGelu, 0));
            // dres: d loss / d res3 = res2 + xproj
            s(datty, 0).zero(Nd * C);
            Layers.linearBackward(s(datty, 0), dres, s(dec.xatty, nc), w, grads, x.proj(), Nd);
            s(dxq, 0).zero(Nd * C);
            s(dxkv, 0).zero(Ne * 2 * C);
            for (int b = 0; b < B; b++) {
                Layers.crossAttentionBackward(s(dxq, b * Ty * C), s(dxkv, b * Tx * 2 * C), s(datty, b * Ty * C),
                        s(dec.xq, nc + b * Ty * C), s(dec.xkv, l * Ne * 2 * C + b * Tx * 2 * C),
                        s(dec.xatt, xattOffset(l, b)), datt, Ty, lengths[b], C, NH);
            }
            Layers.linearBackward(s(dmem, 0), s(dxkv, 0), s(mem, 0), w, grads, x.kv(), Ne);
            dln.zero(Nd * C);
            Layers.linearBackward(dln, s(dxq, 0), s(dec.lnx, nc), w, grads, x.q(), Nd);
            Layers.layernormBackward(dres, dln, s(dec.res2, nc), s(dec.lnxMean, n1), s(dec.lnxRstd, n1), w, grads,
                    x.ln(), Nd);
            selfAttentionBackward(dec, l, p, Nd, Ty, true, dres, dln, s(dqkv, 0), s(datty, 0));
        }
        for (int b = 0; b < B; b++) {
            Layers.embeddingBackward(dres.plus(b * Ty * C), tokens, off + b * stride + Tx, Ty, grads,
                    lay.decoderEmbedding);
        }
        // encoder, from the memory's gradient
        Slice dresE = s(dresEnc, 0), dlnE = s(dlnEnc, 0);
        dresE.zero(Ne * C);
        Layers.layernormBackward(dresE, s(dmem, 0), s(enc.out, (LE - 1) * Ne * C), s(memMean, 0), s(memRstd, 0), w,
                grads, lay.encoderNorm, Ne);
        for (int l = LE - 1; l >= 0; l--) {
            Block p = lay.encoder(l);
            mlpBackward(enc, l, p, s(enc.res2, l * Ne * C), Ne, dresE, dlnE, s(dfchEnc, 0), s(dfchGeluEnc, 0));
            selfAttentionBackward(enc, l, p, Ne, Tx, false, dresE, dlnE, s(dqkvEnc, 0), s(dattyEnc, 0));
        }
        for (int b = 0; b < B; b++) {
            Layers.embeddingBackward(dresE.plus(b * Tx * C), tokens, off + b * stride, Tx, grads, lay.encoderEmbedding);
        }
    }

    /** dres: d loss / d out in, d loss / d x (the MLP's input) out. */
    private void mlpBackward(Stack st, int l, Block p, Slice x, int N, Slice dres, Slice dln, Slice dfch,
            Slice dfchGelu) {
        Weights w = weights;
        int nc = l * N * C, nf = l * N * F, n1 = l * N;
        float[] grads = gradsRef;
        dfchGelu.zero(N * F);
        Layers.linearBackward(dfchGelu, dres, s(st.fchGelu, nf), w, grads, p.fcproj(), N);
        dfch.zero(N * F);
        Layers.geluBackward(dfch, dfchGelu, s(st.fch, nf), N * F);
        dln.zero(N * C);
        Layers.linearBackward(dln, dfch, s(st.ln2, nc), w, grads, p.fc(), N);
        Layers.layernormBackward(dres, dln, x, s(st.ln2Mean, n1), s(st.ln2Rstd, n1), w, grads, p.ln2(), N);
    }

    /** dres: d loss / d res2 in, d loss / d the block's input out. */
    private void selfAttentionBackward(Stack st, int l, Block p, int N, int T, boolean causal, Slice dres, Slice dln,
            Slice dqkv, Slice datty) {
        Weights w = weights;
        int nc = l * N * C, n1 = l * N;
        float[] grads = gradsRef;
        datty.zero(N * C);
        Layers.linearBackward(datty, dres, s(st.atty, nc), w, grads, p.attproj(), N);
        dqkv.zero(N * 3 * C);
        for (int b = 0; b < B; b++) {
            int n = causal ? T : lengths[b];
            Layers.attentionBackward(dqkv.plus(b * T * 3 * C), datty.plus(b * T * C), s(st.qkv, 3 * nc + b * T * 3 * C),
                    s(st.att, attOffset(st, l, b, T)), datt, n, C, NH, causal);
        }
        dln.zero(N * C);
        Layers.linearBackward(dln, dqkv, s(st.ln1, nc), w, grads, p.qkv(), N);
        Layers.layernormBackward(dres, dln, input(st, l, N, C), s(st.ln1Mean, n1), s(st.ln1Rstd, n1), w, grads,
                p.ln1(), N);
    }

    /** Logits (B, Ty, V) of the last forward. */
    public float[] logits() {
        return logits;
    }

    public EncoderDecoder model() {
        return model;
    }
}
