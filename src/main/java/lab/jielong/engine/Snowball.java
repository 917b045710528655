package lab.jielong.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The "snowball": generating token after token, what each step costs with the KV cache (one new position
 * through the layers, the earlier keys and values reused) and without it (every position recomputed, as a
 * model without a valid cache must do at every step), measured on the same model; and why only the decoder
 * may keep the snowball: appending a token leaves the earlier positions' hidden states exactly as they were
 * in the decoder, and changes them in the peeking model.
 * <ul>
 *   <li>{@link #compare}: the costs over a fixed token sequence (the bench).</li>
 *   <li>{@link Run}: a generation measured both ways as it happens, step by step, with both proofs (the
 *       snowball lab): the caller chooses each next token from {@link Run#logits()}.</li>
 *   <li>The closed-form FLOP counts ({@link #cachedStepFlops}, {@link #recomputedStepFlops}, the totals) equal
 *       what the {@link InferenceSession} counts as it calls the layers; they extrapolate to contexts the
 *       shipped models do not have.</li>
 * </ul>
 * FLOPs are 2 per multiply-add. P = 2·L·(4C² + 2C·F), the matrix products of one position through the blocks
 * (q, k, v and the attention projection: 4C²; the MLP: 2C·F); attention adds 2·2·C per visible key and layer;
 * the head 2·V·C for the one position whose next token is asked.
 */
public final class Snowball {

    private Snowball() {
    }

    /** One generation step: the position produced and the cost both ways (each including the head). */
    public record Row(int position, StepCost cached, StepCost recomputed) {
    }

    /**
     * For each position t in from..tokens.length-1: the cost of feeding tokens[t] into a cached session
     * holding tokens[0..t-1], and of recomputing tokens[0..t] from scratch; both include the head. With
     * from = 0 the first step feeds tokens[0] into an empty context (both ways compute one position).
     */
    public static List<Row> compare(Gpt model, int[] tokens, int from) {
        if (from < 0 || from >= tokens.length) {
            throw new IllegalArgumentException("from must be in 0.." + (tokens.length - 1) + ", got " + from);
        }
        if (!model.config.causal()) {
            throw new IllegalArgumentException("the peeking model keeps no cache to compare with");
        }
        List<Row> rows = new ArrayList<>();
        InferenceSession cached = model.newSession();
        InferenceSession recomputed = model.newSession();
        if (from > 0) {
            cached.feed(tokens, 0, from);
            recomputed.feed(tokens, 0, from);
        }
        for (int t = from; t < tokens.length; t++) {
            cached.feed(tokens[t]);
            cached.logits();
            recomputed.feedWithoutCache(tokens[t]);
            recomputed.logits();
            rows.add(new Row(t, cached.lastCost(), recomputed.lastCost()));
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------ closed forms

    /** P: FLOPs of the matrix products of one position through all blocks. */
    public static long perPositionMatmulFlops(ModelConfig c) {
        long C = c.dModel(), F = c.dFf(), L = c.nLayer();
        return 2L * L * (4L * C * C + 2L * C * F);
    }

    private static long headFlops(ModelConfig c) {
        return 2L * c.vocabSize() * c.dModel();
    }

    /**
     * FLOPs of the step that feeds the token at {@code position} (0-based) to a decoder holding positions
     * 0..position-1 in its cache, head included: P + 4·L·C·(position + 1) + 2·V·C. Flat but for the attention
     * term, which grows by 4·L·C a step.
     */
    public static long cachedStepFlops(ModelConfig c, long position) {
        return perPositionMatmulFlops(c) + 4L * c.nLayer() * c.dModel() * (position + 1) + headFlops(c);
    }

    /**
     * FLOPs of the same step recomputing positions 0..position, head included. Decoder (causal attention,
     * position i sees i + 1 keys): n·P + 2·L·C·n·(n + 1) + 2·V·C with n = position + 1; peeking model (every
     * position sees all n): n·P + 4·L·C·n² + 2·V·C. Grows with the position: the snowball rebuilt.
     */
    public static long recomputedStepFlops(ModelConfig c, long position) {
        long n = position + 1, L = c.nLayer(), C = c.dModel();
        long attention = c.causal() ? 2L * L * C * n * (n + 1) : 4L * L * C * n * n;
        return n * perPositionMatmulFlops(c) + attention + headFlops(c);
    }

    /**
     * FLOPs of generating {@code steps} tokens from an empty context with the cache, each step with its head:
     * the sum of {@link #cachedStepFlops} over positions 0..steps-1 = steps·(P + 2·V·C) + 2·L·C·steps·(steps + 1).
     * Linear in the length, but for the attention term.
     */
    public static long totalCachedFlops(ModelConfig c, long steps) {
        long linear = Math.multiplyExact(steps, perPositionMatmulFlops(c) + headFlops(c));
        return Math.addExact(linear,
                Math.multiplyExact(2L * c.nLayer() * c.dModel(), Math.multiplyExact(steps, steps + 1)));
    }

    /**
     * The same recomputing every position at every step (decoder): the sum of {@link #recomputedStepFlops} =
     * P·n(n + 1)/2 + 2·L·C·n(n + 1)(n + 2)/3 + 2·V·C·n for n = steps. Quadratic in the length, cubic in its
     * attention term. Exact in a long (ArithmeticException rather than a wrong number beyond it).
     */
    public static long totalRecomputedFlops(ModelConfig c, long steps) {
        long n = steps;
        long pairs = Math.multiplyExact(n, n + 1);
        long matmul = Math.multiplyExact(perPositionMatmulFlops(c), pairs / 2);
        long attention = Math.multiplyExact(2L * c.nLayer() * c.dModel(), Math.multiplyExact(pairs, n + 2) / 3);
        return Math.addExact(Math.addExact(matmul, attention), Math.multiplyExact(headFlops(c), n));
    }

    /** Bytes of keys and values (float32) a decoder holds for {@code length} positions: 2·L·length·C·4. */
    public static long cacheBytes(ModelConfig c, long length) {
        return 2L * c.nLayer() * length * c.dModel() * 4;
    }

    // ------------------------------------------------------------------------------------------ a measured run

    /**
     * One step of a {@link Run}: the tokens fed (the prompt, or one generated token), both costs as the engine
     * timed and counted them, and the two proofs.
     *
     * @param position           the last position fed
     * @param fed                tokens fed in this step (the prompt's length, then 1)
     * @param cached             with the cache: only the new positions computed (head included)
     * @param recomputed         every position recomputed (head included)
     * @param logitDifference    largest |cached − recomputed| over the V next-token logits
     * @param decoderStateChange per layer, the largest |change| of the earlier positions' hidden states
     *                           (positions before this step's) once this step's tokens are appended; empty for
     *                           the prompt (no earlier positions)
     * @param peekingStateChange the same for the peeking model on the same tokens (empty without one)
     */
    public record Step(int position, int fed, StepCost cached, StepCost recomputed, double logitDifference,
            double[] decoderStateChange, double[] peekingStateChange) {
    }

    /**
     * A generation measured both ways as it happens: a decoder session with its cache (the real generation: the
     * caller picks each next token from its {@link #logits()}), the same decoder recomputing every position at
     * every step (its hidden states recorded for the proof: copying them costs microseconds beside the
     * milliseconds of the recomputation), and optionally the peeking model on the same tokens. Not thread-safe.
     */
    public static final class Run {
        private final InferenceSession cached;
        private final InferenceSession recomputed;
        private final InferenceSession peeking;     // null: no peeking model
        private final int L;

        /** @param peeking the peeking model for the hidden-state proof, or null */
        public Run(Gpt decoder, Gpt peeking) {
            if (!decoder.config.causal()) {
                throw new IllegalArgumentException("the snowball needs the decoder (causal), got "
                        + decoder.config.describe());
            }
            if (peeking != null && (peeking.config.causal() || peeking.config.nLayer() != decoder.config.nLayer())) {
                throw new IllegalArgumentException("the peeking model must be non-causal with the decoder's "
                        + decoder.config.nLayer() + " layers, got " + peeking.config.describe());
            }
            this.cached = decoder.newSession();
            this.recomputed = decoder.newSession();
            this.recomputed.recordHiddenStates(true);
            this.peeking = peeking == null ? null : peeking.newSession();
            if (this.peeking != null) {
                this.peeking.recordHiddenStates(true);
            }
            this.L = decoder.config.nLayer();
        }

        /** Feeds the prompt (at least one token, BOS) both ways at once: the prefill. */
        public Step start(int[] prompt) {
            if (cached.length() > 0) {
                throw new IllegalStateException("the run has started already");
            }
            if (prompt.length == 0 || prompt.length > cached.remaining()) {
                throw new IllegalArgumentException("a prompt of 1.." + cached.remaining() + " tokens, got "
                        + prompt.length);
            }
            cached.feed(prompt);
            recomputed.feed(prompt);                // from an empty context the decoder computes every position anyway
            if (peeking != null) {
                peeking.feed(prompt);
            }
            return measured(prompt.length, new double[0], new double[0]);
        }

        /** Appends one token: the cached session computes its position, the others recompute everything. */
        public Step step(int token) {
            if (cached.length() == 0) {
                throw new IllegalStateException("start the run with a prompt first");
            }
            if (cached.remaining() == 0) {
                throw new IllegalStateException("the context is full: " + cached.length() + " positions");
            }
            int earlier = cached.length();
            float[][][] decoderBefore = copy(recomputed.hiddenStates(), earlier);
            float[][][] peekingBefore = peeking == null ? null : copy(peeking.hiddenStates(), earlier);
            cached.feed(token);
            recomputed.feedWithoutCache(token);
            double[] peekingChange = new double[0];
            if (peeking != null) {
                peeking.feed(token);                // the peeking model's feed always recomputes every position
                peekingChange = change(peekingBefore, peeking.hiddenStates(), earlier);
            }
            return measured(1, change(decoderBefore, recomputed.hiddenStates(), earlier), peekingChange);
        }

        private Step measured(int fed, double[] decoderChange, double[] peekingChange) {
            float[] a = cached.logits(), b = recomputed.logits();
            double worst = 0;
            for (int v = 0; v < a.length; v++) {
                worst = Math.max(worst, Math.abs((double) a[v] - b[v]));
            }
            return new Step(cached.length() - 1, fed, cached.lastCost(), recomputed.lastCost(), worst, decoderChange,
                    peekingChange);
        }

        /** The next-token logits of the cached session (V floats, owned by the session: copy to keep). */
        public float[] logits() {
            return cached.logits();
        }

        /** Tokens fed so far. */
        public int length() {
            return cached.length();
        }

        /** Room left in the context. */
        public int remaining() {
            return cached.remaining();
        }

        /** The tokens fed so far. */
        public int[] tokens() {
            return cached.tokens();
        }

        /** A row of the decoder's KV cache: layer {@code layer}'s key and value for {@code position} (2C floats). */
        public float[] cacheRow(int layer, int position) {
            return cached.cacheRow(layer, position);
        }

        /** Bytes of keys and values the cached session holds now. */
        public long cacheBytes() {
            return cached.kvCacheBytes();
        }

        private float[][][] copy(float[][][] states, int positions) {
            float[][][] out = new float[L][positions][];
            for (int l = 0; l < L; l++) {
                for (int t = 0; t < positions; t++) {
                    out[l][t] = states[l][t].clone();
                }
            }
            return out;
        }
    }

    /** Per layer, the largest |after − before| over positions 0..positions-1 and all channels. */
    static double[] change(float[][][] before, float[][][] after, int positions) {
        double[] worst = new double[before.length];
        for (int l = 0; l < before.length; l++) {
            for (int t = 0; t < positions; t++) {
                for (int i = 0; i < before[l][t].length; i++) {
                    worst[l] = Math.max(worst[l], Math.abs((double) after[l][t][i] - before[l][t][i]));
                }
            }
        }
        return worst;
    }
}
