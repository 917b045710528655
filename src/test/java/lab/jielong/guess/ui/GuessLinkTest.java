package lab.jielong.guess.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The Guess page follows its link: the beginning to guess from, hidden controls, a refused prompt noted. */
class GuessLinkTest extends KaribuSpringTest {

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
