package lab.jielong.play;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.game.Difficulty;
import lab.jielong.models.ModelService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-play against the simulated player, on a few games (the 200 of {@code eval} are a program, not a test):
 * seeded, counted correctly, and the figures are what the lengths say.
 */
class SelfPlayTest {

    private static PlayService service;

    @BeforeAll
    static void load() {
        IdiomCorpus corpus = IdiomCorpus.load();
        service = new PlayService(corpus, ModelService.load(corpus));
    }

    @Test
    void aSeededRunIsReproducibleAndItsFiguresAddUp() {
        SelfPlay.Figures first = SelfPlay.run(service, Difficulty.EASY, 12, 7);
        SelfPlay.Figures again = SelfPlay.run(service, Difficulty.EASY, 12, 7);
        assertArrayEquals(first.lengths(), again.lengths(), "the same seed, the same games");
        assertEquals(12, first.lengths().length);
        assertEquals(12, first.endings().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(SelfPlay.median(first.lengths()), first.medianLength());
        assertEquals(Arrays.stream(first.lengths()).filter(n -> n <= 2).count() / 12.0, first.overWithinTwo(), 1e-12);
        assertTrue(Arrays.stream(first.lengths()).allMatch(n -> n >= 1 && n <= SelfPlay.MAX_LENGTH));
        assertTrue(first.distinctReplies() >= 1 && first.distinctReplies() <= SelfPlay.PROBES);
        assertEquals("一心一意", first.probe());
        assertEquals(first.medianLength(), first.toMap().get("median_length"));
    }

    @Test
    void medianCountsTheMiddle() {
        assertEquals(3, SelfPlay.median(new int[] {5, 1, 3}));
        assertEquals(2.5, SelfPlay.median(new int[] {4, 1, 2, 3}));
        assertEquals(0, SelfPlay.median(new int[0]));
    }
}
