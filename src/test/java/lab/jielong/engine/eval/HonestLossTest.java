package lab.jielong.engine.eval;

import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The honest loss on given rows: for the decoder it equals the teacher-forced loss (the mask already hides the
 * future); for the peeking model, with the same weights, it does not (the future it read is gone).
 */
class HonestLossTest {

    private static int[] rows(int count, int T, int V, long seed) {
        Random r = new Random(seed);
        int[] rows = new int[count * (T + 1)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 5 + r.nextInt(V - 5);
        }
        return rows;
    }

    @Test
    void equalsTheTeacherForcedLossForTheDecoderOnly() {
        ModelConfig c = new ModelConfig(40, 12, 16, 2, 2, 32, true);
        Gpt decoder = TestModels.randomModel(c, 3);
        Gpt peeking = new Gpt(c.withCausal(false), decoder.parameters().clone());
        int[] rows = rows(5, c.context(), c.vocabSize(), 11);

        double decoderForced = ModelEvaluation.teacherForcedLoss(decoder, rows, 5);
        double decoderHonest = ModelEvaluation.honestLoss(decoder, rows, 5);
        assertThat(decoderHonest).isCloseTo(decoderForced, within(1e-4));

        double peekingForced = ModelEvaluation.teacherForcedLoss(peeking, rows, 5);
        double peekingHonest = ModelEvaluation.honestLoss(peeking, rows, 5);
        assertThat(Math.abs(peekingHonest - peekingForced)).isGreaterThan(1e-2);
        assertThat(peekingForced).as("another model than the decoder").isNotCloseTo(decoderForced, within(1e-3));
    }
}
