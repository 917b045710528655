package lab.jielong.engine;

import java.util.Arrays;
import java.util.Random;

/** Models and reference outputs the engine's tests share across its packages. */
public final class TestModels {

    private TestModels() {
    }

    /** A model with parameters drawn larger than at init (std 0.3), so every group has a real gradient. */
    public static Gpt randomModel(ModelConfig c, long seed) {
        Gpt m = Gpt.initialize(c, seed);
        Random r = new Random(seed + 1);
        float[] p = m.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (r.nextGaussian() * 0.3);
        }
        return m;
    }

    /** Logits (T,V) of the full (training) forward pass over one sequence. */
    public static float[] fullForward(Gpt model, int[] tokens) {
        TrainingPass pass = new TrainingPass(model, 1);
        pass.forward(tokens, 0, tokens.length, 1, tokens.length, null, 0);
        return Arrays.copyOf(pass.logits(), tokens.length * model.config.vocabSize());
    }
}
