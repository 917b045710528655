package lab.jielong.engine;

import java.util.Arrays;

/**
 * One conversation with a model: its token history and, for the causal model, a KV cache per layer
 * (llama3.java's {@code State}). Feeding tokens runs only the new positions through the {@link Layers}, the
 * same forwards the {@link TrainingPass} runs; the logits of the last position are computed on demand (all V
 * of them with {@link #logits()}, or just the ones a guided decoder asks for with {@link #logit(int)}). Not
 * thread-safe; cheap to create; the {@link Gpt} it reads is shared.
 * <p>The cache keeps each position's whole qkv row, (L, T, 3C): the attention layer reads q, k and v in the
 * layout training gives it. Keys and values are the cache proper; a position's q is only read while it is
 * new. The peeking model has no valid cache (earlier positions change when a later token arrives), so for it
 * every feed recomputes the whole sequence, on the same code path.
 * <p>For the labs that measure it: {@link #lastCost()} says what the last feed cost (FLOPs counted as the layers
 * are called, wall time), {@link #feedWithoutCache} recomputes every position as a model without a cache must,
 * and {@link #recordHiddenStates} / {@link #recordAttention} keep each block's output and attention per position.
 */
public final class InferenceSession implements TokenSession {

    private final Gpt model;
    private final int T, C, F, V, L, NH;
    private final int[] tokens;             // (T)          the history
    private int length;                     // tokens in the history (= positions in the cache)
    private final float[] cache;            // (L, T, 3C)   q, k, v of every position so far
    private final Slice[] layerCache;       // layer l's (T, 3C) part of it
    private final Slice lnfLast;            // (C)          final LayerNorm of the last position
    private final Slice logits;             // (V)          the head's output, on demand
    private boolean lastOutputOnly;         // skip the last layer's output rows that nothing reads (see lastOutputOnly())
    private boolean logitsValid;
    private float[][][][] attention;        // optional record [L][NH][T][T]
    private float[][][] hidden;             // optional record [L][T][C]: the residual stream after each block
    private long lastTokensComputed, lastFlops, lastNanos;
    private long flopCount;                 // FLOPs of the layer calls made by the current run, counted as they go

    /**
     * Scratch for the positions one {@link #run} computes (at most T at once): read and written only inside it,
     * so sessions of one model share these buffers through {@link Gpt}'s pool instead of each allocating its own
     * (a session is cheap to create and to {@link #copy()}: its cache, history and head output only).
     */
    static final class Scratch {
        final Slice x;                      // (T, C)       the residual stream
        final Slice ln;                     // (T, C)       LayerNorm output
        final Slice lnMean, lnRstd;         // (T)
        final Slice att;                    // (NH, T, T)   attention weights, (NH, new positions, length) used
        final Slice atty;                   // (T, C)       attention output
        final Slice proj;                   // (T, C)       attention or MLP output before the residual add
        final Slice fch;                    // (T, F)       MLP hidden layer, GELU in place

        Scratch(ModelConfig c) {
            int T = c.context(), C = c.dModel();
            x = new Slice(new float[T * C], 0);
            ln = new Slice(new float[T * C], 0);
            lnMean = new Slice(new float[T], 0);
            lnRstd = new Slice(new float[T], 0);
            att = new Slice(new float[c.nHead() * T * T], 0);
            atty = new Slice(new float[T * C], 0);
            proj = new Slice(new float[T * C], 0);
            fch = new Slice(new float[T * c.dFf()], 0);
        }
    }

