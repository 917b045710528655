package lab.jielong.engine;

import lab.jielong.engine.EncDecLayout.Cross;
import lab.jielong.engine.ParameterLayout.Block;

import java.util.Arrays;

/**
 * One conversation with an {@link EncoderDecoder}: {@link #encode} runs the encoder over the source X once and
 * computes every decoder layer's cross-attention keys and values from its output, once; then the decoder is fed
 * like an {@link InferenceSession} (only the new positions, a self-attention KV cache per layer), each new
 * position reading the cached cross keys and values. Not thread-safe; the model is shared.
 */
public final class EncDecSession implements TokenSession {

    private final EncoderDecoder model;
    private final int Tx, Ty, C, F, V, LE, LD, NH;
    private final int[] source;
    private int sourceLength;
    private final float[] crossKv;          // (LD, Tx, 2C)  cross-attention keys and values of the source
    private final int[] tokens;             // (Ty)          the decoder's history
    private int length;
    private final float[] cache;            // (LD, Ty, 3C)  decoder self-attention q, k, v
    private final Slice x, ln, lnMean, lnRstd, att, atty, proj, fch, qkvEnc, xq, lnfLast;
    private final float[] logits;
    private boolean logitsValid;
    private long sourcePasses;
    private boolean recording;
    private float[][][][] encoderAttention, crossAttention, selfAttention;

    EncDecSession(EncoderDecoder model) {
        this.model = model;
        EncDecConfig c = model.config;
        Tx = c.sourceContext();
        Ty = c.targetContext();
        C = c.dModel();
        F = c.dFf();
        V = c.vocabSize();
        LE = c.encoderLayers();
        LD = c.decoderLayers();
        NH = c.nHead();
        int T = Math.max(Tx, Ty);
        source = new int[Tx];
        crossKv = new float[LD * Tx * 2 * C];
        tokens = new int[Ty];
        cache = new float[LD * Ty * 3 * C];
        x = new Slice(new float[T * C], 0);
        ln = new Slice(new float[T * C], 0);
        lnMean = new Slice(new float[T], 0);
        lnRstd = new Slice(new float[T], 0);
        att = new Slice(new float[NH * T * T], 0);
        atty = new Slice(new float[T * C], 0);
        proj = new Slice(new float[T * C], 0);
        fch = new Slice(new float[T * F], 0);
        qkvEnc = new Slice(new float[Tx * 3 * C], 0);
        xq = new Slice(new float[Ty * C], 0);
        lnfLast = new Slice(new float[C], 0);
        logits = new float[V];
    }

    public EncoderDecoder model() {
        return model;
    }

    /** Record attention weights from now on: the encoder's at the next {@link #encode}, the decoder's as fed. */
    public void recordAttention(boolean on) {
        recording = on;
        encoderAttention = on ? new float[LE][NH][Tx][Tx] : null;
        crossAttention = on ? new float[LD][NH][Ty][Tx] : null;
        selfAttention = on ? new float[LD][NH][Ty][Ty] : null;
    }

    /** [layer][head][query][key] of the encoder's bidirectional self-attention (null unless recording). */
    public float[][][][] encoderAttention() {
        return encoderAttention;
    }

    /** [layer][head][target position][source position]: which characters of X each position of Y reads. */
    public float[][][][] crossAttention() {
        return crossAttention;
    }

    /** [layer][head][query][key] of the decoder's causal self-attention. */
    public float[][][][] selfAttention() {
        return selfAttention;
    }

    /** How many times the encoder (and the cross keys and values) were computed: once per {@link #encode}. */
    public long sourcePasses() {
        return sourcePasses;
    }

    /**
     * Runs the encoder over the source tokens (1 to Tx of them) and computes the cross-attention keys and values
     * of every decoder layer; clears the decoder's history.
     */
    public void encode(int[] src) {
        int n = src.length;
        if (n < 1 || n > Tx) {
            throw new IllegalArgumentException("source of " + n + " tokens: need 1 to " + Tx);
        }
        for (int tok : src) {
            if (tok < 0 || tok >= V) {
                throw new IllegalArgumentException("token id " + tok + " outside the vocabulary 0.." + (V - 1));
            }
        }
        System.arraycopy(src, 0, source, 0, n);
        sourceLength = n;
        EncDecLayout lay = model.layout;
        Weights w = model.inferenceWeights();
        Layers.embeddingForward(x, source, 0, n, 0, w, lay.encoderEmbedding);
        for (int l = 0; l < LE; l++) {
            Block p = lay.encoder(l);
            Layers.layernormForward(ln, lnMean, lnRstd, x, w, p.ln1(), n);
            Layers.linearForward(qkvEnc, ln, w, p.qkv(), n);
            Layers.attentionForward(atty, att, qkvEnc, n, 0, n, C, NH, false);
            if (recording) {
                record(encoderAttention[l], 0, n, n);
            }
            Layers.linearForward(proj, atty, w, p.attproj(), n);
            Layers.residualForward(x, x, proj, n * C);
            mlp(p, w, n);
        }
        Layers.layernormForward(ln, lnMean, lnRstd, x, w, lay.encoderNorm, n);
        for (int l = 0; l < LD; l++) {
            Layers.linearForward(new Slice(crossKv, l * Tx * 2 * C), ln, w, lay.cross(l).kv(), n);
        }
        sourcePasses++;
        length = 0;
        logitsValid = false;
    }

