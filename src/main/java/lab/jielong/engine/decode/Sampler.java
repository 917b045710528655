package lab.jielong.engine.decode;

import lab.jielong.engine.VecMath;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Chooses one of n candidates from their logits (llama3.java's sampler interface). The random
 * generator is injected, so a seeded generator makes every sample reproducible.
 */
public interface Sampler {

    /** Index of the chosen candidate among logits[0..n). */
    int pick(float[] logits, int n);

    /** Always the most likely candidate (deterministic). */
    static Sampler greedy() {
        return (logits, n) -> VecMath.argmax(logits, 0, n);
    }

    /** Sample from softmax(logits / temperature). */
    static Sampler temperature(double temperature, RandomGenerator rng) {
        return topK(Integer.MAX_VALUE, temperature, rng);
    }

    /** Sample among the k most likely candidates, from softmax(logits / temperature). */
    static Sampler topK(int k, double temperature, RandomGenerator rng) {
        return (logits, n) -> {
            Integer[] order = order(logits, n);
            int m = Math.min(k, n);
            return order[sampleSorted(logits, order, m, temperature, rng)];
        };
    }

    /** Nucleus sampling: the smallest set of top candidates whose probability reaches p. */
    static Sampler topP(double p, double temperature, RandomGenerator rng) {
        return (logits, n) -> {
            Integer[] order = order(logits, n);
            double[] prob = softmax(logits, order, n, temperature);
            double cum = 0;
            int m = 0;
            while (m < n && cum < p) {
                cum += prob[m++];
            }
            return order[sampleSorted(logits, order, Math.max(1, m), temperature, rng)];
        };
    }

    /**
     * Sample from softmax(logits / temperature) restricted first to the k most likely candidates, then, among
     * those (renormalised), to the smallest set whose probability reaches p (nucleus); k &ge; n and p &ge; 1
     * restrict nothing, temperature &le; 0 is greedy.
     */
    static Sampler topKTopP(int k, double p, double temperature, RandomGenerator rng) {
        return (logits, n) -> {
            Integer[] order = order(logits, n);
            int m = Math.min(k, n);
            if (temperature > 0 && p < 1) {
                double[] prob = softmax(logits, order, m, temperature);
                double cum = 0;
                int kept = 0;
                while (kept < m && cum < p) {
                    cum += prob[kept++];
                }
                m = Math.max(1, kept);
            }
            return order[sampleSorted(logits, order, m, temperature, rng)];
        };
    }

    private static Integer[] order(float[] logits, int n) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(logits[b], logits[a]));
        return idx;
    }

    private static double[] softmax(float[] logits, Integer[] order, int m, double temperature) {
        double[] p = new double[m];
        double max = logits[order[0]], s = 0;
        for (int i = 0; i < m; i++) {
            p[i] = Math.exp((logits[order[i]] - max) / temperature);
            s += p[i];
        }
        for (int i = 0; i < m; i++) {
            p[i] /= s;
        }
        return p;
    }

    private static int sampleSorted(float[] logits, Integer[] order, int m, double temperature, RandomGenerator rng) {
        if (temperature <= 0) {
            return 0;
        }
        double[] p = softmax(logits, order, m, temperature);
        double u = rng.nextDouble(), cum = 0;
        for (int i = 0; i < m; i++) {
            cum += p[i];
            if (u < cum) {
                return i;
            }
        }
        return m - 1;
    }
}