    InferenceSession(Gpt model) {
        this.model = model;
        ModelConfig c = model.config;
        T = c.context();
        C = c.dModel();
        F = c.dFf();
        V = c.vocabSize();
        L = c.nLayer();
        NH = c.nHead();
        tokens = new int[T];
        cache = new float[L * T * 3 * C];
        layerCache = new Slice[L];
        for (int l = 0; l < L; l++) {
            layerCache[l] = new Slice(cache, l * T * 3 * C);
        }
        lnfLast = new Slice(new float[C], 0);
        logits = new Slice(new float[V], 0);
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
    @Override
    public int remaining() {
        return T - length;
    }

    /** The history (a copy). */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    /**
     * Bytes this session holds (its cache, history and head output, without the optional records; the scratch of a
     * run is shared, see {@link Scratch}): what each {@link #copy()} allocates.
     */
    public long bytes() {
        return 4L * ((long) cache.length + lnfLast.data().length + logits.data().length + tokens.length);
    }

    /** An independent session with the same history and cache (for searching several continuations). */
    public InferenceSession copy() {
        InferenceSession c = new InferenceSession(model);
        int n = length * 3 * C;
        for (int l = 0; l < L; l++) {
            System.arraycopy(cache, l * T * 3 * C, c.cache, l * T * 3 * C, n);
        }
        System.arraycopy(tokens, 0, c.tokens, 0, length);
        System.arraycopy(lnfLast.data(), 0, c.lnfLast.data(), 0, C);
        c.length = length;
        c.lastOutputOnly = lastOutputOnly;
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

    /**
     * From now on, compute the last layer's attention projection and MLP for the last new position only: nothing
     * reads the other rows (the next layer's input is only the cache's, and the head reads the last position),
     * so the logits are the same and a prompt of n tokens costs about (n - 1) / n of one layer's MLP less. Off by
     * default, because the labs count each feed's FLOPs as a plain forward does ({@link #lastCost()}); ignored
     * while hidden states are recorded (they are those rows).
     */
    public InferenceSession lastOutputOnly() {
        lastOutputOnly = true;
        return this;
    }

    /** Record attention weights [layer][head][query t][key t2] from now on (null: stop). */
    public void recordAttention(boolean on) {
        attention = on ? new float[L][NH][T][T] : null;
    }

    /** The recorded attention (rows of positions fed since recording began), or null. */
    public float[][][][] attention() {
        return attention;
    }

    /**
     * Record the hidden states from now on: the residual stream after each block, [layer][position][C], as each
     * position is computed (null: stop). Positions a later feed does not recompute keep what they had.
     */
    public void recordHiddenStates(boolean on) {
        hidden = on ? new float[L][T][C] : null;
    }

    /** The recorded hidden states [L][T][C] (rows of positions computed since recording began), or null. */
    public float[][][] hiddenStates() {
        return hidden;
    }

    /**
     * The key and the value that layer {@code layer} holds for {@code position} (a copy, 2C floats: k then v):
     * a row of the KV cache. For the peeking model, the row of its last recomputation (it keeps no cache).
     */
    public float[] cacheRow(int layer, int position) {
        if (layer < 0 || layer >= L || position < 0 || position >= length) {
            throw new IllegalArgumentException(
                    "no cache row for layer " + layer + ", position " + position + " (layers "
                            + L + ", positions " + length + ")");
        }
        int row = layer * T * 3 * C + position * 3 * C + C;
        return Arrays.copyOfRange(cache, row, row + 2 * C);
    }

    /** Append one token and run the model on it. */
    @Override
    public void feed(int token) {
        feed(new int[] {token}, 0, 1);
    }

    @Override
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
        lastFlops = flopCount;
        lastNanos = System.nanoTime() - t0;
        logitsValid = false;
    }

    /**
     * Append one token and recompute every position of the history, the new one included, as a model that
     * keeps no KV cache must at every step (the peeking model always does). For the decoder the recomputed
     * cache rows are the ones it held: this is the "rebuild the snowman" step, for measuring it.
     */
    public void feedWithoutCache(int token) {
        if (length + 1 > T) {
            throw new IllegalStateException("context full: " + length + " + 1 tokens exceed " + T + " positions");
        }
        if (token < 0 || token >= V) {
            throw new IllegalArgumentException("token id " + token + " outside the vocabulary 0.." + (V - 1));
        }
        long t0 = System.nanoTime();
        tokens[length++] = token;
        run(0, length);
        lastTokensComputed = length;
        lastFlops = flopCount;
        lastNanos = System.nanoTime() - t0;
        logitsValid = false;
    }

    /**
     * Positions start..end-1 through every layer (the forward of {@link TrainingPass#forward} for one
     * sequence, on those rows only); positions below start are in the cache. Counts the FLOPs of the matrix
     * products and of attention as it calls them, into {@link #flopCount}.
     */
    private void run(int start, int end) {
        Scratch s = model.takeScratch();
        try {
            run(start, end, s);
        } finally {
            model.returnScratch(s);
        }
    }

    private void run(int start, int end, Scratch s) {
        ParameterLayout lay = model.layout;
        Weights w = model.inferenceWeights();
        int n = end - start;
        boolean causal = model.config.causal();
        Slice x = s.x, ln = s.ln, lnMean = s.lnMean, lnRstd = s.lnRstd, att = s.att, atty = s.atty, proj = s.proj,
                fch = s.fch;
        flopCount = 0;
        Layers.embeddingForward(x, tokens, start, n, start, w, lay.embedding);
        for (int l = 0; l < L; l++) {
            ParameterLayout.Block p = lay.block(l);
            Slice qkv = layerCache[l];
            // 1. attention: q, k, v of the new positions go into the cache, then each attends over the cache
            Layers.layernormForward(ln, lnMean, lnRstd, x, w, p.ln1(), n);
            linear(qkv.plus(start * 3 * C), ln, w, p.qkv(), n);
            Layers.attentionForward(atty, att, qkv, n, start, end, C, NH, causal);
            flopCount += attentionFlops(start, end, causal);
            if (attention != null) {
                record(l, start, n, end, att);
            }
            // the last layer's output rows other than the last are read by nothing (unless recorded)
            int skip = l == L - 1 && lastOutputOnly && hidden == null ? n - 1 : 0;
            int rows = n - skip;
            Slice xs = x.plus(skip * C);
            linear(proj, atty.plus(skip * C), w, p.attproj(), rows);
            Layers.residualForward(xs, xs, proj, rows * C);
            // 2. MLP: LN2, fc, GELU, projection back into the residual stream
            Layers.layernormForward(ln, lnMean, lnRstd, xs, w, p.ln2(), rows);
            linear(fch, ln, w, p.fc(), rows);
            Layers.geluForward(fch, fch, rows * F);
            linear(proj, fch, w, p.fcproj(), rows);
            Layers.residualForward(xs, xs, proj, rows * C);
            if (hidden != null) {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(x.data(), x.offset() + i * C, hidden[l][start + i], 0, C);
                }
            }
        }
        // final LayerNorm of the last position only: the head reads nothing else
        Layers.layernormForward(lnfLast, lnMean, lnRstd, x.plus((n - 1) * C), w, lay.lnf, 1);
    }

