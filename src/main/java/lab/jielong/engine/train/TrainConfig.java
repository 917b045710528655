package lab.jielong.engine.train;

/**
 * How to train: the reference recipe by default (AdamW lr 3e-3, betas 0.9/0.95, eps 1e-8, weight decay
 * 0.1, linear warmup over 3% of the steps then cosine decay to 0.1·lr, clip 1.0, batch 32 × 32).
 * Validated; written into every checkpoint and every training record.
 *
 * @param beta1 AdamW's decay of the first moment (the gradient's running mean)
 * @param beta2 AdamW's decay of the second moment (the squared gradient's running mean)
 * @param eps   added to AdamW's denominator
 */
public record TrainConfig(int steps, int batchSize, float learningRate, int warmupSteps, float minLrRatio,
        float beta1, float beta2, float eps, float weightDecay, float gradClip, long seed,
        int threads, int logEvery) {

    /** The reference's AdamW betas and eps (what every checkpoint before version 2 was trained with). */
    public static final float BETA1 = 0.9f, BETA2 = 0.95f, EPS = 1e-8f;

    public TrainConfig {
        if (steps < 1 || batchSize < 1 || threads < 1 || logEvery < 1 || warmupSteps < 1) {
            throw new IllegalArgumentException("steps, batchSize, warmupSteps, threads and logEvery must be positive");
        }
        if (batchSize % threads != 0) {
            throw new IllegalArgumentException("batch " + batchSize + " must divide evenly over " + threads
                    + " threads");
        }
        if (!(learningRate > 0) || !(minLrRatio >= 0 && minLrRatio <= 1) || !(gradClip > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need learning rate > 0, 0 <= min lr ratio <= 1, grad clip > 0 and "
                    + "weight decay >= 0, got " + learningRate + ", " + minLrRatio + ", " + gradClip + ", "
                    + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("AdamW needs 0 <= beta1, beta2 < 1 and eps > 0, got " + beta1 + ", "
                    + beta2 + ", " + eps);
        }
    }

    /** With the reference's AdamW betas and eps. */
    public TrainConfig(int steps, int batchSize, float learningRate, int warmupSteps, float minLrRatio,
            float weightDecay, float gradClip, long seed, int threads, int logEvery) {
        this(steps, batchSize, learningRate, warmupSteps, minLrRatio, BETA1, BETA2, EPS, weightDecay, gradClip, seed,
                threads, logEvery);
    }

    public static TrainConfig reference(int steps, long seed) {
        return new TrainConfig(steps, 32, 3e-3f, Math.max(10, (int) (0.03 * steps)), 0.1f, 0.1f, 1f, seed,
                defaultThreads(), 100);
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1;
    }

    public TrainConfig withLearningRate(float lr) {
        return new TrainConfig(steps, batchSize, lr, warmupSteps, minLrRatio, beta1, beta2, eps, weightDecay, gradClip,
                seed, threads, logEvery);
    }

    public TrainConfig withThreads(int t) {
        return new TrainConfig(steps, batchSize, learningRate, warmupSteps, minLrRatio, beta1, beta2, eps, weightDecay,
                gradClip, seed, t, logEvery);
    }

    public TrainConfig withLogEvery(int every) {
        return new TrainConfig(steps, batchSize, learningRate, warmupSteps, minLrRatio, beta1, beta2, eps, weightDecay,
                gradClip, seed, threads, every);
    }

    public TrainConfig withAdamW(float beta1, float beta2, float eps) {
        return new TrainConfig(steps, batchSize, learningRate, warmupSteps, minLrRatio, beta1, beta2, eps, weightDecay,
                gradClip, seed, threads, logEvery);
    }

    /** The optimizer in words, e.g. {@code betas 0.9/0.95, eps 1e-8, weight decay 0.1 on matrices}. */
    public String describeOptimizer() {
        return "betas " + beta1 + "/" + beta2 + ", eps " + shortFloat(eps) + ", weight decay " + weightDecay
                + " on matrices";
    }

    /** 1e-8 rather than 1.0E-8. */
    private static String shortFloat(float f) {
        String s = Float.toString(f);
        return s.replace(".0E", "e").replace("E", "e");
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
