package lab.jielong.labs.scaling;

import lab.jielong.engine.ModelConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * How a grid is laid out: model sizes, and for each size the token budgets, chosen as IsoFLOP profiles.
 * Compute level k has budget C_k = baseCompute · 2^k (counted as 6·N·D with N = all parameters, the
 * Chinchilla convention); size i is trained at levels i … i + levelsPerSize − 1, each for
 * D = C_k / (6·N_i) tokens (rounded to whole steps). So every level is a set of models trained with the
 * same compute, and every size gets a ladder of token budgets, each twice the one before: Chinchilla's
 * approach 2 design and approach 3's spread of (N, D) from one set of runs. A few points are repeated
 * with other seeds to show the spread. Points are numbered cheapest level first, so a
 * grid stopped half-way still has every size at its smaller budgets; each level's replicas follow its
 * main points.
 *
 * @param sizes        model sizes as {@code d<C>-l<L>-h<NH>-f<F>} (see {@link ModelConfig#named}), smallest first
 * @param baseCompute  C_0 in FLOPs
 * @param seed         the training seed of every main point (the chain sampler uses seed + 100)
 * @param replicas     points repeated with other seeds
 * @param evalChains   fresh chains of training idioms for the measured loss
 * @param nextCharIdioms training idioms for the "next character given three" accuracy
 * @param floorChains  chains for the Monte-Carlo estimate of the loss floor ({@link ChainEntropy})
 */
public record GridDesign(String name, List<String> sizes, double baseCompute, int levelsPerSize, int batchSize,
        double learningRate, long seed, List<Replica> replicas, int evalChains, int nextCharIdioms,
        int floorChains) {

    /** The point (size, level) trained again with each of these seeds. */
    public record Replica(int size, int level, List<Long> seeds) {
    }

    public GridDesign {
        sizes = List.copyOf(sizes);
        replicas = List.copyOf(replicas);
        if (sizes.isEmpty() || levelsPerSize < 1 || baseCompute <= 0 || batchSize < 1) {
            throw new IllegalArgumentException("a grid needs sizes, levels, a positive base compute and batch");
        }
        for (Replica r : replicas) {
            if (r.size() < 0 || r.size() >= sizes.size() || r.level() < 0 || r.level() >= levelsPerSize) {
                throw new IllegalArgumentException("replica " + r + " is outside the grid");
            }
        }
    }

    /**
     * The shipped grid: 7 sizes from d_model 16 to 128 (non-embedding parameters 6.6k … 793k, 2.1
     * decades), 4 budgets each (C_0 = 8·10¹⁰ FLOPs, 10 IsoFLOP levels up to 4.1·10¹³), 3 seeds at 3
     * points: 34 runs, about half an hour on an idle 2-core machine (from `bench`-style rates measured
     * here: d16 94k tok/s, d48 51k, d128 16k).
     */
    public static GridDesign standard() {
        return new GridDesign("standard",
                List.of("d16-l2-h2-f64", "d24-l2-h2-f96", "d32-l2-h2-f128", "d48-l3-h3-f192", "d64-l3-h4-f256",
                        "d96-l3-h4-f384", "d128-l4-h4-f512"),
                8e10, 4, 32, 4e-3, 1,
                List.of(new Replica(1, 1, List.of(2L, 3L)), new Replica(3, 1, List.of(2L, 3L)),
                        new Replica(5, 0, List.of(2L, 3L))),
                2048, 1122, 200_000);
    }

    /** A bigger grid for a cluster (see deploy/k8s/scaling-job.yaml): 8 sizes up to d384, 5 budgets each. */
    public static GridDesign large() {
        return new GridDesign("large",
                List.of("d32-l2-h2-f128", "d48-l3-h3-f192", "d64-l3-h4-f256", "d96-l4-h4-f384", "d128-l4-h4-f512",
                        "d192-l6-h6-f768", "d256-l6-h8-f1024", "d384-l8-h8-f1536"),
                1e12, 5, 32, 3e-3, 1,
                List.of(new Replica(2, 2, List.of(2L, 3L)), new Replica(5, 1, List.of(2L, 3L))),
                2048, 1122, 200_000);
    }

    /** Three points of a d8 model and a handful of steps: what the tests run, in seconds. */
    public static GridDesign tiny() {
        return new GridDesign("tiny", List.of("d8-l1-h2-f32"), 1.2e8, 2, 8, 4e-3, 1,
                List.of(new Replica(0, 0, List.of(2L))), 64, 40, 500);
    }

    public static GridDesign named(String name) {
        return switch (name) {
            case "standard" -> standard();
            case "large" -> large();
            case "tiny" -> tiny();
            default -> throw new IllegalArgumentException("unknown grid '" + name + "': standard, large or tiny");
        };
    }

    public ModelConfig modelConfig(String size, int vocabSize) {
        return ModelConfig.named(size, vocabSize);
    }

    /** Compute level k's budget in FLOPs (6·N·D with N = all parameters). */
    public double compute(int level) {
        return baseCompute * Math.pow(2, level);
    }

    /** Steps of batchSize × context tokens that spend compute level k on a model of this size. */
    public int steps(String size, int level, int vocabSize) {
        ModelConfig c = modelConfig(size, vocabSize);
        double tokens = compute(level) / (6.0 * ParamCounts.of(c).all());
        return (int) Math.max(1, Math.round(tokens / ((double) batchSize * c.context())));
    }

    /** Every point of the grid, numbered as described above. */
    public List<GridPoint> points(int vocabSize) {
        List<GridPoint> out = new ArrayList<>();
        int levels = sizes.size() + levelsPerSize - 1;
        for (int k = 0; k < levels; k++) {
            for (int i = 0; i < sizes.size(); i++) {
                int j = k - i;
                if (j >= 0 && j < levelsPerSize) {
                    out.add(new GridPoint(out.size(), sizes.get(i), i, k, steps(sizes.get(i), k, vocabSize), seed));
                }
            }
            for (Replica r : replicas) {
                if (r.size() + r.level() == k) {
                    String size = sizes.get(r.size());
                    for (long s : r.seeds()) {
                        out.add(new GridPoint(out.size(), size, r.size(), k, steps(size, k, vocabSize), s));
                    }
                }
            }
        }
        return out;
    }
}
