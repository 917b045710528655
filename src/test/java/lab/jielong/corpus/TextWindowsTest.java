package lab.jielong.corpus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Windows of running text: BOS, then context characters in a row of the text; the text's own vocabulary. */
class TextWindowsTest {

    @Test
    void everyWindowIsBosAndAStretchOfTheText() {
        String text = "白日依山尽黄河入海流欲穷千里目更上一层楼";
        Vocabulary v = TextWindows.vocabularyOf(text);
        assertThat(v.size()).isEqualTo(Vocabulary.SPECIALS + (int) text.chars().distinct().count());
        assertThat(v.characters()).isEqualTo(text.chars().distinct().sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());

        int T = 8;
        TextWindows windows = new TextWindows(TextWindows.encode(text, v), T, 5);
        int[] batch = windows.batch(50);
        boolean[] startSeen = new boolean[text.length() - T + 1];
        for (int b = 0; b < 50; b++) {
            assertThat(batch[b * (T + 1)]).isEqualTo(Vocabulary.BOS);
            StringBuilder window = new StringBuilder();
            for (int t = 1; t <= T; t++) {
                window.append(v.character(batch[b * (T + 1) + t]));
            }
            int at = text.indexOf(window.toString());
            assertThat(at).as("window %s is in the text", window).isGreaterThanOrEqualTo(0);
            startSeen[at] = true;
        }
        assertThat(startSeen[0] || startSeen[startSeen.length - 1]).as("windows reach the text's ends").isTrue();
        assertThat(new TextWindows(TextWindows.encode(text, v), T, 5).batch(50)).as("seeded").isEqualTo(batch);
        assertThat(TextWindows.prompt("依山", v)).containsExactly(Vocabulary.BOS, v.id('依'), v.id('山'));
        assertThat(TextWindows.encode("月", v)).containsExactly(Vocabulary.UNK);
    }

    @Test
    void aTextShorterThanAWindowIsRefused() {
        Vocabulary v = TextWindows.vocabularyOf("床前明月光");
        assertThatThrownBy(() -> new TextWindows(TextWindows.encode("床前明月光", v), 8, 1))
                .hasMessageContaining("shorter than one window");
    }
}
