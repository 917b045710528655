package lab.jielong.labs.scaling;

import lab.jielong.engine.ModelConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped grid.json parses, and every record's numbers agree with their closed forms. */
class GridFileTest {

    @Test
    void theShippedGridParsesAndEveryRecordsFlopsMatchTheClosedForm() throws Exception {
        GridFile g;
        try (InputStream in = getClass().getResourceAsStream("/scaling/grid.json")) {
            assertNotNull(in, "src/main/resources/scaling/grid.json is missing");
            g = GridFile.read(in, "grid.json");
        }
        assertEquals("standard", g.design().name());
        assertFalse(g.points().isEmpty());
        assertEquals(g.points().size(), g.run().pointsDone());
        var planned = g.design().points(g.corpus().vocabSize());
        for (PointRecord r : g.points()) {
            var m = r.model();
            ModelConfig mc =
                    new ModelConfig(m.vocabSize(), m.context(), m.dModel(), m.nLayer(), m.nHead(), m.dFf(), m.causal());
            assertEquals(planned.get(r.index()).size(), r.size());
            assertEquals(planned.get(r.index()).steps(), r.training().steps());
            assertEquals((long) r.training().steps() * r.training().batch() * m.context(), r.tokens(),
                    "tokens of " + r.index());
            assertEquals(ParamsAndFlopsTest.allParams(mc), r.params().all(), "params of " + r.index());
            assertEquals((long) m.nLayer() * (4L * m.dModel() * m.dModel() + 2L * m.dModel() * m.dFf()),
                    r.params().matrices());
            assertEquals(ParamsAndFlopsTest.exactPerTokenTheLongWay(mc), r.flops().exactPerToken(), 1e-6);
            assertEquals(r.flops().exactPerToken() * r.tokens(), r.flops().exact());
            assertEquals(6 * r.params().all() * r.tokens(), r.flops().sixNdAll());
            assertEquals(6 * r.params().nonEmbedding() * r.tokens(), r.flops().sixNdNonEmbedding());
            assertEquals(6 * r.params().matrices() * r.tokens(), r.flops().sixNdMatrices());
            // no trained model beats the entropy of the chains it is measured on
            assertTrue(r.losses().freshChains() > g.lossFloor().natsPerToken() - 0.02,
                    "point " + r.index() + " loss " + r.losses().freshChains() + " below the floor " + g.lossFloor());
            assertTrue(r.targetTokens() > 0 && r.targetTokens() <= r.tokens());
        }
        assertTrue(g.lossFloor().natsPerToken() > 0.5 && g.lossFloor().natsPerToken() < 2, "floor " + g.lossFloor());
    }
}
