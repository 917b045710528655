package lab.jielong.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference check of every parameter group's gradient on a tiny configuration:
 * central differences of the float32 loss against the analytic backward pass. Parameters are drawn
 * larger than at init (std 0.3) so every group has a gradient well above float32 noise.
 */
class GradientCheckTest {

    static final ModelConfig TINY = new ModelConfig(13, 6, 8, 2, 2, 12, true);

    static double loss(TrainingPass pass, int[] x, int[] y, int B, int T, int count) {
        return pass.forward(x, 0, T, B, T, y, 0) / count;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyGroupMatchesCentralDifferences(boolean causal) {
        ModelConfig c = TINY.withCausal(causal);
        Gpt model = TestModels.randomModel(c, 7);
        int B = 2, T = 6;
        Random r = new Random(11);
        int[] x = new int[B * T], y = new int[B * T];
        for (int i = 0; i < B * T; i++) {
            x[i] = r.nextInt(c.vocabSize());
            y[i] = i % 5 == 4 ? 0 : 1 + r.nextInt(c.vocabSize() - 1); // some pad targets
        }
        TrainingPass pass = new TrainingPass(model, B);
        pass.forward(x, 0, T, B, T, y, 0);
        int count = pass.targetCount();
        float[] grads = new float[model.parameterCount()];
        pass.backward(grads, 1f / count);
        float[] p = model.parameters();
        float h = 1e-2f;
        StringBuilder report = new StringBuilder();
        double worstGroup = 0;
        for (ParameterLayout.Group g : model.layout.groups()) {
            double num2 = 0, diff2 = 0, ana2 = 0;
            int checks = Math.min(g.size(), 24);
            for (int j = 0; j < checks; j++) {
                int i = g.offset() + (int) ((long) j * g.size() / checks);
                float saved = p[i];
                p[i] = saved + h;
                double lp = loss(pass, x, y, B, T, count);
                p[i] = saved - h;
                double lm = loss(pass, x, y, B, T, count);
                p[i] = saved;
                double numeric = (lp - lm) / (2 * h);
                diff2 += (numeric - grads[i]) * (numeric - grads[i]);
                num2 += numeric * numeric;
                ana2 += (double) grads[i] * grads[i];
            }
            double rel = Math.sqrt(diff2) / (Math.sqrt(num2) + Math.sqrt(ana2) + 1e-12);
            report.append(String.format("%-9s rel %.2e |g| %.2e%n", g.name(), rel, Math.sqrt(ana2)));
            worstGroup = Math.max(worstGroup, rel);
            assertTrue(ana2 > 1e-10, "gradient of " + g.name() + " is zero:\n" + report);
        }
        System.out.print("gradient check (" + (causal ? "decoder" : "peeking model") + ")\n" + report);
        assertTrue(worstGroup < 2e-2, "worst relative difference " + worstGroup + "\n" + report);
    }
}
