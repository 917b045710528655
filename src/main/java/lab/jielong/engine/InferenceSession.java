package lab.jielong.engine;

import java.util.Arrays;

/**
 * One conversation with a model: its token history and, for the causal model, a KV cache per
 * layer shaped (T, C) for keys and the same for values (llama3.java's {@code State}). Feeding
 * tokens computes only the new positions; the logits of the last position are computed on demand
 * (all V of them with {@link #logits()}, or just the ones a guided decoder asks for with
 * {@link #logit(int)}). Not thread-safe; cheap to create; the {@link Gpt} it reads is shared.
 * <p>The bidirectional ("peeking") model has no valid cache (earlier positions change when a
 * later token arrives), so for it every feed recomputes the whole sequence, on the same code path.
 */
public final class InferenceSession {

    private final Gpt model;
    private final int T, C, F, V, L, NH, hs;
    private final float[] kCache, vCache;   // (L, T, C)
    private final int[] tokens;             // (T) the history
    private int length;                     // tokens in the history (= positions in the cache)
    // scratch for up to T positions at once
    private final float[] x, ln, qkv, atty, tmp, fch, lnfLast, logits, scores;
    private boolean logitsValid;
    private float[][][][] attention;        // optional record [L][NH][T][T]
    private long lastTokensComputed, lastFlops, lastNanos;

    InferenceSession(Gpt model) {
        this.model = model;
        ModelConfig c = model.config;
        T = c.context();
        C = c.dModel();
        F = c.dFf();
        V = c.vocabSize();
        L = c.nLayer();
        NH = c.nHead();
        hs = c.headSize();
        kCache = new float[L * T * C];
        vCache = new float[L * T * C];
        tokens = new int[T];
        x = new float[T * C];
        ln = new float[T * C];
        qkv = new float[T * 3 * C];
        atty = new float[T * C];
        tmp = new float[T * C];
        fch = new float[T * F];
        lnfLast = new float[C];
        logits = new float[V];
        scores = new float[T];
    }

    public Gpt model() {
        return model;
    }

    /** Forget the history (the cache is simply overwritten later). */
    public void reset() {
        length = 0;
        logitsValid = false;
    }

    /** Tokens in the history. */
    public int length() {
        return length;
    }

    /** Room left in the context. */
    public int remaining() {
        return T - length;
    }

    /** The history (a copy). */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    /** An independent session with the same history and cache (for searching several continuations). */
    public InferenceSession copy() {
        InferenceSession c = new InferenceSession(model);
        int n = length * C;
        for (int l = 0; l < L; l++) {
            System.arraycopy(kCache, l * T * C, c.kCache, l * T * C, n);
            System.arraycopy(vCache, l * T * C, c.vCache, l * T * C, n);
        }
        System.arraycopy(tokens, 0, c.tokens, 0, length);
        System.arraycopy(lnfLast, 0, c.lnfLast, 0, C);
        c.length = length;
        return c;
    }

    /**
     * Drops the history after the first n tokens. Causal model: the cache rows below n stay valid,
     * so this costs nothing, except that the last position's hidden state is recomputed by
     * re-feeding token n-1. Peeking model: recomputes.
     */
    public void truncate(int n) {
        if (n < 1 || n > length) {
            throw new IllegalArgumentException("cannot truncate a history of " + length + " tokens to " + n);
        }
        if (n == length) {
            return;
        }
        int last = tokens[n - 1];
        length = n - 1;
        feed(last);
    }

    /** Record attention weights [layer][head][query t][key t2] from now on (null: stop). */
    public void recordAttention(boolean on) {
        attention = on ? new float[L][NH][T][T] : null;
    }

    /** The recorded attention (rows of positions fed since recording began), or null. */
    public float[][][][] attention() {
        return attention;
    }

    /** Append one token and run the model on it. */
    public void feed(int token) {
        feed(new int[] {token}, 0, 1);
    }

    public void feed(int[] toks) {
        feed(toks, 0, toks.length);
    }

    /**
     * Append n tokens. Causal model: computes only the new positions (prefill when n &gt; 1, a
     * decode step when n = 1) against the cached keys and values. Peeking model: recomputes all.
     */
    public void feed(int[] toks, int off, int n) {
        if (length + n > T) {
            throw new IllegalStateException("context full: " + length + " + " + n + " tokens exceed "
                    + T + " positions");
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int tok = toks[off + i];
            if (tok < 0 || tok >= V) {
                throw new IllegalArgumentException("token id " + tok + " outside the vocabulary 0.." + (V - 1));
            }
            tokens[length + i] = tok;
        }
        int start = model.config.causal() ? length : 0;
        length += n;
        run(start, length);
        lastTokensComputed = length - start;
        lastFlops = flops(start, length, false);
        lastNanos = System.nanoTime() - t0;
        logitsValid = false;
    }

