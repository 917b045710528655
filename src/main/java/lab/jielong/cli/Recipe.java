package lab.jielong.cli;

import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.TrainConfig;

/**
 * How each shipped model is made: `train --model NAME` with no other options reproduces it.
 * Both use the same size (the peeking model must match the decoder); the peeking model needs far
 * fewer steps to reach its bars (the reference: 3,000), so it gets fewer.
 */
record Recipe(String name, String size, boolean causal, int steps, float learningRate, long seed) {

    static final Recipe DECODER = new Recipe("decoder", "small", true, 9000, 3e-3f, 42);
    static final Recipe PEEKING = new Recipe("peeking", "small", false, 2500, 3e-3f, 43);

    static Recipe named(String name) {
        return switch (name) {
            case "decoder" -> DECODER;
            case "peeking" -> PEEKING;
            default -> throw new IllegalArgumentException("unknown model '" + name + "': decoder or peeking");
        };
    }

    ModelConfig modelConfig(int vocabSize) {
        return ModelConfig.named(size, vocabSize).withCausal(causal);
    }

    TrainConfig trainConfig(int threads) {
        return TrainConfig.reference(steps, seed).withLearningRate(learningRate).withThreads(threads);
    }
}
