package lab.jielong.labs.scaling;

import java.util.List;

/**
 * What one training run of a grid produced, as written to its record file and into grid.json.
 * Everything except {@link Timing} is determined by the design, the point, the corpus and the thread
 * count, so the same point run twice (on one machine or two) gives the same record apart from its timing.
 *
 * @param corpus       the checksum of the idiom corpus it was trained and measured on ({@code IdiomCorpus.checksum()})
 * @param tokens       tokens the model processed: steps × batch × context (every position is computed)
 * @param targetTokens of those, the non-padding targets the loss is averaged over
 * @param curve        the training loss along the way: [step, mean loss over the steps since the last entry]
 */
public record PointRecord(int index, String design, String corpus, String size, int sizeIndex, int level, Model model,
        Training training, Params params, long tokens, long targetTokens, Flops flops,
        Losses losses, double nextCharGiven3, List<double[]> curve, Timing timing) {

    /** The model's shape. */
    public record Model(int vocabSize, int context, int dModel, int nLayer, int nHead, int dFf, boolean causal) {
    }

    /** The training recipe: AdamW (0.9/0.95, eps 1e-8, weight decay on matrices), warmup then cosine to minLrRatio·lr. */
    public record Training(int steps, int batch, double learningRate, int warmupSteps, double minLrRatio,
            double weightDecay, double gradClip, long seed, long samplerSeed, int threads) {
    }

    /** The parameter count three ways (see {@link Counting}). */
    public record Params(long all, long nonEmbedding, long matrices) {
        public long get(Counting c) {
            return new ParamCounts(all, nonEmbedding, matrices).get(c);
        }
    }

    /** Training FLOPs: the engine's exact count (see {@link FlopCount}) and 6·N·D for each way of counting N. */
    public record Flops(long exactPerToken, long exact, long sixNdAll, long sixNdNonEmbedding, long sixNdMatrices) {
        public long sixNd(Counting c) {
            return switch (c) {
                case ALL -> sixNdAll;
                case NON_EMBEDDING -> sixNdNonEmbedding;
                case MATRICES -> sixNdMatrices;
            };
        }
    }

    /**
     * Losses in nats per target token. freshChains is the one the fit uses: teacher-forced on newly
     * sampled chains of training idioms (a fixed seed, the same chains for every point).
     * trainLast is the mean training loss over the last trainLastSteps steps.
     */
    public record Losses(double freshChains, int freshChainsCount, long freshChainsSeed, double trainLast,
            int trainLastSteps, double trainFinal) {
    }

    /** What differs between two runs of the same point. */
    public record Timing(String started, double trainSeconds, double evalSeconds, double tokensPerSecond,
            double loadAverageBefore, double loadAverageAfter) {
    }

    /** N counted one way. */
    public long n(Counting c) {
        return params.get(c);
    }

    /** The loss the fit uses. */
    public double loss() {
        return losses.freshChains();
    }
}
