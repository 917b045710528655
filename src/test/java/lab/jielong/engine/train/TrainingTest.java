package lab.jielong.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import org.junit.jupiter.api.Test;

/** The trainer overfits a tiny batch; two threads compute the same step as one; events; cancellation. */
class TrainingTest {

    static final ModelConfig CFG = new ModelConfig(23, 8, 16, 2, 2, 32, true);

    private static TrainConfig config(int steps, int threads) {
        return new TrainConfig(steps, 4, 1e-2f, 5, 0.1f, 0.1f, 1f, 1, threads, 1000);
    }

    private static void fill(int[] batch) {
        for (int i = 0; i < batch.length; i++) {
            batch[i] = 5 + (i * 7 + i / 9) % 18;
        }
        batch[5] = 0; // a pad target
    }

    @Test
    void aTinyBatchOverfits() {
        Gpt model = Gpt.initialize(CFG, 1);
        try (Trainer tr = new Trainer(model, config(150, 1))) {
            fill(tr.batchBuffer());
            double first = tr.step(1e-2f), last = 0;
            for (int i = 0; i < 150; i++) {
                last = tr.step(1e-2f);
            }
            assertTrue(first > 2.5 && last < 0.1, "loss " + first + " -> " + last);
        }
    }

    @Test
    void twoThreadsTakeTheSameStepAsOne() {
        Gpt a = Gpt.initialize(CFG, 2), b = Gpt.initialize(CFG, 2);
        try (Trainer ta = new Trainer(a, config(3, 1)); Trainer tb = new Trainer(b, config(3, 2))) {
            fill(ta.batchBuffer());
            fill(tb.batchBuffer());
            for (int i = 0; i < 3; i++) {
                assertEquals(ta.step(1e-2f), tb.step(1e-2f), 1e-5);
            }
        }
        float worst = 0;
        for (int i = 0; i < a.parameterCount(); i++) {
            worst = Math.max(worst, Math.abs(a.parameters()[i] - b.parameters()[i]));
        }
        // The two threads sum the gradient in a different order; AdamW divides by sqrt(v), which turns
        // rounding differences in near-zero gradients into ~1e-5 parameter differences (measured: 1.05e-5).
        // A wrong split of the batch moves parameters by ~1e-3 (lr 1e-2, 3 steps).
        assertTrue(worst < 5e-5, "worst " + worst);
    }

    @Test
    void everyStepSendsAnEventAndACancelledRunStopsCleanly() {
        Gpt model = Gpt.initialize(CFG, 3);
        List<Trainer.StepEvent> events = new ArrayList<>();
        TrainConfig tc = config(10, 2);
        try (Trainer tr = new Trainer(model, tc)) {
            Trainer.Result r = tr.train((tokens, B, row) -> fill(tokens), events::add, () -> events.size() == 3);
            assertEquals(3, r.steps());
            assertTrue(r.cancelled());
            assertEquals(events.get(2).loss(), r.finalLoss());
        }
        assertEquals(3, events.size());
        for (int i = 0; i < 3; i++) {
            Trainer.StepEvent e = events.get(i);
            assertEquals(i + 1, e.step());
            assertEquals(10, e.steps());
            assertEquals(tc.learningRateAt(i), e.learningRate());
            assertEquals((i + 1) * 4L * CFG.context(), e.tokens());
            assertTrue(e.loss() > 0 && e.gradNorm() > 0 && e.stepMillis() > 0 && e.tokensPerSecond() > 0);
            assertTrue(i == 0 || e.elapsedSeconds() > events.get(i - 1).elapsedSeconds());
        }
        List<String> lines = new ArrayList<>();
        ProgressLine progress = new ProgressLine(2, lines::add);
        events.forEach(progress::onStep);
        assertEquals(2, lines.size(), "step 1 and step 2: " + lines);
        assertTrue(lines.get(1).startsWith("step 2: loss "), lines.get(1));
    }

    @Test
    void adamWSettingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.reference(10, 1).withAdamW(1f, 0.95f, 1e-8f));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.reference(10, 1).withAdamW(0.9f, 0.95f, 0f));
        assertEquals("betas 0.9/0.95, eps 1e-8, weight decay 0.1 on matrices",
                TrainConfig.reference(10, 1).describeOptimizer());
    }

    @Test
    void learningRateWarmsUpThenDecays() {
        TrainConfig tc = TrainConfig.reference(1000, 0);
        assertEquals(30, tc.warmupSteps());
        assertEquals(3e-3f / 30, tc.learningRateAt(0), 1e-9f);
        assertEquals(3e-3f, tc.learningRateAt(29), 1e-9f);
        assertEquals(3e-4f, tc.learningRateAt(999), 1e-6f);
        assertTrue(tc.learningRateAt(500) < tc.learningRateAt(100));
    }
}
