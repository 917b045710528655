package lab.jielong.labs.scaling.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.RouteConfiguration;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.VisitorJobs;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.jobs.TrainingJobs;
import lab.jielong.labs.scaling.Counting;
import lab.jielong.labs.scaling.PointRecord;
import lab.jielong.labs.scaling.ScalingFits;
import lab.jielong.labs.scaling.ScalingService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.concurrent.TimeUnit;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scaling page without a browser: the shipped grid and its fit on the charts, the switch of how N is
 * counted refitting, and a visitor's point trained through the server's shared training queue, landing on the
 * charts and moving the fit; stopped by the visitor or by leaving the page.
 */
class ScalingViewTest extends KaribuSpringTest {

    @Autowired
    private ScalingService service;
    @Autowired
    private TrainingJobs jobs;

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
        assertThat(chart("scaling-chart-compute")).contains("compute-optimal (fit)")
                .contains("floor: entropy of the chains");
        String constants = _get(Div.class, spec -> spec.withId("scaling-constants")).getElement().getTextRecursively();
        assertThat(constants).contains("Chinchilla (published)").contains("0.34").contains("0.28").contains("0.37");
        assertThat(constants)
                .contains("α" + ScalingView.num(service.shippedFit(Counting.ALL).join().free().alpha().value(), 3)
                        + "  [");
        assertThat(text("scaling-counting-note")).contains("At this size embeddings are a large share of N");
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothApproach3FitsAreShownAndTheSwitchChoosesWhichTheChartsDraw() {
        ScalingFits.CountingFit fit = service.shippedFit(Counting.ALL).join();
        double floor = service.grid().lossFloor().natsPerToken();
        String constants = _get(Div.class, spec -> spec.withId("scaling-constants")).getElement().getTextRecursively();
        assertThat(constants).contains("here, E fitted [95%]").contains("here, E held at " + ScalingView.num(floor, 3))
                .contains("E" + ScalingView.num(fit.free().bigE().value(), 3) + "  [")
                .contains(ScalingView.num(floor, 3) + " (held)");
        // the α row: the free fit's value and interval, then the fixed-E fit's
        assertThat(constants).contains("α" + ScalingView.num(fit.free().alpha().value(), 3) + "  [")
                .contains(ScalingView.num(fit.fixedE().alpha().value(), 3) + "  ["
                        + ScalingView.num(fit.fixedE().alpha().lo(), 3));
        assertThat(constants).doesNotContain("NaN");
        assertThat(fit.fixedE().bigE().value()).isEqualTo(floor);
        if (fit.free().bigE().value() < 0.5 * floor) {
            assertThat(text("scaling-collapse")).startsWith("Why E collapses when it is fitted")
                    .contains(ScalingView.num(floor, 3));
        }
        String fixed = chart("scaling-chart-compute"), tokensFixed = chart("scaling-chart-tokens");
        assertThat(fixed).doesNotContain("fitted E");   // a fixed E is the floor line
        RadioButtonGroup<ScalingFits.Variant> variant =
                _get(RadioButtonGroup.class, spec -> spec.withId("scaling-variant"));
        assertThat(variant.getValue()).isEqualTo(ScalingFits.Variant.FIXED_E);
        _setValue(variant, ScalingFits.Variant.FREE_E);
        String free = chart("scaling-chart-compute");
        assertThat(free).isNotEqualTo(fixed).contains("fitted E");
        assertThat(chart("scaling-chart-tokens")).as("the fitted curves follow the switch").isNotEqualTo(tokensFixed);
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
        service.grid().points()
                .forEach(r -> assertThat(nonEmbedding).contains("[" + (double) r.params().nonEmbedding() + ","));
        double alphaAll = service.shippedFit(Counting.ALL).join().free().alpha().value();
        double alphaNonEmb = service.shippedFit(Counting.NON_EMBEDDING).join().free().alpha().value();
        assertThat(alphaNonEmb).as("the exponent moves with the counting").isNotEqualTo(alphaAll);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVisitorsPointIsTrainedThroughTheSharedQueueAndLandsOnTheCharts() throws Exception {
        assertThat(service.extraPointsAllowed()).as("the shipped grid was trained on this server's corpus").isTrue();
        String first = service.extraSizes().get(0);
        Select<String> size = _get(Select.class, spec -> spec.withId("scaling-size"));
        Select<Integer> steps = _get(Select.class, spec -> spec.withId("scaling-steps"));
        _setValue(size, first);
        _setValue(steps, 100);
        _click(_get(Button.class, spec -> spec.withId("scaling-train")));
        assertThat(text("scaling-train-status")).startsWith("Training " + first + " for 100 steps");
        assertThat(_get(Button.class, spec -> spec.withId("scaling-train")).isEnabled()).isFalse();
        assertThat(jobs.jobOf(VisitorJobs.owner())).as("a job of the shared training queue, owned by the session")
                .isPresent();

        // the same visitor cannot queue a second run (of any lab); another visitor waits behind, told their place
        var again = service.trainExtraPoint(VisitorJobs.owner(), first, 100, new Recorder());
        assertThat(again.refusal()).contains(TrainingJobs.Refusal.OWNER_BUSY);
        Recorder other = new Recorder();
        var waiting = service.trainExtraPoint("another visitor", first, 100, other);
        assertThat(waiting.handle().orElseThrow().queuePosition()).isEqualTo(1);
        assertThat(other.positions).containsExactly(1);
        waiting.handle().get().stop();
        assertThat(other.end.get().state()).isEqualTo(TrainingJobs.State.STOPPED);
        assertThat(other.end.get().steps()).as("stopped while waiting: it never ran").isZero();

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!text("scaling-train-status").startsWith("Your point") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            MockVaadin.clientRoundtrip();
        }
        assertThat(text("scaling-train-status")).startsWith("Your point: " + first + ", 100 steps, 102,400 tokens");
        assertThat(chart("scaling-chart-curve")).contains("training loss");
        assertThat(chart("scaling-chart-params")).contains("your point");
        while (!text("scaling-fit-source").startsWith("Fitted") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            MockVaadin.clientRoundtrip();
        }
        int runs = service.grid().points().size();
        assertThat(text("scaling-fit-source")).contains((runs + 1) + " runs (1 of them yours)");
        assertThat(text("scaling-train-status")).contains("With it the fit moved: α");
        assertThat(jobs.jobOf(VisitorJobs.owner())).isEmpty();
        assertThat(_get(Button.class, spec -> spec.withId("scaling-train")).isEnabled()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void stopEndsThePointAndLeavingThePageStopsIt() throws Exception {
        _setValue(_get(Select.class, spec -> spec.withId("scaling-size")), service.extraSizes().get(0));
        _setValue(_get(Select.class, spec -> spec.withId("scaling-steps")),
                service.extraSteps().get(service.extraSteps().size() - 1));
        _click(_get(Button.class, spec -> spec.withId("scaling-train")));
        var handle = jobs.jobOf(VisitorJobs.owner()).orElseThrow();
        _click(_get(Button.class, spec -> spec.withId("scaling-cancel")));
        assertThat(handle.await(java.time.Duration.ofMinutes(2))).isPresent();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!text("scaling-train-status").startsWith("Stopped") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            MockVaadin.clientRoundtrip();
        }
        assertThat(text("scaling-train-status")).startsWith("Stopped at step").contains("Nothing was added");
        assertThat(handle.end().orElseThrow().stop()).contains(TrainingJobs.Stop.BY_VISITOR);
        assertThat(text("scaling-fit-source")).contains("(0 of them yours)");

        // a point running when the visitor leaves the page is stopped, freeing the slot
        _click(_get(Button.class, spec -> spec.withId("scaling-train")));
        var second = jobs.jobOf(VisitorJobs.owner()).orElseThrow();
        UI.getCurrent().navigate("");
        assertThat(second.await(java.time.Duration.ofMinutes(2))).isPresent();
        assertThat(second.end().orElseThrow().stop()).contains(TrainingJobs.Stop.PAGE_CLOSED);
    }

    /** Collects what the job service tells a listener. */
    private static final class Recorder implements TrainingJobs.Listener<ScalingService.Step, PointRecord> {
        final java.util.List<Integer> positions = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicReference<TrainingJobs.End<PointRecord>> end =
                new java.util.concurrent.atomic.AtomicReference<>();

        @Override
        public void queued(int position) {
            positions.add(position);
        }

        @Override
        public void event(ScalingService.Step event) {
        }

        @Override
        public void ended(TrainingJobs.End<PointRecord> how) {
            end.set(how);
        }
    }

    private static String text(String id) {
        return _get(Paragraph.class, spec -> spec.withId(id)).getText();
    }

    private static String chart(String id) {
        return _get(EChart.class, spec -> spec.withId(id)).getOptionJson();
    }
}
