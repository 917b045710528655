package lab.jielong.guess.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.VisitorLimit;
import lab.jielong.work.ModelWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Guess page under the per-visitor rate, as the Play page: a visitor over it is told so in their language where
 * they acted (a round, a guess, a step, or a page or link that opens with a round), the models are not asked, and
 * the page works again once the allowance is back.
 */
class GuessLimitsTest extends KaribuSpringTest {

    private static final String TOO_FAST = "That was quick: please wait a moment before the next one.";

    @Autowired
    private VisitorLimit limit;
    @Autowired
    private ModelWork work;

    @BeforeEach
    void openInEnglish() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(GuessView.class);
    }

    @Test
    void aVisitorOverTheRateIsToldAndTheModelsAreNotAsked() {
        _setValue(_get(TextField.class, spec -> spec.withId("guess-prefix")), "一心一");
        _click(_get(Button.class, spec -> spec.withId("guess-use")));
        assertThat(shown()).isEqualTo("一心一 ？");
        long later = spendTheAllowance();
        long submitted = work.stats().submitted();

        _setValue(_get(TextField.class, spec -> spec.withId("guess-input")), "意");
        _click(_get(Button.class, spec -> spec.withId("guess-go")));
        assertThat(result()).contains(TOO_FAST).doesNotContain("You: 意");
        assertThat(_get(Span.class, spec -> spec.withId("guess-score")).getText()).as("no round scored")
                .endsWith("after no round yet");
        _click(_get(Button.class, spec -> spec.withId("guess-random")));
        assertThat(shown()).as("no new round").isEqualTo("一心一 ？");
        _setValue(_get(TextField.class, spec -> spec.withId("step-text")), "一心");
        _click(_get(Button.class, spec -> spec.withId("step-next")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("step-note")).getText()).isEqualTo(TOO_FAST);
        assertThat(result()).as("said only where the visitor acted last").doesNotContain(TOO_FAST);
        assertThat(work.stats().submitted()).as("the models were not asked").isEqualTo(submitted);

        limit.allow(VaadinSession.getCurrent(), later + 60_000_000_000L);   // a minute later: the allowance is back
        _click(_get(Button.class, spec -> spec.withId("guess-go")));
        assertThat(result()).contains("You: 意, right!").doesNotContain(TOO_FAST);
        assertThat(_find(Paragraph.class, spec -> spec.withId("guess-too-fast"))).isEmpty();
    }

    @Test
    void reloadingThePageOrItsLinkCountsAsClickingDoes() {
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=一心一"));
        assertThat(shown()).as("the first load works as ever").isEqualTo("一心一 ？");
        assertThat(result()).doesNotContain(TOO_FAST);
        long later = spendTheAllowance();
        long submitted = work.stats().submitted();

        UI.getCurrent().getPage().reload();        // a new page, the same visitor
        UI.getCurrent().setLocale(Languages.ENGLISH);
        assertThat(location()).isEqualTo("guess?prompt=%E4%B8%80%E5%BF%83%E4%B8%80");
        assertThat(_get(Paragraph.class, spec -> spec.withId("guess-too-fast")).getText()).isEqualTo(TOO_FAST);
        assertThat(shown()).as("no round").isEmpty();
        assertThat(_get(Button.class, spec -> spec.withId("guess-go")).isEnabled()).isFalse();
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=一帆风"));    // another link
        assertThat(result()).contains(TOO_FAST);
        assertThat(shown()).isEmpty();
        UI.getCurrent().getPage().reload();
        UI.getCurrent().navigate("guess");                                                 // no prompt: a random round
        assertThat(result()).contains(TOO_FAST);
        assertThat(shown()).isEmpty();
        assertThat(work.stats().submitted()).as("the models were not asked").isEqualTo(submitted);

        limit.allow(VaadinSession.getCurrent(), later + 60_000_000_000L);   // a minute later: the allowance is back
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=一帆风"));
        assertThat(shown()).isEqualTo("一帆风 ？");
        assertThat(result()).doesNotContain(TOO_FAST);
        assertThat(_get(Button.class, spec -> spec.withId("guess-go")).isEnabled()).isTrue();
        assertThat(work.stats().submitted()).isGreaterThan(submitted);
    }

    @Test
    void inChineseTheVisitorIsToldInChinese() {
        UI.getCurrent().setLocale(Languages.CHINESE);
        spendTheAllowance();
        _click(_get(Button.class, spec -> spec.withId("guess-random")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("guess-too-fast")).getText())
                .isEqualTo(UI.getCurrent().getTranslation(VisitorLimit.MESSAGE_KEY)).doesNotContain("quick");
    }

    /** Spends the visitor's whole allowance a minute from now (no refill before then); returns that time. */
    private long spendTheAllowance() {
        long later = System.nanoTime() + 60_000_000_000L;
        int spent = 0;
        while (limit.allow(VaadinSession.getCurrent(), later)) {
            spent++;
        }
        assertThat(spent).as("the tests' burst").isGreaterThan(0);
        return later;
    }

    private static String location() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
    }

    private static String shown() {
        return _get(Span.class, spec -> spec.withId("guess-shown")).getText();
    }

    private static String result() {
        return _get(Div.class, spec -> spec.withId("guess-result")).getElement().getTextRecursively();
    }
}
