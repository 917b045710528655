package lab.jielong.engine.decode;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Greedy or seeded sampling: reproducible from the seed, top-k and top-p respected, bad settings refused. */
class DecodingConfigTest {

    /** Ten candidates, probabilities falling slowly: sampling has room to differ. */
    static final float[] LOGITS = {2f, 1.9f, 1.8f, 1.7f, 1.6f, 1.5f, 1.4f, 1.3f, 1.2f, 1.1f};

    private static int[] draw(Sampler sampler, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = sampler.pick(LOGITS, LOGITS.length);
        }
        return out;
    }

    @Test
    void samplingIsReproducibleFromItsSeed() {
        DecodingConfig config = DecodingConfig.sampling(1.0, 8, 0.95, 42);
        int[] a = draw(config.sampler(), 200), b = draw(config.sampler(), 200);
        assertArrayEquals(a, b, "the same seed replays the same choices");
        int[] other = draw(DecodingConfig.sampling(1.0, 8, 0.95, 43).sampler(), 200);
        assertFalse(Arrays.equals(a, other), "another seed chooses otherwise");
        assertTrue(Arrays.stream(a).distinct().count() > 3, "it samples, not argmax");
    }

    @Test
    void topKAndTopPRestrictTheCandidates() {
        Set<Integer> seen = new HashSet<>();
        for (int x : draw(DecodingConfig.sampling(1.0, 3, 1.0, 1).sampler(), 300)) {
            seen.add(x);
        }
        assertEquals(Set.of(0, 1, 2), seen, "top-3");
        seen.clear();
        // probabilities ≈ 0.14, 0.13, 0.12 …: the nucleus 0.25 is the first two
        for (int x : draw(DecodingConfig.sampling(1.0, Integer.MAX_VALUE, 0.25, 2).sampler(), 300)) {
            seen.add(x);
        }
        assertEquals(Set.of(0, 1), seen, "top-p 0.25");
        int[] tiny = draw(DecodingConfig.sampling(1.0, 10, 0.01, 3).sampler(), 50);
        assertTrue(Arrays.stream(tiny).allMatch(x -> x == 0), "a nucleus below the first keeps the first");
        assertTrue(Arrays.stream(draw(DecodingConfig.greedy().sampler(), 20)).allMatch(x -> x == 0), "greedy");
    }

    @Test
    void badSettingsAreRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecodingConfig.sampling(0, 5, 0.9, 1));
        assertTrue(e.getMessage().startsWith("temperature must be in"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DecodingConfig.sampling(1, 0, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> DecodingConfig.sampling(1, 5, 1.5, 1));
        assertEquals("greedy", DecodingConfig.greedy().describe());
        assertEquals("T 0.8, top-k 40, top-p 0.95, seed 7", DecodingConfig.sampling(0.8, 40, 0.95, 7).describe());
    }
}
