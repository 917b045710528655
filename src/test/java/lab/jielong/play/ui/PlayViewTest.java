package lab.jielong.play.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationTrigger;
import lab.jielong.base.ui.BrowserTab;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Difficulty;
import lab.jielong.play.PlayService;
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
        assertThat(status()).isEqualTo("Only Chinese characters, please: a b c d are not.");
        play("helow");
        assertThat(status()).isEqualTo("Only Chinese characters, please: h e l o w are not.");
        play("一".repeat(ChainRules.MAX_INPUT_LENGTH + 1));
        assertThat(status()).isEqualTo("That is too long: at most " + ChainRules.MAX_INPUT_LENGTH
                + " characters, please.");
        assertThat(_get(TextField.class, spec -> spec.withId("play-input")).getMaxLength())
                .as("the field does not cut what the rules refuse with a word")
                .isGreaterThan(ChainRules.MAX_INPUT_LENGTH);
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
        // the model played 一心一意; an idiom starting with 意 that nothing can follow wins
        openSaved("J1CECG:C一心一意");                     // the model opened
        Idiom deadEnd = corpus.startingWith('意').stream().filter(i -> corpus.isDeadEnd(i.last())).findFirst()
                .orElseThrow();
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
            assertThat(h.getText()).matches(".* [0-9<+]+%( ■)?");
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
        _click(_get(Button.class, spec -> spec.withId("lang-en")));
        play("一心一意");
        _click(_get(Button.class, spec -> spec.withId("play-hint")));
        assertThat(hintsText()).startsWith("The model would consider:");
        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(hintsText()).as("the hints are reworded too").startsWith("模型会考虑：");
        assertThat(_get(Paragraph.class, spec -> spec.withId("play-score-help")).getText()).startsWith("计分：");
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

    @Test
    void anOpeningNothingCouldFollowIsRefusedWithTheReason() {
        Idiom deadEnd = corpus.idioms().stream().filter(i -> corpus.isDeadEnd(i.last())).findFirst().orElseThrow();
        play(deadEnd.word());
        assertThat(status()).isEqualTo("No idiom in the dictionary starts with " + deadEnd.last()
                + ", so nothing could follow 「" + deadEnd.word() + "」: the game would be over before it began. "
                + "Please open with another idiom.");
        assertThat(historyTexts()).isEmpty();
        assertThat(_get(TextField.class, spec -> spec.withId("play-input")).isEnabled()).isTrue();
    }

    @Test
    void hintsSayWhichWouldEndTheGameAtOnce() {
        // a position with at most five answers, one of which nothing can follow: every answer is a hint
        Idiom before = null;
        Idiom last = null;
        for (Idiom y : corpus.idioms()) {
            List<Idiom> next = corpus.startingWith(y.last());
            if (next.size() >= 2 && next.size() <= PlayService.HINTS
                    && next.stream().anyMatch(i -> corpus.isDeadEnd(i.last()))
                    && next.stream().noneMatch(i -> i.word().equals(y.word()))) {
                Idiom x = corpus.startingWith(y.first()).isEmpty() ? null : corpus.idioms().stream()
                        .filter(i -> i.last() == y.first() && !i.word().equals(y.word())
                                && !corpus.isDeadEnd(i.last()) && !next.contains(i))
                        .findFirst().orElse(null);
                if (x != null) {
                    before = x;
                    last = y;
                    break;
                }
            }
        }
        assertThat(last).as("such a position exists in the dictionary").isNotNull();
        openSaved("J1CEHG:H" + before.word() + ",C" + last.word());
        _click(_get(Button.class, spec -> spec.withId("play-hint")));
        List<Button> hints = _find(_get(Div.class, spec -> spec.withId("play-hints")), Button.class);
        assertThat(hints).hasSize(corpus.startingWith(last.last()).size());
        for (Button h : hints) {
            Idiom hint = corpus.find(h.getText().substring(0, 4)).orElseThrow();
            assertThat(h.getText().endsWith("■")).as(h.getText()).isEqualTo(corpus.isDeadEnd(hint.last()));
        }
        assertThat(_get(Span.class, spec -> spec.withId("play-hints-ends")).getText())
                .isEqualTo("■ nothing could follow it: playing it wins at once, and the game is over.");
    }

    @Test
    void theTraditionalNoticeShowsOnlyForAConversionAndStaysAfterTheAnswer() {
        play("馬到成功");
        assertThat(status()).contains("Converted from traditional characters: 马到成功.").contains("The model chose");
        _click(_get(Button.class, spec -> spec.withId("play-new")));
        // an idiom HanLP's table would change if it were converted (the dictionary keeps few of them), else any
        List<String> playable = corpus.idioms().stream().map(Idiom::word)
                .filter(w -> !corpus.isDeadEnd(w.charAt(3))).toList();
        String unchanged = playable.stream()
                .filter(w -> !com.hankcs.hanlp.HanLP.convertToSimplifiedChinese(w).equals(w))
                .findFirst().orElse(playable.get(0));
        play(unchanged);
        assertThat(historyTexts()).hasSize(2);
        assertThat(status()).doesNotContain("traditional").contains("The model chose");
    }

    @Test
    void aFailedUnaidedAnswerKeepsItsReasonOnItsRow() {
        openSaved("J1CEHF:H一心一意,X意思意思");
        List<String> rows = historyTexts();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).contains("not a valid move: 「意思意思」 is not in our idiom dictionary.");
        play("意气风发");
        assertThat(historyTexts().get(1)).contains("not a valid move: 「意思意思」 is not in our idiom dictionary.");
    }

    @Test
    void theScoreAndTheDifficultyAreExplained() {
        assertThat(_get(Paragraph.class, spec -> spec.withId("play-score-help")).getText())
                .contains("up to 5 points a move: 1, 2, 3, 4, 5, 5").contains("a hint ends the streak");
        assertThat(_get(Paragraph.class, spec -> spec.withId("play-rules")).getText()).startsWith("Easy: ")
                .contains("never ends the game itself");
        @SuppressWarnings("unchecked")
        Select<Difficulty> difficulty = _get(Select.class, spec -> spec.withId("play-difficulty"));
        _setValue(difficulty, Difficulty.HARD);
        assertThat(_get(Paragraph.class, spec -> spec.withId("play-rules")).getText()).startsWith("Hard: ")
                .contains("first " + ChainRules.HARD_WARMUP + " idioms");
    }

    @Test
    void aReloadKeepsTheTabsGameAndAnUnreadableOneIsSaidSo() {
        play("一心一意");
        List<String> before = historyTexts();
        MockVaadin.clientRoundtrip();                       // the tab's name arrives
        UI.getCurrent().getPage().reload();
        MockVaadin.clientRoundtrip();
        assertThat(historyTexts()).isEqualTo(before);

        openSaved("J9 not a game");
        assertThat(status()).contains("could not be restored");
        assertThat(historyTexts()).isEmpty();
    }

    @Test
    void thePanelExplainsItselfAndNamesThePeekingModel() {
        play("一心一意");
        assertThat(_get(Button.class, spec -> spec.withId("peek-peeking")).getText()).isEqualTo("Peeking model");
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-future-share")).getText())
                .startsWith("Decoder: none of the attention at position");
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-reading")).getText())
                .contains("Positions count from 0").contains("▸ column").contains("black line");
        String chart = _get(EChart.class, spec -> spec.withId("peek-chart")).getOptionJson();
        assertThat(chart).contains("row: the position that looks").contains("column: the position looked at")
                .contains("\"100%\"");
        _click(_get(Button.class, spec -> spec.withId("peek-peeking")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-future-share")).getText())
                .startsWith("Peeking model: ").contains("% of the attention at position");
        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(_get(Button.class, spec -> spec.withId("peek-peeking")).getText()).isEqualTo("偷看模型");
    }

    @Test
    void anAddressWithNoPageSaysSoInTheFrame() {
        // as the browser asks for it: UI.navigate would hand an unknown address to the client
        UI.getCurrent().getInternals().getRouter().navigate(UI.getCurrent(), new Location("nonexistent"),
                NavigationTrigger.PAGE_LOAD);
        assertThat(_get(H2.class, spec -> spec.withText("This page does not exist"))).isNotNull();
        assertThat(_get(Div.class, spec -> spec.withId("not-found")).getElement().getTextRecursively())
                .contains("/nonexistent").contains("Back to the idiom chain");
        assertThat(_get(Anchor.class, spec -> spec.withId("not-found-home")).getHref()).isEmpty();
        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(_get(H2.class, spec -> spec.withText("这个页面不存在"))).isNotNull();
    }

    /** Opens the Play page on a saved game, as when coming back to it in the same tab. */
    private void openSaved(String saved) {
        UI.getCurrent().navigate("guess");
        BrowserTab.save(UI.getCurrent(), PlayView.GAME_KEY, saved);
        UI.getCurrent().navigate(PlayView.class);
    }

    private String hintsText() {
        return _get(Div.class, spec -> spec.withId("play-hints")).getElement().getTextRecursively();
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
