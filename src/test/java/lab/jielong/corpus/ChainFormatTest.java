package lab.jielong.corpus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one token layout: prompts, panel texts and training rows. */
class ChainFormatTest {

    private static final Vocabulary V = Vocabulary.fromCharacters("一发心意气风");
    private static final int BOS = Vocabulary.BOS, SEP = Vocabulary.SEP, EOS = Vocabulary.EOS, PAD = Vocabulary.PAD;

    @Test
    void promptsAndTexts() {
        int y = V.id('一'), x = V.id('心'), i = V.id('意'), q = V.id('气'), f = V.id('风'), a = V.id('发');
        assertArrayEquals(new int[] {BOS}, ChainFormat.encode("", V, true));
        assertArrayEquals(new int[] {BOS, y, x, y, i, SEP}, ChainFormat.encode("一心一意", V, true));
        assertArrayEquals(new int[] {BOS, y, x, y, i}, ChainFormat.encode("一心一意", V, false));
        assertArrayEquals(new int[] {BOS, y, x, y, i, SEP, i, q, f, a}, ChainFormat.encode("一心一意意气风发", V, false));
        assertArrayEquals(new int[] {BOS, y, x, y, i, SEP, i, q}, ChainFormat.encode("一心一意意气", V, true));
        assertArrayEquals(new int[] {BOS, Vocabulary.UNK, x}, ChainFormat.encode("好心", V, true));
        for (int n = 0; n < 13; n++) {
            assertEquals(ChainFormat.encode("一".repeat(n), V, true).length, ChainFormat.length(n, true));
            assertEquals(ChainFormat.encode("一".repeat(n), V, false).length, ChainFormat.length(n, false));
        }
        // a prompt that leaves one position of a 32-token context: 24 characters (BOS, 6 idioms, 5 + 1 SEP = 31)
        assertEquals(24, ChainFormat.maxCharacters(31, true));
        assertEquals(31, ChainFormat.length(24, true));
        assertEquals(32, ChainFormat.length(25, true));
        assertEquals(0, ChainFormat.maxCharacters(1, true));
    }

    @Test
    void trainingRowsAreCutEndedAndPadded() {
        int[] idiom = V.encode("一心一意");
        int[] out = new int[12];
        ChainFormat.Row row = new ChainFormat.Row(out, 1, 8);
        row.idiom(idiom);
        row.idiom(idiom);
        assertTrue(row.full());
        assertArrayEquals(new int[] {0, BOS, idiom[0], idiom[1], idiom[2], idiom[3], SEP, idiom[0], idiom[1], 0, 0, 0},
                out);
        ChainFormat.Row ended = new ChainFormat.Row(out, 0, 12);
        ended.idiom(idiom);
        ended.deadEnd();
        ended.pad();
        assertArrayEquals(new int[] {BOS, idiom[0], idiom[1], idiom[2], idiom[3], EOS, PAD, PAD, PAD, PAD, PAD, PAD},
                out);
    }
}