    /** Positions start..end-1 through every layer; positions below start are in the cache. */
    private void run(int start, int end) {
        ParameterLayout lay = model.layout;
        float[] p = model.params, w = model.transposedWeights();
        int n = end - start;
        boolean causal = model.config.causal();
        float scale = (float) (1.0 / Math.sqrt(hs));
        for (int i = 0; i < n; i++) {
            int t = start + i, tok = tokens[t];
            for (int c = 0; c < C; c++) {
                x[i * C + c] = p[lay.wte + tok * C + c] + p[lay.wpe + t * C + c];
            }
        }
        for (int l = 0; l < L; l++) {
            // 1. attention: LN1, q k v for the new rows (k and v go into the cache), scores over the cache
            Layers.layernormForward(ln, 0, tmp, scores, 0, x, 0, p, lay.ln1w + l * C, lay.ln1b + l * C, n, C);
            Gemm.aw(ln, 0, n, C, w, lay.qkvw + l * 3 * C * C, 3 * C, p, lay.qkvb + l * 3 * C, qkv, 0);
            int cache = l * T * C;
            for (int i = 0; i < n; i++) {
                System.arraycopy(qkv, i * 3 * C + C, kCache, cache + (start + i) * C, C);
                System.arraycopy(qkv, i * 3 * C + 2 * C, vCache, cache + (start + i) * C, C);
            }
            for (int i = 0; i < n; i++) {
                int t = start + i, last = causal ? t : end - 1;
                for (int h = 0; h < NH; h++) {
                    int q = i * 3 * C + h * hs;
                    for (int t2 = 0; t2 <= last; t2++) {
                        scores[t2] = Gemm.dot(qkv, q, kCache, cache + t2 * C + h * hs, hs) * scale;
                    }
                    VecMath.softmax(scores, 0, last + 1);
                    if (attention != null) {
                        float[] row = attention[l][h][t];
                        Arrays.fill(row, 0f);
                        System.arraycopy(scores, 0, row, 0, last + 1);
                    }
                    int o = i * C + h * hs;
                    Arrays.fill(atty, o, o + hs, 0f);
                    for (int t2 = 0; t2 <= last; t2++) {
                        VecMath.axpy(scores[t2], vCache, cache + t2 * C + h * hs, atty, o, hs);
                    }
                }
            }
            Gemm.aw(atty, 0, n, C, w, lay.attprojw + l * C * C, C, p, lay.attprojb + l * C, tmp, 0);
            VecMath.axpy(1f, tmp, 0, x, 0, n * C);
            // 2. MLP: LN2, fc, GELU, projection back into the residual stream
            Layers.layernormForward(ln, 0, tmp, scores, 0, x, 0, p, lay.ln2w + l * C, lay.ln2b + l * C, n, C);
            Gemm.aw(ln, 0, n, C, w, lay.fcw + l * F * C, F, p, lay.fcb + l * F, fch, 0);
            VecMath.gelu(fch, 0, fch, 0, n * F);
            Gemm.aw(fch, 0, n, F, w, lay.fcprojw + l * C * F, C, p, lay.fcprojb + l * C, tmp, 0);
            VecMath.axpy(1f, tmp, 0, x, 0, n * C);
        }
        // final LayerNorm of the last position only: the head reads nothing else
        Layers.layernormForward(lnfLast, 0, tmp, scores, 0, x, (n - 1) * C, p, lay.lnfw, lay.lnfb, 1, C);
    }

    /** Logits of the next token after the history (V floats, owned by the session: copy to keep). */
    public float[] logits() {
        requireHistory();
        if (!logitsValid) {
            long t0 = System.nanoTime();
            Gemm.aw(lnfLast, 0, 1, C, model.transposedWeights(), model.layout.wte, V, null, 0, logits, 0);
            logitsValid = true;
            lastFlops += 2L * V * C;
            lastNanos += System.nanoTime() - t0;
        }
        return logits;
    }

    /** The logit of one candidate next token: one row of the tied head (what guided decoding uses). */
    public float logit(int token) {
        requireHistory();
        return Gemm.dot(lnfLast, 0, model.params, model.layout.wte + token * C, C);
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

    /** Cost of the last feed (+ its head if logits() was called since). */
    public StepCost lastCost() {
        return new StepCost(lastTokensComputed, lastFlops, kvCacheBytes(), lastNanos);
    }

    /** Bytes of keys and values held for the current history (float32). */
    public long kvCacheBytes() {
        return model.config.causal() ? 2L * L * length * C * 4 : 0;
    }

    /**
     * FLOPs (2 per multiply-add) to run positions start..end-1 given the cache below start:
     * the per-token matrix products plus attention over the visible positions, plus the head
     * for one position if withHead.
     */
    long flops(int start, int end, boolean withHead) {
        long perToken = 2L * L * (3L * C * C + (long) C * C + 2L * C * F);
        long f = perToken * (end - start);
        for (int t = start; t < end; t++) {
            int visible = model.config.causal() ? t + 1 : end;
            f += 2L * L * 2L * C * visible;
        }
        return withHead ? f + 2L * V * C : f;
    }
}
