package lab.jielong.labs.scaling.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.RouteConfiguration;
import java.util.concurrent.TimeUnit;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.labs.scaling.Counting;
import lab.jielong.labs.scaling.ScalingService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The scaling page without a browser: the shipped grid and its fit on the charts, the switch of how N is
 * counted refitting, and a visitor's point trained, landing on the charts and moving the fit.
 */
class ScalingViewTest extends KaribuSpringTest {

    @Autowired
    private ScalingService service;

    @BeforeEach
    void open() throws Exception {
        for (Counting c : Counting.values()) {
            service.shippedFit(c).get(5, TimeUnit.MINUTES);   // fitted at start-up, in the background
        }
        // Karibu's route discovery (ClassGraph) sees public classes only; the view is package-private
        RouteConfiguration routes = RouteConfiguration.forApplicationScope();
        if (!routes.isRouteRegistered(ScalingView.class)) {
            routes.setAnnotatedRoute(ScalingView.class);
        }
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(ScalingView.class);
    }

    @Test
    void chartsAndConstantsComeFromTheGridAndTheFit() {
        int runs = service.grid().points().size();
        assertThat(text("scaling-source")).contains("trained on this server on").contains(runs + " of ");
        assertThat(text("scaling-fit-source")).startsWith("Fitted just now").contains(runs + " runs (0 of them yours)")
                .contains("1,000 bootstrap resamples");
        String params = chart("scaling-chart-params");
        // every run of the grid is drawn at its N (all parameters) and loss
        service.grid().points().forEach(r -> assertThat(params).contains("[" + (double) r.params().all() + ","));
        assertThat(chart("scaling-chart-tokens")).contains("\"95% band (");
        assertThat(chart("scaling-chart-compute")).contains("compute-optimal (fit)").contains("floor: entropy of the chains");
        String constants = _get(Div.class, spec -> spec.withId("scaling-constants")).getElement().getTextRecursively();
        assertThat(constants).contains("Chinchilla (published)").contains("0.34").contains("0.28").contains("0.37");
        assertThat(constants).contains("α" + ScalingView.num(service.shippedFit(Counting.ALL).join().alpha().value(), 3) + "  [");
        assertThat(text("scaling-counting-note")).contains("At this size embeddings are a large share of N");
    }

    @Test
    @SuppressWarnings("unchecked")
    void switchingHowNIsCountedRefits() {
        String all = chart("scaling-chart-params");
        RadioButtonGroup<Counting> counting = _get(RadioButtonGroup.class, spec -> spec.withId("scaling-counting"));
        _setValue(counting, Counting.NON_EMBEDDING);
        assertThat(text("scaling-fit-source")).contains("N counted as without embeddings");
        String nonEmbedding = chart("scaling-chart-params");
        assertThat(nonEmbedding).isNotEqualTo(all);
        service.grid().points().forEach(r -> assertThat(nonEmbedding).contains("[" + (double) r.params().nonEmbedding() + ","));
        double alphaAll = service.shippedFit(Counting.ALL).join().alpha().value();
        double alphaNonEmb = service.shippedFit(Counting.NON_EMBEDDING).join().alpha().value();
        assertThat(alphaNonEmb).as("the exponent moves with the counting").isNotEqualTo(alphaAll);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVisitorsPointIsTrainedAndLandsOnTheCharts() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(service.canTrainNow(),
                "the shipped grid was trained on the previous corpus: visitors' points wait for `scaling run --all`");
        Select<String> size = _get(Select.class, spec -> spec.withId("scaling-size"));
        Select<Integer> steps = _get(Select.class, spec -> spec.withId("scaling-steps"));
        _setValue(size, service.extraSizes().get(0));
        _setValue(steps, 100);
        _click(_get(Button.class, spec -> spec.withId("scaling-train")));
        assertThat(text("scaling-train-status")).startsWith("Training " + service.extraSizes().get(0) + " for 100 steps");
        assertThat(service.canTrainNow()).as("one point at a time").isFalse();
        assertThat(service.trainExtraPoint(service.extraSizes().get(0), 100, null)).as("a second is refused").isEmpty();

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!text("scaling-train-status").startsWith("Your point") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            MockVaadin.clientRoundtrip();
        }
        assertThat(text("scaling-train-status")).startsWith("Your point: " + service.extraSizes().get(0) + ", 100 steps, 102,400 tokens");
        assertThat(chart("scaling-chart-curve")).contains("training loss");
        assertThat(chart("scaling-chart-params")).contains("your point");
        while (!text("scaling-fit-source").startsWith("Fitted") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            MockVaadin.clientRoundtrip();
        }
        int runs = service.grid().points().size();
        assertThat(text("scaling-fit-source")).contains((runs + 1) + " runs (1 of them yours)");
        assertThat(text("scaling-train-status")).contains("With it the fit moved: α");
        assertThat(service.canTrainNow()).isTrue();
    }

    private static String text(String id) {
        return _get(Paragraph.class, spec -> spec.withId(id)).getText();
    }

    private static String chart(String id) {
        return _get(EChart.class, spec -> spec.withId(id)).getOptionJson();
    }
}