    /** {@link Layers#linearForward}, counting its 2·n·in·out FLOPs. */
    private void linear(Slice out, Slice inp, Weights w, ParameterLayout.Linear lin, int n) {
        Layers.linearForward(out, inp, w, lin, n);
        flopCount += 2L * n * lin.in() * lin.out();
    }

    /**
     * FLOPs of {@link Layers#attentionForward} for queries start..end-1: per query and head, q·k over the hs
     * channels and the weighted sum of hs-wide values, for each visible key; over NH heads, 2·2·C per key.
     */
    private long attentionFlops(int start, int end, boolean causal) {
        long f = 0;
        for (int t = start; t < end; t++) {
            int visible = causal ? t + 1 : end;
            f += 2L * 2L * C * visible;
        }
        return f;
    }

    /** Copies layer l's attention weights (NH, n, end) of positions start.. into the record. */
    private void record(int l, int start, int n, int end, Slice att) {
        float[] a = att.data();
        for (int h = 0; h < NH; h++) {
            for (int i = 0; i < n; i++) {
                float[] row = attention[l][h][start + i];
                System.arraycopy(a, (h * n + i) * end, row, 0, end);
                Arrays.fill(row, end, T, 0f);
            }
        }
    }

    /** Logits of the next token after the history (V floats, owned by the session: copy to keep). */
    @Override
    public float[] logits() {
        requireHistory();
        if (!logitsValid) {
            long t0 = System.nanoTime();
            ParameterLayout.Linear head = model.layout.head;
            Layers.linearForward(logits, lnfLast, model.inferenceWeights(), head, 1);
            logitsValid = true;
            lastFlops += 2L * head.in() * head.out();
            lastNanos += System.nanoTime() - t0;
        }
        return logits.data();
    }

    /** The logit of one candidate next token: one row of the tied head (what guided decoding uses). */
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

    /** Cost of the last feed (+ its head if logits() was called since). */
    public StepCost lastCost() {
        return new StepCost(lastTokensComputed, lastFlops, kvCacheBytes(), lastNanos);
    }

    /** Bytes of the keys and values held for the current history (float32): what a KV cache needs. */
    public long kvCacheBytes() {
        return model.config.causal() ? 2L * L * length * C * 4 : 0;
    }
}
