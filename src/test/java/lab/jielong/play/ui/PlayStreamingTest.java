package lab.jielong.play.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.Pacer;
import lab.jielong.base.ui.VisitorLimit;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.game.Side;
import lab.jielong.play.PlayService;
import lab.jielong.work.ModelWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the computer's answer is still being shown, character by character: the move controls wait, and a
 * new game (or leaving the page) drops the rest of the old answer instead of letting it land on the new game.
 * The pacer here holds every step until the test releases it, as a slow connection would.
 */
class PlayStreamingTest extends KaribuSpringTest {

    @Autowired
    private PlayService service;
    @Autowired
    private IdiomCorpus corpus;
    @Autowired
    private lab.jielong.classroom.ClassroomService classroom;
    @Autowired
    private VisitorLimit limit;
    @Autowired
    private ModelWork work;

    private final HeldPacer pacer = new HeldPacer();
    private PlayView view;

    @BeforeEach
    void openWithAHeldPacer() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("guess");                  // away from the Play page the mock opened with
        view = new PlayView(service, pacer, limit, classroom);
        UI.getCurrent().add(view);
    }

    @Test
    void whileTheAnswerIsShownTheMoveControlsWaitAndNewGameStaysAvailable() {
        play("一心一意");
        assertThat(pacer.pending()).as("four characters and the ending").isEqualTo(5);
        pacer.next();
        assertThat(text("play-streaming")).contains("Model").contains("writing");
        for (String id : List.of("play-play", "play-hint", "play-give-up")) {
            assertThat(_get(Button.class, spec -> spec.withId(id)).isEnabled()).as(id).isFalse();
        }
        assertThat(_get(TextField.class, spec -> spec.withId("play-input")).isEnabled()).isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("play-new")).isEnabled()).isTrue();

        pacer.releaseAll();
        assertThat(history()).hasSize(2);
        assertThat(text("play-streaming")).isEmpty();
        assertThat(_get(Button.class, spec -> spec.withId("play-play")).isEnabled()).isTrue();
    }

    /**
     * The pacer's thread shows every visitor's answers, so its steps only show: the side panel and both models'
     * unaided answers are worked out on the model threads while the characters are shown, and the last step asks
     * the models nothing (were it to, the submissions would grow while it runs).
     */
    @Test
    void theSidePanelIsWorkedOutOnTheModelThreadsAndTheLastStepOnlyShowsIt() throws Exception {
        long before = work.stats().submitted();
        long ranBefore = work.stats().done();
        play("一心一意");
        assertThat(work.stats().submitted() - before).as("the move, then the panel with the unaided answers")
                .isEqualTo(2);
        pacer.awaitWork();
        assertThat(work.stats().done() - ranBefore).as("both ran on the model threads").isEqualTo(2);
        long submitted = work.stats().submitted();
        pacer.releaseAll();
        assertThat(work.stats().submitted()).as("showing the answer and the panel asks the models nothing")
                .isEqualTo(submitted);
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-free-decoder")).getText()).startsWith("Decoder: 「");
        assertThat(_get(Paragraph.class, spec -> spec.withId("peek-punchline")).getText())
                .contains("peeking model guesses");
        assertThat(text("play-status")).contains("The model chose").doesNotContain("busy");
    }

    @Test
    void aNewGameWhileTheAnswerIsShownDropsTheOldAnswer() {
        play("一心一意");
        pacer.next();
        _click(_get(Button.class, spec -> spec.withId("play-new")));
        assertThat(history()).isEmpty();
        assertThat(text("play-streaming")).isEmpty();

        pacer.releaseAll();                                 // the old answer's last characters and its ending
        assertThat(history()).as("nothing of the old game lands on the new one").isEmpty();
        assertThat(text("play-streaming")).isEmpty();
        assertThat(text("play-status")).startsWith("New game").doesNotContain("The model chose");
        assertThat(_get(Paragraph.class, spec -> spec.withText(
                "Play a move: the two models' attention on the chain appears here.")).isVisible()).isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("play-input")).isEnabled()).isTrue();
        assertThat(PlayView.saved(UI.getCurrent()).orElseThrow()).endsWith(":");
    }

    @Test
    void aNewGameTheComputerOpensShowsOnlyItsOwnAnswer() {
        play("一心一意");
        pacer.next();
        @SuppressWarnings("unchecked")
        Select<Side> opener = _get(Select.class, spec -> spec.withId("play-opener"));
        _setValue(opener, Side.COMPUTER);
        _click(_get(Button.class, spec -> spec.withId("play-new")));   // the computer opens: a second answer
        assertThat(pacer.pending()).as("3 + 1 left of the old answer, 4 + 1 of the new").isEqualTo(9);
        pacer.release(4);                                    // what was left of the old answer
        assertThat(text("play-streaming")).as("none of the old characters").isEqualTo("Modelthe model is writing…");
        assertThat(text("play-status")).doesNotContain("The model chose");
        assertThat(_get(Button.class, spec -> spec.withId("play-play")).isEnabled()).as("still writing").isFalse();
        pacer.releaseAll();                                  // the new answer
        List<String> rows = history();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).startsWith("Model");
        String opening = PlayView.saved(UI.getCurrent()).orElseThrow();
        assertThat(opening).contains(":C").doesNotContain("一心一意");
        assertThat(text("play-status")).contains("The model chose 「" + opening.substring(opening.indexOf(":C") + 2));
    }

    @Test
    void leavingThePageWhileTheAnswerIsShownKeepsTheMove() {
        play("一心一意");
        view.removeFromParent();
        pacer.releaseAll();
        String saved = PlayView.saved(UI.getCurrent()).orElseThrow();
        assertThat(saved).contains("H一心一意,C意");

        UI.getCurrent().add(new PlayView(service, pacer, limit, classroom));
        List<String> rows = history();
        assertThat(rows).hasSize(2);
        assertThat(corpus.contains(rows.get(1).substring("Model".length(), "Model".length() + 4))).isTrue();
    }

    private void play(String text) {
        _setValue(_get(TextField.class, spec -> spec.withId("play-input")), text);
        _click(_get(Button.class, spec -> spec.withId("play-play")));
    }

    private List<String> history() {
        return _get(Div.class, spec -> spec.withId("play-history")).getChildren()
                .map(c -> c.getElement().getTextRecursively()).toList();
    }

    private static String text(String id) {
        return _get(Div.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    /** Holds the steps it is given until the test releases them, in order. */
    private static final class HeldPacer extends Pacer {
        private final Deque<Runnable> held = new ArrayDeque<>();

        HeldPacer() {
            super(0);
        }

        private CompletableFuture<?> work = CompletableFuture.completedFuture(null);

        @Override
        public <T> void play(UI ui, List<Runnable> steps, CompletableFuture<T> after, BiConsumer<T, Throwable> done) {
            held.addAll(steps);
            work = after;
            held.add(() -> {
                try {
                    done.accept(after.get(10, TimeUnit.SECONDS), null);
                } catch (ExecutionException e) {
                    done.accept(null, e.getCause());
                } catch (InterruptedException | TimeoutException e) {
                    throw new AssertionError(e);
                }
            });
        }

        /** Waits until the model work of the last answer is over. */
        void awaitWork() throws Exception {
            try {
                work.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // shown by the last step
            }
        }

        int pending() {
            return held.size();
        }

        void next() {
            held.removeFirst().run();
        }

        void release(int steps) {
            for (int i = 0; i < steps; i++) {
                next();
            }
        }

        void releaseAll() {
            while (!held.isEmpty()) {
                next();
            }
        }
    }
}
