package lab.jielong.labs.snowball;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.Snowball;
import lab.jielong.engine.StepCost;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.DecodingConfig;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.models.Models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One visitor's generation in the snowball lab: the decoder writes one token per {@link #step()}, chosen from
 * its KV-cache session's logits with the visitor's decoding, and every step is measured as it happens, with the
 * cache and recomputing every position ({@link Snowball.Run}), with both proofs. Real generation: nothing is
 * computed ahead of the step that shows it. Thread-safe (a play loop and a click may both ask for a step).
 */
public final class Generation {

    /** Why a generation stopped. */
    public enum End {
        /** The model wrote the end-of-chain token. */
        END_OF_CHAIN,
        /** Every position of the context is used. */
        CONTEXT_FULL,
        /** The visitor started another generation (one at a time per visitor). */
        REPLACED
    }

    /**
     * One measured step. Step 0 is the prompt, read at once (token −1); steps 1.. write one token each.
     *
     * @param number             0 for the prompt, then 1, 2, …
     * @param position           the last position fed (0-based)
     * @param token              the token written (−1 for the prompt)
     * @param text               what the step wrote: the token as the vocabulary names it ({@code <sep>} …)
     * @param probability        the model's probability for it, over the whole vocabulary (NaN for the prompt)
     * @param cached             with the KV cache: positions computed, FLOPs and µs as the engine counted and
     *                           timed them, the cache's bytes after the step (head included)
     * @param recomputed         every position recomputed, as a model without a valid cache must
     * @param cachedFlops        the closed-form count for the cached step ({@link Snowball#cachedStepFlops})
     * @param recomputedFlops    the closed-form count for recomputing ({@link Snowball#recomputedStepFlops})
     * @param logitDifference    largest |cached − recomputed| over the next-token logits
     * @param decoderStateChange per layer, the largest change of the earlier positions' hidden states once this
     *                           token is appended (empty for the prompt)
     * @param peekingStateChange the same for the peeking model on the same tokens (empty without one)
     */
    public record Step(int number, int position, int token, String text, double probability, StepCost cached,
            StepCost recomputed, long cachedFlops, long recomputedFlops, double logitDifference,
            double[] decoderStateChange, double[] peekingStateChange) {

        public double cachedMicros() {
            return cached.nanos() / 1e3;
        }

        public double recomputedMicros() {
            return recomputed.nanos() / 1e3;
        }
    }

    private final Models models;
    private final ModelConfig config;
    private final String promptText;
    private final int promptLength;
    private final DecodingConfig decoding;
    private final boolean withPeeking;
    private final Snowball.Run run;
    private final Sampler sampler;
    private final List<Step> steps = new ArrayList<>();
    private End end;

    /** Reads the prompt (the prefill, measured as step 0). */
    Generation(Models models, String promptText, DecodingConfig decoding, boolean withPeeking) {
        this.models = models;
        this.config = models.decoder().config;
        this.promptText = promptText;
        this.decoding = decoding;
        this.withPeeking = withPeeking;
        this.run = new Snowball.Run(models.decoder(), withPeeking ? models.peeking() : null);
        this.sampler = decoding.sampler();
        int[] prompt = ChainFormat.encode(promptText, models.vocabulary(), true);
        this.promptLength = prompt.length;
        Snowball.Step s = run.start(prompt);
        steps.add(step(0, s, -1, "", Double.NaN));
        if (run.remaining() == 0) {
            end = End.CONTEXT_FULL;
        }
    }

    /**
     * Writes the next token: chosen from the cached session's logits (never PAD or BOS), then fed both ways and
     * measured. Empty once the generation has ended.
     */
    public synchronized Optional<Step> step() {
        if (end != null) {
            return Optional.empty();
        }
        float[] logits = run.logits();
        int token = Decoding.nextToken(logits, sampler);
        double p = Decoding.probability(logits, logits.length, token);
        Snowball.Step s = run.step(token);
        Step step = step(steps.size(), s, token, models.vocabulary().token(token), p);
        steps.add(step);
        if (token == Vocabulary.EOS) {
            end = End.END_OF_CHAIN;
        } else if (run.remaining() == 0) {
            end = End.CONTEXT_FULL;
        }
        return Optional.of(step);
    }

    private Step step(int number, Snowball.Step s, int token, String text, double p) {
        return new Step(number, s.position(), token, text, p, s.cached(), s.recomputed(),
                number == 0 ? Snowball.recomputedStepFlops(config, s.position())
                        : Snowball.cachedStepFlops(config, s.position()),
                Snowball.recomputedStepFlops(config, s.position()), s.logitDifference(), s.decoderStateChange(),
                s.peekingStateChange());
    }

    /** Stops it for good (a newer generation replaced it). */
    synchronized void close() {
        if (end == null) {
            end = End.REPLACED;
        }
    }

    /** Why it stopped; empty while it can go on. */
    public synchronized Optional<End> end() {
        return Optional.ofNullable(end);
    }

    /** Every step so far, the prompt's first. */
    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The last step (the prompt's before any token is written). */
    public synchronized Step last() {
        return steps.get(steps.size() - 1);
    }

    /** The tokens so far as the vocabulary names them ({@code <bos>}, characters, {@code <sep>} …). */
    public synchronized List<String> tokens() {
        List<String> names = new ArrayList<>();
        for (int t : run.tokens()) {
            names.add(models.vocabulary().token(t));
        }
        return names;
    }

    /**
     * The KV cache as it is now, as numbers to draw: [2L][positions], row 2l the length (L2 norm) of each
     * position's key in layer l, row 2l + 1 of its value. Read from the engine's cache.
     */
    public synchronized double[][] cacheNorms() {
        int L = config.nLayer(), C = config.dModel(), n = run.length();
        double[][] norms = new double[2 * L][n];
        for (int l = 0; l < L; l++) {
            for (int t = 0; t < n; t++) {
                float[] kv = run.cacheRow(l, t);
                double k = 0, v = 0;
                for (int i = 0; i < C; i++) {
                    k += kv[i] * kv[i];
                    v += kv[C + i] * kv[C + i];
                }
                norms[2 * l][t] = Math.sqrt(k);
                norms[2 * l + 1][t] = Math.sqrt(v);
            }
        }
        return norms;
    }

    /** The decoder's shape (context, layers, widths). */
    public ModelConfig config() {
        return config;
    }

    /** Where the models come from (the shipped files, or the visitor's own). */
    public String source() {
        return models.source();
    }

    /** The models are the shipped ones (not the visitor's own). */
    public boolean shipped() {
        return models.shipped();
    }

    /** The prompt as typed, normalised. */
    public String promptText() {
        return promptText;
    }

    /** Tokens of the prompt ({@code BOS} and the text in the chain layout). */
    public int promptLength() {
        return promptLength;
    }

    public DecodingConfig decoding() {
        return decoding;
    }

    /** The peeking model is measured beside the decoder (false when the visitor's models do not match in shape). */
    public boolean withPeeking() {
        return withPeeking;
    }
}
