package lab.jielong.labs.encdec.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextField;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.labs.encdec.EncDecLabService;
import lab.jielong.labs.encdec.EncDecResults;
import lab.jielong.work.ModelWork;
import lab.jielong.work.Occupied;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Locale;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder-decoder lab without a browser: an idiom played, both answers and their verdicts, the three attention
 * charts drawn from the models' weights, the stage table, the results files on the charts and tables, bad input,
 * a classroom's link ({@code ?prompt=}) and Chinese.
 */
class EncDecViewTest extends KaribuSpringTest {

    @Autowired
    private EncDecLabService service;
    @Autowired
    private ModelWork work;

    @BeforeEach
    void open() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(EncDecView.class);
    }

    private static String text(String id) {
        return _get(Component.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    private static String chart(String id) {
        return _get(EChart.class, spec -> spec.withId(id)).getOptionJson();
    }

    private void play(String idiom) {
        _setValue(_get(TextField.class, spec -> spec.withId("encdec-input")), idiom);
        _click(_get(Button.class, spec -> spec.withId("encdec-play")));
    }

    /** The comparison runs on the bounded executor: when it is full the visitor reads so, and Play asks again. */
    @Test
    void busyModelsAreSaidAndTheComparisonComesWhenAskedAgain() throws Exception {
        long submitted = work.stats().submitted();
        play("画蛇添足");
        assertThat(work.stats().submitted() - submitted).as("the comparison went through ModelWork").isEqualTo(1);
        try (Occupied crowd = Occupied.of(work)) {
            play("守株待兔");
            assertThat(text("encdec-problem")).isEqualTo("The models are busy with other visitors right now. "
                    + "Please try again in a moment.");
            assertThat(text("encdec-move-encdec")).as("the last comparison stays").contains("You: 画蛇添足");
        }
        play("守株待兔");
        assertThat(_find(Component.class, spec -> spec.withId("encdec-problem"))).as("no longer said").isEmpty();
        assertThat(text("encdec-move-encdec")).contains("You: 守株待兔");
    }

    @Test
    void anIdiomPlayedShowsBothAnswersAndWhatEachModelRead() {
        play("画蛇添足");
        EncDecLabService.Comparison c = service.compare("画蛇添足").comparison().orElseThrow();
        String encdec = text("encdec-move-encdec"), decoder = text("encdec-move-decoder");
        assertThat(encdec).contains("You: 画蛇添足").contains(c.encDec().move().answer())
                .contains(c.encDec().move().valid() ? "✓ a valid move" : "✗ not a valid move");
        assertThat(decoder).contains(c.decoder().move().answer()).contains(c.decoder().move().guided());
        assertThat(chart("encdec-encoder-chart")).contains("\"data\":[\"画\",\"蛇\",\"添\",\"足\"]");
        assertThat(chart("encdec-cross-chart")).contains("\"data\":[\"画\",\"蛇\",\"添\",\"足\"]").contains("▸");
        assertThat(chart("encdec-decoder-chart")).contains("▸").contains("｜");
        assertThat(text("encdec-cross-reading")).contains("「足」").contains("画蛇添足");
        assertThat(text("encdec-decoder-reading")).contains("「足」");
        String stages = text("encdec-stages");
        assertThat(stages).contains("Pre-training (训练)").contains("Fine-tuning (微调)").contains("Inference (推理)")
                .contains("⟨_⟩").contains("▸画蛇添足｜" + c.stages().pair().get(1))
                .contains("writes: " + c.encDec().move().answer());
    }

    @Test
    void theResultsComeFromTheShippedFiles() {
        EncDecResults r = service.results();
        assertThat(text("encdec-efficiency-source")).startsWith("From the shipped results, command: ")
                .contains(r.efficiency().command()).contains("seed " + r.efficiency().seed());
        String table = text("encdec-efficiency-table");
        java.text.NumberFormat n = java.text.NumberFormat.getIntegerInstance(Locale.ENGLISH);
        assertThat(table).contains(n.format(r.efficiency().decoder().tokens()))
                .contains(n.format(r.efficiency().encdecSameFlops().tokens()))
                .contains(String.format(Locale.ROOT, "%.2f",
                        r.efficiency().encdecSameTokens().supervisedTargetsPerToken()));
        String validity = chart("encdec-validity-chart");
        for (EncDecResults.Point p : r.efficiency().decoder().points()) {
            assertThat(validity).contains("," + EncDecCharts.round(p.gameValidOfPossible() * 100, 1) + "]");
        }
        assertThat(chart("encdec-loss-chart")).contains(String.valueOf(
                EncDecCharts.round(r.efficiency().encdecSameTokens().last().answerLoss(), 3)));
        EncDecResults.Consistency c = r.consistency();
        String consistency = text("encdec-consistency-table");
        assertThat(consistency)
                .contains(String.format(Locale.ROOT, "%.1f%%", c.decoder().zeroShotGameValidOfPossible() * 100))
                .contains(String.format(Locale.ROOT, "%.1f%%", c.encdec().finetunedGameValidOfPossible() * 100));
        assertThat(text("encdec-consistency-source")).contains(c.command());
        assertThat(text("encdec-stages-recorded")).contains(String.join("", c.decoder().stage("finetune").input())
                .replace("<bos>", "▸").replace("<sep>", "｜").replace("<eos>", "■"));
    }

    @Test
    void badInputGetsTheGamesMessageAndKeepsThePage() {
        play("hello");
        assertThat(_get(Component.class, spec -> spec.withId("encdec-problem")).isVisible()).isTrue();
        assertThat(text("encdec-problem")).startsWith("Only Chinese characters");
        assertThat(text("encdec-moves")).isEmpty();
        play("一心一");
        assertThat(text("encdec-problem")).isEqualTo("An idiom has four characters; you typed 3.");
        play("一心一意");
        assertThat(_find(Component.class, spec -> spec.withId("encdec-problem"))).as("hidden once the idiom is fine")
                .isEmpty();
        assertThat(text("encdec-moves")).contains("You: 一心一意");
    }

    @Test
    void aClassroomLinkPlaysItsIdiomAndThePageReadsInChinese() {
        UI.getCurrent().navigate(EncDecView.class, com.vaadin.flow.router.QueryParameters.of("prompt", "守株待兔"));
        assertThat(_get(TextField.class, spec -> spec.withId("encdec-input")).getValue()).isEqualTo("守株待兔");
        assertThat(text("encdec-moves")).contains("You: 守株待兔");
        UI.getCurrent().setLocale(Languages.CHINESE);
        assertThat(_get(H2.class, spec -> spec.withText("编码器-解码器 vs 仅解码器：同样的成语"))).isNotNull();
        assertThat(text("encdec-moves")).contains("你：守株待兔");
        assertThat(text("encdec-efficiency-source")).startsWith("来自自带的结果，命令：");
    }
}
