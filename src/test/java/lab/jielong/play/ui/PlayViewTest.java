package lab.jielong.play.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The Play page's flows without a browser: moves, every kind of refusal, dead ends, hints, the panel. */
class PlayViewTest extends KaribuSpringTest {

    @Autowired
    private IdiomCorpus corpus;

    @BeforeEach
    void openInEnglish() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(PlayView.class);
        _click(_get(Button.class, spec -> spec.withId("play-new")));
    }

    @Test
    void aValidMoveIsAnsweredByTheDecoderAndThePanelFills() {
        play("一心一意");
        List<String> history = historyTexts();
        assertThat(history).hasSize(2);
        assertThat(history.get(0)).contains("一心一意").contains("yī xīn yī yì");
        String reply = idiomOf(history.get(1));
        assertThat(reply).startsWith("意");
        assertThat(corpus.contains(reply)).isTrue();
        assertThat(status()).contains("The model chose 「" + reply + "」");
        assertThat(_get(EChart.class, spec -> spec.withId("peek-chart")).getOptionJson()).contains("heatmap");
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-punchline")).getText())
                .contains("peeking model guesses").contains("the decoder guesses");
        assertThat(_get(TextField.class, spec -> spec.withId("play-input")).getPlaceholder())
                .isEqualTo("An idiom starting with " + reply.charAt(3));
        // the peeking model plays too: both models' unaided answers for the position the decoder just answered
        assertThat(_get(Paragraph.class, spec -> spec.withClasses("jl-free-heading")).getText())
                .isEqualTo("Unaided, from the same prompt ▸一心一意｜, each model writes:");
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-free-decoder")).getText()).startsWith("Decoder: 「");
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-free-peeking")).getText())
                .startsWith("Peeking model: ").doesNotContain("valid move here");
        _click(_get(Button.class, spec -> spec.withId("play-new")));
        assertThat(_find(Paragraph.class, spec -> spec.withId("peek-free-peeking"))).isEmpty();
    }

    @Test
    void eachBadMoveGetsItsOwnMessage() {
        play("");
        assertThat(status()).isEqualTo("Please type an idiom: there is nothing here yet.");
        play("abcd");
        assertThat(status()).isEqualTo("Only Chinese characters, please: a b c d is not one.");
        play("<b>一心一意</b>");
        assertThat(status()).isEqualTo("That looks like markup (<b>); please type just the Chinese characters.");
        play("一心一");
        assertThat(status()).isEqualTo("An idiom has four characters; you typed 3.");
        play("我们回家");
        assertThat(status()).isEqualTo("「我们回家」 is not in our idiom dictionary.");
        assertThat(historyTexts()).isEmpty();

        play("一心一意");
        String reply = idiomOf(historyTexts().get(1));
        play("一心一意");
        assertThat(status()).contains("「一心一意」 starts with 一, but after 「" + reply + "」 the next idiom must start with "
                + reply.charAt(3));
        assertThat(historyTexts()).hasSize(2);
    }

    @Test
    void aDeadEndEndsTheGameAndSaysWhy() {
        Idiom deadEnd = corpus.idioms().stream().filter(i -> corpus.isDeadEnd(i.last())).findFirst().orElseThrow();
        play(deadEnd.word());
        assertThat(_get(Paragraph.class, spec -> spec.withId("play-outcome")).getText())
                .isEqualTo("Dead end: no idiom in the dictionary starts with " + deadEnd.last()
                        + ", so the model cannot continue after 「" + deadEnd.word() + "」. You win!");
        assertThat(_get(TextField.class, spec -> spec.withId("play-input")).isEnabled()).isFalse();
    }

    @Test
    void hintsOfferValidContinuationsWithProbabilities() {
        play("一心一意");
        char required = idiomOf(historyTexts().get(1)).charAt(3);
        _click(_get(Button.class, spec -> spec.withId("play-hint")));
        List<Button> hints = _find(_get(Div.class, spec -> spec.withId("play-hints")), Button.class);
        assertThat(hints).isNotEmpty().allSatisfy(h -> {
            String word = h.getText().substring(0, 4);
            assertThat(word.charAt(0)).isEqualTo(required);
            assertThat(corpus.contains(word)).isTrue();
            assertThat(h.getText()).endsWith("%");
        });
        _click(hints.get(0));
        assertThat(_get(TextField.class, spec -> spec.withId("play-input")).getValue())
                .isEqualTo(hints.get(0).getText().substring(0, 4));
    }

    @Test
    void theGameSurvivesLeavingAndComingBack() {
        play("一心一意");
        List<String> before = historyTexts();
        UI.getCurrent().navigate("guess");
        UI.getCurrent().navigate(PlayView.class);
        assertThat(historyTexts()).isEqualTo(before);
    }

    @Test
    void switchingLanguageRewordsTheGame() {
        play("abcd");
        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(status()).isEqualTo("请只输入汉字：a b c d 不是汉字。");
        assertThat(_get(Button.class, spec -> spec.withId("play-play")).getText()).isEqualTo("出招");
    }

    @Test
    void thePanelDrawsSpecialTokensAsTheSymbolsTheLegendExplains() {
        play("一心一意");
        List<String> tokens = _find(_get(Div.class, spec -> spec.withClasses("jl-tokens")), Button.class).stream()
                .map(Button::getText).toList();
        assertThat(tokens).hasSize(10);
        assertThat(tokens.get(0)).isEqualTo("▸");
        assertThat(tokens.get(5)).isEqualTo("｜");
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-legend")).getText())
                .contains("▸ start").contains("｜ end of an idiom");
    }

    private void play(String text) {
        _setValue(_get(TextField.class, spec -> spec.withId("play-input")), text);
        _click(_get(Button.class, spec -> spec.withId("play-play")));
    }

    private List<String> historyTexts() {
        return _get(Div.class, spec -> spec.withId("play-history")).getChildren()
                .map(c -> c.getElement().getTextRecursively()).toList();
    }

    private String status() {
        return _get(Div.class, spec -> spec.withId("play-status")).getElement().getTextRecursively();
    }

    /** The idiom in a history row's text ("Model意气风发yì qì fēng fā"). */
    private String idiomOf(String row) {
        for (int i = 0; i + 4 <= row.length(); i++) {
            String candidate = row.substring(i, i + 4);
            if (corpus.contains(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no idiom in " + row);
    }
}
