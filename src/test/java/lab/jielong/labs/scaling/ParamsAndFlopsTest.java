package lab.jielong.labs.scaling;

import lab.jielong.engine.ModelConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parameter counts and FLOPs against closed forms written out independently here. */
class ParamsAndFlopsTest {

    /** All parameters: embeddings VC + TC, per layer 4C² + 2CF + 9C + F (weights, biases, two LayerNorms), final LayerNorm 2C. */
    static long allParams(ModelConfig m) {
        long V = m.vocabSize(), T = m.context(), C = m.dModel(), L = m.nLayer(), F = m.dFf();
        return V * C + T * C + L * (4 * C * C + 2 * C * F + 9 * C + F) + 2 * C;
    }

    /**
     * Exact training FLOPs per token, summed the long way: every product of the forward pass over one row of T
     * tokens, times 3 for forward + backward, divided by T.
     */
    static double exactPerTokenTheLongWay(ModelConfig m) {
        long V = m.vocabSize(), T = m.context(), C = m.dModel(), L = m.nLayer(), F = m.dFf();
        double forward = 0;
        for (int l = 0; l < L; l++) {
            forward += 2.0 * T * (3 * C * C + C * C + F * C + C * F);  // q/k/v, projection, MLP in, MLP out
            for (int t = 0; t < T; t++) {
                forward += 2.0 * (t + 1) * C * 2;                      // scores over t + 1 keys, mix of t + 1 values
            }
        }
        forward += 2.0 * T * C * V;                                    // the tied head
        return 3 * forward / T;
    }

    @Test
    void countsMatchTheClosedForms() {
        for (String size : new String[] {"d16-l2-h2-f64", "d48-l3-h3-f192", "d128-l4-h4-f512", "d8-l1-h2-f32"}) {
            ModelConfig m = ModelConfig.named(size, 2993);
            ParamCounts n = ParamCounts.of(m);
            assertEquals(allParams(m), n.all(), size);
            assertEquals(allParams(m) - 2993L * m.dModel() - 32L * m.dModel(), n.nonEmbedding(), size);
            assertEquals((long) m.nLayer() * (4L * m.dModel() * m.dModel() + 2L * m.dModel() * m.dFf()), n.matrices(),
                    size);
            assertEquals(exactPerTokenTheLongWay(m), FlopCount.exactPerToken(m), 1e-6, size);
        }
        // the small reference model: 1.18M parameters, as the engine's own docs say
        assertEquals(1_180_544, ParamCounts.of(ModelConfig.small(2993)).all());
    }

    @Test
    void theStandardGridSpansMoreThanADecadeAndAHalfOfNonEmbeddingParameters() {
        GridDesign g = GridDesign.standard();
        long smallest = ParamCounts.of(g.modelConfig(g.sizes().get(0), 2993)).nonEmbedding();
        long largest = ParamCounts.of(g.modelConfig(g.sizes().get(g.sizes().size() - 1), 2993)).nonEmbedding();
        assertEquals(7, g.sizes().size());
        assertEquals(true, Math.log10((double) largest / smallest) >= 1.5, smallest + " .. " + largest);
        // every size at 4 budgets; 3 seeds at 3 points
        assertEquals(7 * 4 + 3 * 2, g.points(2993).size());
        for (int i = 0; i < g.sizes().size(); i++) {
            int size = i;
            assertEquals(true,
                    g.points(2993).stream().filter(p -> p.sizeIndex() == size && p.seed() == 1).count() >= 4);
        }
    }
}
