package lab.jielong.engine.decode;

import java.util.Random;

/**
 * How a free generation chooses each next token: greedy (always the most likely), or sampling from
 * softmax(logits / temperature) restricted to the top k and then to the nucleus p, with a seed so that a run
 * can be repeated exactly. Validated; {@link #sampler()} makes a fresh sampler whose generator starts from
 * the seed, so two runs with the same config and the same model write the same tokens.
 *
 * @param sample      false: greedy (the other fields are ignored)
 * @param temperature softmax temperature, in [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}]
 * @param topK        keep the k most likely tokens, k &ge; 1 ({@link Integer#MAX_VALUE}: all)
 * @param topP        then keep the smallest set whose probability reaches p, in (0, 1] (1: all)
 * @param seed        the random generator's seed ({@link java.util.Random})
 */
public record DecodingConfig(boolean sample, double temperature, int topK, double topP, long seed) {

    public static final double MIN_TEMPERATURE = 0.05;
    public static final double MAX_TEMPERATURE = 5.0;

    public DecodingConfig {
        if (sample) {
            require(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE,
                    "temperature must be in " + MIN_TEMPERATURE + ".." + MAX_TEMPERATURE + ", got " + temperature);
            require(topK >= 1, "top-k must be at least 1, got " + topK);
            require(topP > 0 && topP <= 1, "top-p must be in (0, 1], got " + topP);
        }
    }

    /** Always the most likely token. */
    public static DecodingConfig greedy() {
        return new DecodingConfig(false, 1, Integer.MAX_VALUE, 1, 0);
    }

    /** Sampling with these settings. */
    public static DecodingConfig sampling(double temperature, int topK, double topP, long seed) {
        return new DecodingConfig(true, temperature, topK, topP, seed);
    }

    /** A new sampler, its generator seeded afresh: the same config replays the same choices. */
    public Sampler sampler() {
        return sample ? Sampler.topKTopP(topK, topP, temperature, new Random(seed)) : Sampler.greedy();
    }

    /** Short form for logs and labels: {@code greedy}, or {@code T 0.8, top-k 40, top-p 0.95, seed 7}. */
    public String describe() {
        if (!sample) {
            return "greedy";
        }
        return "T " + temperature + ", top-k " + (topK == Integer.MAX_VALUE ? "all" : Integer.toString(topK))
                + ", top-p " + topP + ", seed " + seed;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
