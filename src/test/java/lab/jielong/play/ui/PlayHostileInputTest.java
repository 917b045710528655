package lab.jielong.play.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import lab.jielong.HostileInput;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.corpus.TextNormalizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Play page (and through it the play service) over hostile input ({@link HostileInput}, seeded; the short
 * cases): each gets a refusal in the visitor's language, drawn as text in paragraphs (never as HTML: no element
 * the input could have made), the game unchanged; afterwards a real move is played and answered.
 */
class PlayHostileInputTest extends KaribuSpringTest {

    private static final long SEED = 16;

    @Test
    void eachHostileInputIsRefusedAsTextAndTheGameGoesOn() {
        UI.getCurrent().setLocale(Languages.CHINESE);
        UI.getCurrent().navigate(PlayView.class);
        _click(_get(Button.class, spec -> spec.withId("play-new")));
        List<String> failures = new ArrayList<>();
        List<String> cases = HostileInput.shortCases(SEED, 0).stream()
                .filter(s -> !TextNormalizer.normalize(s).text().equals("一心一意") && !s.isBlank())   // a real move
                .limit(30).toList();                              // under the tests' burst of 40
        for (String s : cases) {
            _setValue(_get(TextField.class, spec -> spec.withId("play-input")), s);
            _click(_get(Button.class, spec -> spec.withId("play-play")));
            Div status = _get(Div.class, spec -> spec.withId("play-status"));
            String text = status.getElement().getTextRecursively();
            List<String> tags = new ArrayList<>();
            collectTags(status.getElement(), tags);
            if (text.isBlank() || !tags.stream().allMatch(t -> t.equals("div") || t.equals("p"))
                    || !HostileInput.wellFormed(text) || historySize() != 0) {
                failures.add(HostileInput.describe(s) + " -> " + tags + " " + HostileInput.describe(text));
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        _setValue(_get(TextField.class, spec -> spec.withId("play-input")), "一心一意");
        _click(_get(Button.class, spec -> spec.withId("play-play")));
        assertThat(historySize()).as("the visitor's move and the model's answer").isEqualTo(2);
    }

    private static void collectTags(Element element, List<String> tags) {
        tags.add(element.getTag());
        element.getChildren().forEach(child -> {
            if (!child.isTextNode()) {
                collectTags(child, tags);
            }
        });
    }

    private static long historySize() {
        return _get(Div.class, spec -> spec.withId("play-history")).getChildren().count();
    }
}
