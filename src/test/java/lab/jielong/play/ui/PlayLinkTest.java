package lab.jielong.play.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.QueryParameters;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.game.Difficulty;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Optional;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Play page follows its link (/?mode=…&difficulty=…): the game's settings, the visitor's opening idiom, who
 * opens, hidden controls and the panel's view; a bad value falls back to its default with a note, and a refresh
 * keeps the game the link started.
 */
class PlayLinkTest extends KaribuSpringTest {

    @Autowired
    private IdiomCorpus corpus;

    @BeforeEach
    void english() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
    }

    @Test
    void theLinkSetsTheGameAndItsOpeningIdiom() {
        open("", "mode=sound&difficulty=hard&guided=false&idiom=一心一意");
        assertThat(select("play-mode").getValue()).isEqualTo(MatchMode.SAME_SYLLABLE);
        assertThat(select("play-difficulty").getValue()).isEqualTo(Difficulty.HARD);
        List<String> history = history();
        assertThat(history.get(0)).contains("一心一意");
        assertThat(history).hasSizeGreaterThanOrEqualTo(2);            // the model answered
        assertThat(notes()).isEmpty();

        open("", "mode=sound&difficulty=hard&guided=false&idiom=一心一意");   // a refresh: the same game
        assertThat(history()).isEqualTo(history);
    }

    @Test
    void theModelOpensWhenTheLinkSaysSo() {
        open("", "opener=model&idiom=一心一意");
        assertThat(select("play-opener").getValue()).isEqualTo(Side.COMPUTER);
        assertThat(history()).hasSize(1);
        String opening = byId("play-history").getChildren().findFirst().orElseThrow().getChildren()
                .filter(c -> c.getElement().getClassList().contains("jl-idiom")).findFirst().orElseThrow()
                .getElement().getText();
        assertThat(corpus.contains(opening)).as(opening).isTrue();
        assertThat(notes()).containsExactly("The link's idiom 一心一意 is ignored: the model opens this game.");
    }

    @Test
    void aBadValueFallsBackToItsDefaultWithANote() {
        open("", "mode=rhyme&difficulty=medium&hide=hint,wings&idiom=我们回家");
        assertThat(select("play-mode").getValue()).isEqualTo(MatchMode.SAME_CHARACTER);
        assertThat(notes()).containsExactly(
                "The link's mode=rhyme is not understood, so the default char is used (choices: char, sound, tone).",
                "The link's difficulty=medium is not understood, so the default easy is used (choices: easy, hard).",
                "The link asks to hide wings, but this page has no control by that name (controls: intro, settings, mode, "
                        + "difficulty, opener, guided, new, hint, giveup, score, panel).",
                "The link's idiom 我们回家 cannot open the game: 「我们回家」 is not in our idiom dictionary.");
        assertThat(byId("play-hint").isVisible()).isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("play-play")).isVisible()).isTrue();
    }

    @Test
    void controlsAndThePanelCanBeHiddenAndThePanelsViewChosen() {
        open("", "hide=settings,panel,giveup");
        assertThat(byId("play-new").getParent().orElseThrow().isVisible()).isFalse();
        assertThat(byId("peek-panel").isVisible()).isFalse();
        assertThat(byId("play-give-up").isVisible()).isFalse();

        open("", "panel=encoder&idiom=一心一意");
        assertThat(_get(Aside.class, spec -> spec.withId("peek-panel")).isVisible()).isTrue();
        assertThat(_get(Button.class, spec -> spec.withId("peek-peeking")).getElement().getAttribute("aria-pressed"))
                .isEqualTo("true");
    }

    @Test
    void theLanguageAndColoursComeFromTheLink() {
        open("", "lang=zh&theme=dark");
        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("zh");
        assertThat(_get(Button.class, spec -> spec.withId("play-play")).getText()).isEqualTo("出招");
        assertThat(UI.getCurrent().getElement().getThemeList()).contains("dark");
        open("", "lang=fr");
        assertThat(notes()).containsExactly("链接参数 lang=fr 无法识别，已忽略（可选：zh, en）。");
    }

    private void open(String path, String query) {
        UI.getCurrent().navigate(path, QueryParameters.fromString(query));
    }

    @SuppressWarnings("unchecked")
    private static <T> Select<T> select(String id) {
        return _get(Select.class, spec -> spec.withId(id));
    }

    static List<String> history() {
        return byId("play-history").getChildren().map(d -> d.getElement().getTextRecursively()).toList();
    }

    static List<String> notes() {
        Component notes = byId("link-notes");
        return notes.isVisible() ? notes.getChildren().map(c -> c.getElement().getText()).toList() : List.of();
    }

    /** The component with this id, shown or hidden (Karibu's locators see only visible ones). */
    static Component byId(String id) {
        return find(UI.getCurrent(), id).orElseThrow(() -> new AssertionError("no component #" + id));
    }

    private static Optional<Component> find(Component root, String id) {
        if (root.getId().filter(id::equals).isPresent()) {
            return Optional.of(root);
        }
        return root.getChildren().map(c -> find(c, id)).flatMap(Optional::stream).findFirst();
    }
}
