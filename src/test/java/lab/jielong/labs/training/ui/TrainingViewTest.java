package lab.jielong.labs.training.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.jobs.TrainingJobs;
import lab.jielong.labs.training.TrainingLabService;
import lab.jielong.labs.training.TrainingLabServiceTest;
import lab.jielong.models.ModelService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training lab without a browser: a real run streamed to the page (on the job service's thread, shown
 * through UI.access), stopped, then played with in this visitor's session only; a run on pasted text; the
 * page's refusals; and the job ending with the page or the session.
 */
class TrainingViewTest extends KaribuSpringTest {

    @Autowired
    private TrainingJobs jobs;
    @Autowired
    private lab.jielong.classroom.ClassroomService classroom;
    @Autowired
    private ModelService models;
    @Autowired
    private TrainingLabService service;

    @BeforeEach
    void open() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(TrainingView.class);
    }

    @AfterEach
    void stopAnyJob() throws InterruptedException {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            var job = jobs.jobOf(session);
            if (job.isPresent()) {
                job.get().stop();
                job.get().await(Duration.ofSeconds(60));
            }
        }
    }

    /** Runs the UI's pending pushes until {@code done}, for up to a minute (the job trains on its own thread). */
    private static void until(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            MockVaadin.clientRoundtrip();
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the page did not get there in time: " + text("training-status"));
    }

    /** The text of the visible component with this id; empty if there is none (Karibu sees visible ones only). */
    private static String text(String id) {
        List<Component> found = _find(Component.class, spec -> spec.withId(id));
        return found.isEmpty() ? "" : found.get(0).getElement().getTextRecursively();
    }

    private static boolean shown(String id) {
        return !_find(Component.class, spec -> spec.withId(id)).isEmpty();
    }

    private static Button button(String id) {
        return _get(Button.class, spec -> spec.withId(id));
    }

    private static String chart() {
        return _get(EChart.class, spec -> spec.withId("training-chart")).getOptionJson();
    }

    @Test
    void aRunStreamsBothModelsAndTheVisitorCanPlayWithItAlone() throws Exception {
        assertThat(text("training-plan")).contains("d_model 64, 2 layers, 4 heads, d_ff 256")
                .contains("batches of 16 × 32 tokens").containsPattern("[0-9],[0-9]{3} well-known idioms");
        assertThat(text("training-bounds")).contains("one run at a time").contains("1,000 steps");
        assertThat(button("training-stop").isEnabled()).isFalse();

        _click(button("training-start"));
        assertThat(button("training-start").isEnabled()).isFalse();
        assertThat(button("training-stop").isEnabled()).isTrue();
        until(() -> text("training-speed").contains("Step ") && !text("training-speed").contains("Step 1 of"));
        assertThat(text("training-speed")).contains("of 1,000").contains("tokens/s for both models together");
        assertThat(text("training-decoder")).startsWith("Training loss ");
        assertThat(text("training-peeking")).contains("honest loss");
        String option = chart();
        assertThat(option).contains("decoder, training").contains("peeking, training").contains("peeking, honest");
        assertThat(text("training-answers")).contains("→").contains("Decoder").contains("Peeking model");

        _click(button("training-stop"));
        until(() -> text("training-status").startsWith("Stopped at step"));
        assertThat(button("training-start").isEnabled()).isTrue();
        assertThat(text("training-answers-heading")).startsWith("What they write, at step ")
                .isNotEqualTo("What they write, at step 0").isEqualTo("What they write, at step "
                        + text("training-status").replaceAll("Stopped at step (\\d+).*", "$1"));
        assertThat(shown("training-after")).isTrue();

        // play with it: this visitor only
        assertThat(models.current().shipped()).isTrue();
        _click(button("training-use"));
        assertThat(models.current().shipped()).isFalse();
        assertThat(models.current().source()).contains("training lab");
        assertThat(text("training-using")).contains("You are using your own trained models");
        assertThat(button("training-use").getText()).isEqualTo("Back to the shipped models");

        VaadinSession mine = VaadinSession.getCurrent();
        newVisitor();
        assertThat(VaadinSession.getCurrent()).isNotSameAs(mine);
        assertThat(models.current().shipped()).as("another visitor still plays the shipped models").isTrue();
        assertThat(models.shipped().decoder()).isNotSameAs(mine.getAttribute(
                lab.jielong.models.SessionModels.class).own().orElseThrow().decoder());
    }

    @Test
    void theSwitchGoesBackToTheShippedModels() throws Exception {
        _click(button("training-start"));
        until(() -> text("training-speed").contains("Step "));
        _click(button("training-stop"));
        until(() -> text("training-status").startsWith("Stopped at step"));
        _click(button("training-use"));
        assertThat(models.current().shipped()).isFalse();
        _click(button("training-use"));
        assertThat(models.current().shipped()).isTrue();
        assertThat(text("training-using")).isEqualTo("You are using the shipped models.");

        // the run is kept in the session: back on the page, it can still be used
        UI.getCurrent().navigate("guess");
        UI.getCurrent().navigate(TrainingView.class);
        assertThat(shown("training-after")).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pastedTextIsCheckedThenTrainedOnAndWritesOnHere() throws Exception {
        RadioButtonGroup<TrainingView.Source> source = _get(RadioButtonGroup.class,
                spec -> spec.withId("training-source"));
        _setValue(source, TrainingView.Source.TEXT);
        TextArea area = _get(TextArea.class, spec -> spec.withId("training-text"));
        assertThat(area.isVisible()).isTrue();
        _setValue(area, "床前明月光，疑是地上霜。");
        _click(button("training-start"));
        assertThat(text("training-status")).isEqualTo(
                "Please paste more text: 10 characters is too little to learn from (at least 50).");
        assertThat(jobs.jobOf(VaadinSession.getCurrent())).isEmpty();
        _setValue(area, "Hello world");
        _click(button("training-start"));
        assertThat(text("training-status")).startsWith("Only Chinese characters, please");

        _setValue(area, TrainingLabServiceTest.POEM);
        _click(button("training-start"));
        assertThat(text("training-plan")).contains("on random windows of your text").contains("characters");
        until(() -> text("training-speed").contains("Step "));
        _click(button("training-stop"));
        until(() -> text("training-status").startsWith("Stopped at step"));
        assertThat(text("training-answers")).contains("The text goes on:");
        assertThat(shown("training-use")).as("a text run cannot play the game").isFalse();
        assertThat(text("training-after")).contains("cannot play the idiom game");

        _setValue(_get(TextField.class, spec -> spec.withId("training-write-prompt")), "天生我材");
        _click(button("training-write"));
        assertThat(text("training-written")).startsWith("天生我材…");
        _setValue(_get(TextField.class, spec -> spec.withId("training-write-prompt")), "abc");
        _click(button("training-write"));
        assertThat(text("training-written")).startsWith("Only Chinese characters");
    }

    @Test
    void whileAnotherVisitorTrainsTheRunWaitsAndSeesItsPlace() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        TrainingJobs.Handle<Integer, Integer> other = jobs.submit("another visitor", context -> {
            release.await();
            return 0;
        }, new TrainingJobs.Listener<Integer, Integer>() {
            @Override
            public void event(Integer event) {
            }

            @Override
            public void ended(TrainingJobs.End<Integer> end) {
            }
        }).handle().orElseThrow();
        try {
            _click(button("training-start"));
            until(() -> text("training-status").startsWith("Waiting"));
            assertThat(text("training-status"))
                    .isEqualTo("Waiting for a free slot: you are number 1 in the queue (one run at a time).");
            assertThat(button("training-stop").isEnabled()).as("a waiting run can be stopped").isTrue();
        } finally {
            release.countDown();
        }
        assertThat(other.await(Duration.ofSeconds(30))).isPresent();
        until(() -> text("training-speed").contains("Step "));
        _click(button("training-stop"));
        until(() -> text("training-status").startsWith("Stopped at step"));
    }

    @Test
    void leavingThePageStopsTheRun() throws Exception {
        _click(button("training-start"));
        TrainingJobs.Handle<?, ?> job = jobs.jobOf(VaadinSession.getCurrent()).orElseThrow();
        UI.getCurrent().navigate("guess");
        TrainingJobs.End<?> end = job.await(Duration.ofSeconds(60)).orElseThrow();
        assertThat(end.stop()).contains(TrainingJobs.Stop.PAGE_CLOSED);
    }

    @Test
    void theEndOfTheSessionStopsTheVisitorsJob() throws Exception {
        // a job of this visitor's session not tied to a page: only the session's end can stop it
        TrainingJobs.Handle<Integer, Integer> job = jobs.submit(VaadinSession.getCurrent(),
                context -> {
                    int n = 0;
                    while (context.nextStep()) {
                        Thread.sleep(5);
                        n++;
                    }
                    return n;
                }, new TrainingJobs.Listener<Integer, Integer>() {
                    @Override
                    public void event(Integer event) {
                    }

                    @Override
                    public void ended(TrainingJobs.End<Integer> end) {
                    }
                }).handle().orElseThrow();
        VaadinSession session = VaadinSession.getCurrent();
        session.unlock();                                   // as the servlet container would: no request holds it
        try {
            VaadinService.getCurrent().fireSessionDestroy(session);
        } finally {
            session.lock();
        }
        TrainingJobs.End<Integer> end = job.await(Duration.ofSeconds(30)).orElseThrow();
        assertThat(end.stop()).contains(TrainingJobs.Stop.SESSION_ENDED);
        assertThat(jobs.jobOf(session)).isEmpty();
        newVisitor();
    }

    @Test
    void aSecondRunOfTheSameVisitorIsRefusedWhileTheFirstRuns() throws Exception {
        _click(button("training-start"));
        UI first = UI.getCurrent();
        // the same visitor in a second tab: a second view in the same session
        TrainingView second = new TrainingView(service, classroom);
        first.add(second);
        _click(_get(second, Button.class, spec -> spec.withId("training-start")));
        assertThat(_get(second, Paragraph.class, spec -> spec.withId("training-status")).getText())
                .startsWith("You already have a run queued or running");
    }
}
