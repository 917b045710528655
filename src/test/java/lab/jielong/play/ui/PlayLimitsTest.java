package lab.jielong.play.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.VisitorLimit;
import lab.jielong.game.Side;
import lab.jielong.work.ModelWork;
import lab.jielong.work.Occupied;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Play page under its limits: a visitor over their rate is told so and nothing is played; when the models are
 * busy (the server's model work full) the visitor is told, the move is kept, and Play asks the model again.
 */
class PlayLimitsTest extends KaribuSpringTest {

    @Autowired
    private ModelWork work;
    @Autowired
    private VisitorLimit limit;

    @BeforeEach
    void openInEnglish() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(PlayView.class);
        _click(_get(Button.class, spec -> spec.withId("play-new")));
    }

    @Test
    void aVisitorOverTheRateIsToldAndTheGameIsUntouched() {
        long later = System.nanoTime() + 60_000_000_000L;      // spent a minute from now: no refill before then
        int spent = 0;
        while (limit.allow(VaadinSession.getCurrent(), later)) {
            spent++;
        }
        assertThat(spent).as("the tests' burst").isEqualTo(40);
        play("一心一意");
        assertThat(status()).endsWith("That was quick: please wait a moment before the next one.");
        assertThat(historyTexts()).isEmpty();
        assertThat(_get(Button.class, spec -> spec.withId("play-play")).isEnabled()).as("Play works again").isTrue();
    }

    /** A new game the model opens (the New button, or an ?opener=model link) is model work like a move. */
    @Test
    void aNewGameTheModelOpensCountsAgainstTheRate() {
        _get(Select.class, spec -> spec.withId("play-opener")).setValue(Side.COMPUTER);
        while (limit.allow(VaadinSession.getCurrent(), System.nanoTime() + 60_000_000_000L)) {
            // spend the allowance for the next minute
        }
        _click(_get(Button.class, spec -> spec.withId("play-new")));
        assertThat(status()).endsWith("That was quick: please wait a moment before the next one.");
        assertThat(historyTexts()).as("the model has not opened").isEmpty();
    }

    @Test
    void busyModelsAreSaidTheMoveIsKeptAndPlayAsksAgain() throws Exception {
        try (Occupied crowd = Occupied.of(work)) {
            play("一心一意");
            assertThat(status()).contains("The models are busy with other visitors, so the model has not answered yet; "
                    + "your move is kept.");
            assertThat(historyTexts()).hasSize(1);
            _click(_get(Button.class, spec -> spec.withId("play-hint")));
            assertThat(historyTexts()).hasSize(1);
        }
        _click(_get(Button.class, spec -> spec.withId("play-play")));       // the input is empty: ask the model again
        List<String> history = historyTexts();
        assertThat(history).hasSize(2);
        assertThat(history.get(1)).startsWith("Model意");
        assertThat(status()).doesNotContain("busy");
        _click(_get(Button.class, spec -> spec.withId("play-hint")));
        assertThat(_get(Div.class, spec -> spec.withId("play-hints")).getElement().getTextRecursively()).isNotEmpty();
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
}
