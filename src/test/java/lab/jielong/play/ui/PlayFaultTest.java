package lab.jielong.play.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import lab.jielong.models.SessionModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault in one visitor's move: it is reported to that visitor in their language with an incident number, logged
 * once, the game keeps the visitor's move, and another visitor's game at the same time is untouched. The fault is
 * real, injected through the per-visitor seam the labs use ({@link SessionModels}): visitor A's own "decoder" has a
 * vocabulary of 10 tokens where the game's has thousands, so reading the chain fails inside the engine.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlayFaultTest extends KaribuSpringTest {

    @Autowired
    private ModelService models;
    @Autowired
    private ApplicationContext context;

    @Test
    void aFaultIsOneVisitorsOnlyToldInTheirLanguageAndLoggedOnce(CapturedOutput output) throws Exception {
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        try {
            // visitor B, in Chinese, on a thread (and Vaadin session) of their own
            call(otherThread, () -> {
                MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
                UI.getCurrent().setLocale(Languages.CHINESE);
                UI.getCurrent().navigate(PlayView.class);
                _click(_get(Button.class, spec -> spec.withId("play-new")));
                return null;
            });

            // visitor A, in English, with a broken decoder
            UI.getCurrent().setLocale(Languages.ENGLISH);
            UI.getCurrent().navigate(PlayView.class);
            _click(_get(Button.class, spec -> spec.withId("play-new")));
            Models shipped = models.shipped();
            SessionModels own = models.visitor().orElseThrow();
            own.use(new Models(Gpt.initialize(ModelConfig.tiny(10), 1), shipped.peeking(), shipped.vocabulary(),
                    shipped.dictionary(), "a broken test model", false));
            play("一心一意");
            String status = status();
            Matcher incident = Pattern.compile("incident ([0-9a-f]{8})").matcher(status);
            assertThat(incident.find()).as(status).isTrue();
            assertThat(status).contains("Something went wrong while the model was answering")
                    .contains("Your game is kept");
            assertThat(history()).hasSize(1);
            assertThat(output.getAll().split("incident " + incident.group(1), -1)).as("logged once").hasSize(2);

            // B plays at the same time, unaffected
            List<String> other = call(otherThread, () -> {
                _setValue(_get(TextField.class, spec -> spec.withId("play-input")), "一心一意");
                _click(_get(Button.class, spec -> spec.withId("play-play")));
                assertThat(status()).doesNotContain("出了问题");
                return history();
            });
            assertThat(other).hasSize(2);
            assertThat(other.get(1)).startsWith("模型意");

            // A's game goes on once the models work again: Play asks the model for its answer
            own.reset();
            _click(_get(Button.class, spec -> spec.withId("play-play")));
            assertThat(history()).hasSize(2);
            assertThat(history().get(1)).startsWith("Model意");
        } finally {
            call(otherThread, () -> {
                MockVaadin.tearDown();
                return null;
            });
            otherThread.shutdownNow();
        }
    }

    private static <T> T call(ExecutorService thread, Callable<T> work) throws Exception {
        try {
            return thread.submit(work).get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw e;
        }
    }

    private static void play(String text) {
        _setValue(_get(TextField.class, spec -> spec.withId("play-input")), text);
        _click(_get(Button.class, spec -> spec.withId("play-play")));
    }

    private static List<String> history() {
        return _get(Div.class, spec -> spec.withId("play-history")).getChildren()
                .map(c -> c.getElement().getTextRecursively()).toList();
    }

    private static String status() {
        return _get(Div.class, spec -> spec.withId("play-status")).getElement().getTextRecursively();
    }
}
