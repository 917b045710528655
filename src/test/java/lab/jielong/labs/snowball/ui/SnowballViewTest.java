package lab.jielong.labs.snowball.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The snowball lab without a browser: stepping, playing to the end, decoding options, bad input, languages. */
class SnowballViewTest extends KaribuSpringTest {

    @BeforeEach
    void open() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(SnowballView.class);
    }

    private static String text(String id) {
        return _get(com.vaadin.flow.component.Component.class, spec -> spec.withId(id)).getElement()
                .getTextRecursively();
    }

    private static void click(String id) {
        _click(_get(Button.class, spec -> spec.withId(id)));
    }

    private static String written() {
        return _find(Span.class, spec -> spec.withClasses("jl-written-token")).stream().map(Span::getText)
                .reduce("", String::concat);
    }

    @Test
    void aLinksPromptIsThePrompt() {
        UI.getCurrent().navigate("labs/snowball", com.vaadin.flow.router.QueryParameters.of("prompt", "春眠不觉晓"));
        assertThat(_get(TextField.class, spec -> spec.withId("snowball-prompt")).getValue()).isEqualTo("春眠不觉晓");
        click("snowball-step");
        assertThat(_find(Span.class, spec -> spec.withClasses("jl-prompt-token"))).hasSize(7);    // ▸ 春眠不觉 ｜ 晓
    }

    @Test
    void eachStepWritesOneCharacterMeasuredBothWays() {
        _setValue(_get(TextField.class, spec -> spec.withId("snowball-prompt")), "一心一意");
        assertThat(text("snowball-status")).contains("Step writes one character");
        click("snowball-step");
        assertThat(text("snowball-status")).contains("The prompt (6 tokens) was read in one pass")
                .contains("Step 1: the model wrote").contains("at position 6, greedy");
        assertThat(_find(Span.class, spec -> spec.withClasses("jl-prompt-token"))).hasSize(6);
        assertThat(written()).hasSize(1);
        assertThat(text("snowball-compare-positions-cached")).isEqualTo("1");
        assertThat(text("snowball-compare-positions-recomputed")).isEqualTo("7");
        assertThat(text("snowball-compare-cache-cached")).isEqualTo("28,672");     // 2 · 4 layers · 7 · 128 · 4
        assertThat(text("snowball-compare-time-cached")).matches("[0-9,]+\\.[0-9]");
        assertThat(text("snowball-proof-logits")).containsPattern("all [0-9],[0-9]{3} of them")
                .contains("over the prompt and the 1 step(s)");
        assertThat(text("snowball-proof-states")).contains("Layer 1").contains("Layer 4").contains("Peeking model");
        assertThat(_get(EChart.class, spec -> spec.withId("snowball-step-chart")).getOptionJson()).contains("\"line\"");
        assertThat(_get(EChart.class, spec -> spec.withId("snowball-cache-chart")).getOptionJson())
                .contains("\"heatmap\"").contains("L4 V");

        click("snowball-step");
        assertThat(text("snowball-status")).contains("Step 2:");
        assertThat(written()).hasSize(2);
        assertThat(text("snowball-compare-positions-recomputed")).isEqualTo("8");
        assertThat(text("snowball-compare-flops-recomputed")).isNotEqualTo(text("snowball-compare-flops-cached"));
    }

    @Test
    void playWritesUntilTheChainEndsOrTheContextIsFull() {
        _setValue(_get(TextField.class, spec -> spec.withId("snowball-prompt")), "画蛇添");
        click("snowball-play");             // no pause in these tests: every step at once, each measured as it comes
        assertThat(text("snowball-end"))
                .matches("The model ended the chain \\(■\\)\\.|The context is full: all 32 positions are used\\.");
        assertThat(_get(Button.class, spec -> spec.withId("snowball-step")).isEnabled()).isFalse();
        assertThat(written()).startsWith("足");
        String option = _get(EChart.class, spec -> spec.withId("snowball-total-chart")).getOptionJson();
        assertThat(option).contains("With the KV cache").contains("Recomputing all");
        click("snowball-reset");
        assertThat(written()).isEmpty();
        assertThat(_get(Button.class, spec -> spec.withId("snowball-step")).isEnabled()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSampledRunRepeatsFromItsSeed() {
        _setValue(_get(TextField.class, spec -> spec.withId("snowball-prompt")), "春眠不觉晓");
        _setValue((RadioButtonGroup<Boolean>) _get(RadioButtonGroup.class, spec -> spec.withId("snowball-decoding")),
                true);
        _setValue(_get(NumberField.class, spec -> spec.withId("snowball-temperature")), 1.3);
        _setValue(_get(IntegerField.class, spec -> spec.withId("snowball-seed")), 11);
        String[] runs = new String[2];
        for (int run = 0; run < 2; run++) {
            click("snowball-reset");
            for (int i = 0; i < 8 && _get(Button.class, spec -> spec.withId("snowball-step")).isEnabled(); i++) {
                click("snowball-step");
            }
            runs[run] = written();
        }
        assertThat(runs[0]).isNotEmpty().isEqualTo(runs[1]);
        assertThat(text("snowball-last-step")).contains("sampled with T 1.3, top-k 40, top-p 0.95, seed 11");

        _setValue(_get(NumberField.class, spec -> spec.withId("snowball-temperature")), 0.0);
        click("snowball-step");
        NumberField temperature = _get(NumberField.class, spec -> spec.withId("snowball-temperature"));
        assertThat(temperature.isInvalid()).isTrue();
        assertThat(temperature.getErrorMessage()).isEqualTo("From 0.05 to 5, please.");
        assertThat(written()).isEmpty();
    }

    @Test
    void badPromptsGetTheNormalisersMessage() {
        _setValue(_get(TextField.class, spec -> spec.withId("snowball-prompt")), "hello");
        click("snowball-step");
        assertThat(text("snowball-status")).contains("Only Chinese characters, please");
        assertThat(_get(TextField.class, spec -> spec.withId("snowball-prompt")).isInvalid()).isTrue();
        _setValue(_get(TextField.class, spec -> spec.withId("snowball-prompt")), "一".repeat(30));
        click("snowball-step");
        assertThat(text("snowball-status")).contains("at most 24 characters");
        _setValue(_get(TextField.class, spec -> spec.withId("snowball-prompt")), "");
        click("snowball-step");
        assertThat(_find(Span.class, spec -> spec.withClasses("jl-prompt-token"))).hasSize(1);   // ▸ alone
    }

    @Test
    void longTextsAreComputedNotMeasuredAndThePageSpeaksChinese() {
        _setValue(_get(IntegerField.class, spec -> spec.withId("snowball-long-tokens")), 4000);
        assertThat(text("snowball-long")).startsWith("Writing 4,000 tokens:").contains("MiB");
        _setValue(_get(IntegerField.class, spec -> spec.withId("snowball-long-tokens")), 0);
        assertThat(_get(IntegerField.class, spec -> spec.withId("snowball-long-tokens")).isInvalid()).isTrue();

        UI.getCurrent().setLocale(Languages.CHINESE);
        assertThat(_get(H2.class, spec -> spec.withText("KV 缓存：滚雪球"))).isNotNull();
        click("snowball-step");
        assertThat(text("snowball-status")).contains("第 1 步");
        assertThat(List.of(text("snowball-source"))).allMatch(s -> s.contains("实测"));
        assertThat(_find(Div.class, spec -> spec.withId("snowball-proof-states"))).isNotEmpty();
        assertThat(_get(Paragraph.class, spec -> spec.withId("snowball-proof-logits")).getText()).contains("logits");
    }
}
