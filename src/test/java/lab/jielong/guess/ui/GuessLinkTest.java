package lab.jielong.guess.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.work.ModelWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Optional;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Guess page follows its link: the beginning to guess from, hidden controls, a refused prompt noted; the same link
 * again does not compute its round again while the page shows it.
 */
class GuessLinkTest extends KaribuSpringTest {

    @Autowired
    private ModelWork work;

    @BeforeEach
    void english() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
    }

    @Test
    void thePromptIsTheRoundToGuessAndTheTextToContinue() {
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=一心一&hide=steps,random"));
        assertThat(_get(Span.class, spec -> spec.withId("guess-shown")).getText()).isEqualTo("一心一 ？");
        assertThat(((TextField) byId("step-text")).getValue()).isEqualTo("一心一");
        assertThat(byId("step-text").getParent().orElseThrow().getParent().orElseThrow().isVisible()).isFalse();
        assertThat(byId("guess-random").isVisible()).isFalse();
        assertThat(byId("guess-use").isVisible()).isTrue();
        assertThat(byId("link-notes").isVisible()).isFalse();
    }

    @Test
    void aPromptTheNormaliserRefusesIsNoted() {
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=hello"));
        assertThat(byId("link-notes").getChildren().map(c -> c.getElement().getText()).toList())
                .containsExactly(
                        "The link's prompt hello cannot be used: Only Chinese characters, please: h e l o are not.");
        assertThat(_get(Span.class, spec -> spec.withId("guess-shown")).getText()).endsWith(" ？");   // a random round
    }

    @Test
    void theSameLinkAgainKeepsItsRoundUntilTheVisitorMadeAnother() {
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=一心一"));
        ((TextField) byId("guess-input")).setValue("意");
        ((Button) byId("guess-go")).click();
        long submitted = work.stats().submitted();
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=一心一&hide=steps"));
        assertThat(work.stats().submitted()).as("nothing computed again").isEqualTo(submitted);
        assertThat(((Button) byId("guess-go")).isEnabled()).as("the guess stays revealed").isFalse();

        ((TextField) byId("guess-prefix")).setValue("一帆风");
        ((Button) byId("guess-use")).click();
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=一心一"));
        assertThat(_get(Span.class, spec -> spec.withId("guess-shown")).getText()).isEqualTo("一心一 ？");
        assertThat(((Button) byId("guess-go")).isEnabled()).isTrue();
    }

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
