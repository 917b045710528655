package lab.jielong.guess.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Guess the next character: visitor vs model scoring, bad input, and step-by-step continuation. */
class GuessViewTest extends KaribuSpringTest {

    @BeforeEach
    void open() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(GuessView.class);
    }

    @Test
    void theVisitorAndTheModelAreScoredOnTheSamePrefix() {
        _setValue(_get(TextField.class, spec -> spec.withId("guess-prefix")), "一心一");
        _click(_get(Button.class, spec -> spec.withId("guess-use")));
        assertThat(_get(Span.class, spec -> spec.withId("guess-shown")).getText()).isEqualTo("一心一 ？");
        assertThat(_find(EChart.class, spec -> spec.withId("guess-chart"))).as("hidden before the guess").isEmpty();

        _setValue(_get(TextField.class, spec -> spec.withId("guess-input")), "意");
        _click(_get(Button.class, spec -> spec.withId("guess-go")));
        String result = _get(Div.class, spec -> spec.withId("guess-result")).getElement().getTextRecursively();
        assertThat(result).contains("You: 意, right!").contains("The dictionary allows:");
        assertThat(_get(EChart.class, spec -> spec.withId("guess-chart")).getOptionJson()).contains("\"意\"");
        String score = _get(Span.class, spec -> spec.withId("guess-score")).getText();
        assertThat(score).startsWith("You 1 : ").endsWith("after one round");
        assertThat(_get(Paragraph.class, spec -> spec.withId("guess-bars-legend")).getText())
                .contains("Green: a character the dictionary allows here");

        _click(_get(Button.class, spec -> spec.withId("guess-random")));
        _setValue(_get(TextField.class, spec -> spec.withId("guess-input")), "x");
        _click(_get(Button.class, spec -> spec.withId("guess-go")));
        assertThat(_get(Div.class, spec -> spec.withId("guess-result")).getElement().getTextRecursively())
                .contains("Only Chinese characters, please: x is not one.");
        assertThat(_get(Span.class, spec -> spec.withId("guess-score")).getText()).endsWith("after one round");

        _setValue(_get(TextField.class, spec -> spec.withId("guess-input")), "意气");
        _click(_get(Button.class, spec -> spec.withId("guess-go")));
        assertThat(_get(Div.class, spec -> spec.withId("guess-result")).getElement().getTextRecursively())
                .contains("That is too long: at most one character, please.");
        _setValue(_get(TextField.class, spec -> spec.withId("guess-input")), "hello");
        _click(_get(Button.class, spec -> spec.withId("guess-go")));
        assertThat(_get(Div.class, spec -> spec.withId("guess-result")).getElement().getTextRecursively())
                .contains("Only Chinese characters, please: h e l o are not.");
    }

    @Test
    void theScoreSurvivesAReload() {
        _setValue(_get(TextField.class, spec -> spec.withId("guess-prefix")), "一心一");
        _click(_get(Button.class, spec -> spec.withId("guess-use")));
        _setValue(_get(TextField.class, spec -> spec.withId("guess-input")), "意");
        _click(_get(Button.class, spec -> spec.withId("guess-go")));
        UI.getCurrent().getPage().reload();
        UI.getCurrent().setLocale(Languages.ENGLISH);
        assertThat(_get(Span.class, spec -> spec.withId("guess-score")).getText()).startsWith("You 1 : ")
                .endsWith("after one round");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneCountsAsOne() {
        _setValue(_get(TextField.class, spec -> spec.withId("guess-prefix")), "𠀀𠀁𠀂");
        _click(_get(Button.class, spec -> spec.withId("guess-use")));
        assertThat(_get(Div.class, spec -> spec.withId("guess-result")).getElement().getTextRecursively())
                .contains("3 characters of this text the model has never seen");
        _setValue(_get(TextField.class, spec -> spec.withId("step-text")), "𠀀𠀁𠀂𠀃");
        _click(_get(Button.class, spec -> spec.withId("step-next")));
        assertThat(_get(Span.class, spec -> spec.withId("step-shown")).getText()).startsWith("𠀀𠀁𠀂𠀃 ");
        _setValue(_get(TextField.class, spec -> spec.withId("guess-prefix")), "一心𠀀");
        _click(_get(Button.class, spec -> spec.withId("guess-use")));
        assertThat(_get(Div.class, spec -> spec.withId("guess-result")).getElement().getTextRecursively())
                .contains("One character of this text the model has never seen; it reads it as unknown.");
    }

    @Test
    void aTextIsContinuedOneCharacterAtATime() {
        _setValue(_get(TextField.class, spec -> spec.withId("step-text")), "一心一");
        _click(_get(Button.class, spec -> spec.withId("step-next")));
        String first = _get(Span.class, spec -> spec.withId("step-shown")).getText();
        assertThat(first).startsWith("一心一").hasSize(4);
        assertThat(_get(Paragraph.class, spec -> spec.withId("step-note")).getText())
                .startsWith("Step 1: the model took");
        _click(_get(Button.class, spec -> spec.withId("step-next")));
        assertThat(_get(Span.class, spec -> spec.withId("step-shown")).getText()).startsWith(first);
        assertThat(_get(EChart.class, spec -> spec.withId("step-chart")).getOptionJson()).contains("\"bar\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theContinuationTakesTheSnowballLabsDecodingOptions() {
        _setValue(_get(TextField.class, spec -> spec.withId("step-text")), "春眠不觉晓");
        _setValue((RadioButtonGroup<Boolean>) _get(RadioButtonGroup.class, spec -> spec.withId("step-decoding")), true);
        _setValue(_get(IntegerField.class, spec -> spec.withId("step-seed")), 21);
        String[] runs = new String[2];
        for (int run = 0; run < 2; run++) {
            _click(_get(Button.class, spec -> spec.withId("step-reset")));
            for (int i = 0; i < 5; i++) {
                _click(_get(Button.class, spec -> spec.withId("step-next")));
            }
            runs[run] = _get(Span.class, spec -> spec.withId("step-shown")).getText();
        }
        assertThat(runs[0]).startsWith("春眠不觉 晓").isEqualTo(runs[1]);       // a space where the chain has ｜
        assertThat(_get(Paragraph.class, spec -> spec.withId("step-note")).getText())
                .startsWith("Step 5: the model took").endsWith("(sampled: T 1.0, top-k 40, top-p 0.95, seed 21)");
        _setValue(_get(TextField.class, spec -> spec.withId("step-text")), "一".repeat(25));
        _click(_get(Button.class, spec -> spec.withId("step-next")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("step-note")).getText())
                .isEqualTo("That is too long: at most 24 characters, please.");
    }

    @Test
    void specialTokensAreDrawnAsTheSymbolsTheLegendExplains() {
        _setValue(_get(TextField.class, spec -> spec.withId("step-text")), "一心一");
        _click(_get(Button.class, spec -> spec.withId("step-next")));
        _click(_get(Button.class, spec -> spec.withId("step-next")));     // after a whole idiom: the separator
        String chart = _get(EChart.class, spec -> spec.withId("step-chart")).getOptionJson();
        assertThat(chart).contains("\"｜\"").doesNotContain("<sep>").doesNotContain("end");
        assertThat(_get(Paragraph.class, spec -> spec.withId("step-legend")).getText())
                .contains("▸ start").contains("｜ end of an idiom").contains("■ end of the chain");
        assertThat(_get(Paragraph.class, spec -> spec.withId("guess-legend")).getText()).contains("｜ end of an idiom");
    }
}