    private void mlp(Block p, Weights w, int n) {
        Layers.layernormForward(ln, lnMean, lnRstd, x, w, p.ln2(), n);
        Layers.linearForward(fch, ln, w, p.fc(), n);
        Layers.geluForward(fch, fch, n * F);
        Layers.linearForward(proj, fch, w, p.fcproj(), n);
        Layers.residualForward(x, x, proj, n * C);
    }

    /** The source (a copy). */
    public int[] source() {
        return Arrays.copyOf(source, sourceLength);
    }

    /** The decoder's history (a copy). */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    public int length() {
        return length;
    }

    @Override
    public int remaining() {
        return Ty - length;
    }

    /** Forgets the decoder's history; the encoded source stays. */
    public void restart() {
        length = 0;
        logitsValid = false;
    }

    @Override
    public void feed(int token) {
        feed(new int[] {token});
    }

    @Override
    public void feed(int[] toks) {
        int n = toks.length;
        if (sourceLength == 0) {
            throw new IllegalStateException("encode a source before feeding the decoder");
        }
        if (length + n > Ty) {
            throw new IllegalStateException("target context full: " + length + " + " + n + " tokens exceed " + Ty);
        }
        for (int i = 0; i < n; i++) {
            if (toks[i] < 0 || toks[i] >= V) {
                throw new IllegalArgumentException("token id " + toks[i] + " outside the vocabulary 0.." + (V - 1));
            }
            tokens[length + i] = toks[i];
        }
        int start = length, end = length + n;
        length = end;
        EncDecLayout lay = model.layout;
        Weights w = model.inferenceWeights();
        Layers.embeddingForward(x, tokens, start, n, start, w, lay.decoderEmbedding);
        for (int l = 0; l < LD; l++) {
            Block p = lay.decoder(l);
            Cross cr = lay.cross(l);
            Slice qkv = new Slice(cache, l * Ty * 3 * C);
            Layers.layernormForward(ln, lnMean, lnRstd, x, w, p.ln1(), n);
            Layers.linearForward(qkv.plus(start * 3 * C), ln, w, p.qkv(), n);
            Layers.attentionForward(atty, att, qkv, n, start, end, C, NH, true);
            if (recording) {
                record(selfAttention[l], start, n, end);
            }
            Layers.linearForward(proj, atty, w, p.attproj(), n);
            Layers.residualForward(x, x, proj, n * C);
            // cross-attention: the new positions' queries against the source's cached keys and values
            Layers.layernormForward(ln, lnMean, lnRstd, x, w, cr.ln(), n);
            Layers.linearForward(xq, ln, w, cr.q(), n);
            Layers.crossAttentionForward(atty, att, xq, new Slice(crossKv, l * Tx * 2 * C), n, sourceLength, C, NH);
            if (recording) {
                record(crossAttention[l], start, n, sourceLength);
            }
            Layers.linearForward(proj, atty, w, cr.proj(), n);
            Layers.residualForward(x, x, proj, n * C);
            mlp(p, w, n);
        }
        Layers.layernormForward(lnfLast, lnMean, lnRstd, x.plus((n - 1) * C), w, lay.decoderNorm, 1);
        logitsValid = false;
    }

    /** Copies attention weights (NH, n, keys) of rows start.. into rec[h][start + i]. */
    private void record(float[][][] rec, int start, int n, int keys) {
        float[] a = att.data();
        for (int h = 0; h < NH; h++) {
            for (int i = 0; i < n; i++) {
                float[] row = rec[h][start + i];
                Arrays.fill(row, 0f);
                System.arraycopy(a, (h * n + i) * keys, row, 0, keys);
            }
        }
    }

    @Override
    public float[] logits() {
        requireHistory();
        if (!logitsValid) {
            Layers.linearForward(new Slice(logits, 0), lnfLast, model.inferenceWeights(), model.layout.head, 1);
            logitsValid = true;
        }
        return logits;
    }

    @Override
    public float logit(int token) {
        requireHistory();
        return Gemm.dot(lnfLast.data(), 0, model.params, model.layout.head.weight() + token * C, C);
    }

    /** Softmax of {@link #logits()} (a new array). */
    public float[] probabilities() {
        float[] pr = Arrays.copyOf(logits(), V);
        VecMath.softmax(pr, 0, V);
        return pr;
    }

    private void requireHistory() {
        if (length == 0) {
            throw new IllegalStateException("feed at least one token (BOS) before asking for logits");
        }
    }
}
