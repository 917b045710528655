package lab.jielong.engine.train;

/**
 * How to train: the reference recipe by default (AdamW lr 3e-3, betas 0.9/0.95, weight decay 0.1,
 * linear warmup over 3% of the steps then cosine decay to 0.1·lr, clip 1.0, batch 32 × 32).
 * Written into every training record.
 */
public record TrainConfig(int steps, int batchSize, float learningRate, int warmupSteps, float minLrRatio,
                          float weightDecay, float gradClip, long seed, int threads, int logEvery) {

    public TrainConfig {
        if (steps < 1 || batchSize < 1 || threads < 1 || logEvery < 1 || warmupSteps < 1) {
            throw new IllegalArgumentException("steps, batchSize, warmupSteps, threads and logEvery must be positive");
        }
        if (batchSize % threads != 0) {
            throw new IllegalArgumentException("batch " + batchSize + " must divide evenly over " + threads + " threads");
        }
    }

    public static TrainConfig reference(int steps, long seed) {
        return new TrainConfig(steps, 32, 3e-3f, Math.max(10, (int) (0.03 * steps)), 0.1f, 0.1f, 1f, seed,
                defaultThreads(), 100);
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1;
    }

    public TrainConfig withLearningRate(float lr) {
        return new TrainConfig(steps, batchSize, lr, warmupSteps, minLrRatio, weightDecay, gradClip, seed, threads, logEvery);
    }

    public TrainConfig withThreads(int t) {
        return new TrainConfig(steps, batchSize, learningRate, warmupSteps, minLrRatio, weightDecay, gradClip, seed, t, logEvery);
    }

    public TrainConfig withLogEvery(int every) {
        return new TrainConfig(steps, batchSize, learningRate, warmupSteps, minLrRatio, weightDecay, gradClip, seed, threads, every);
    }

    /**
     * The learning rate at a step: 1. linear warmup from lr/warmup to lr, so the first Adam steps
     * (whose second-moment estimates are still poor) stay small; 2. cosine decay from lr to
     * minLrRatio·lr over the remaining steps, so training ends with small, precise updates.
     */
    public float learningRateAt(int step) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / warmupSteps;
        }
        double p = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps));
        return (float) (learningRate * (minLrRatio + (1 - minLrRatio) * 0.5 * (1 + Math.cos(Math.PI * p))));
    }
}
