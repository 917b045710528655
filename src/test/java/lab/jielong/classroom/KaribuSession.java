package lab.jielong.classroom;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import org.springframework.context.ApplicationContext;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Another visitor's browser session, for tests with several at once: Karibu-Testing mocks one Vaadin session
 * per thread, so each of these lives on a thread of its own, and {@link #call} runs test code there.
 */
final class KaribuSession implements AutoCloseable {

    private final ExecutorService thread;

    KaribuSession(String name, Routes routes, ApplicationContext context, Locale locale) {
        thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "karibu-" + name));
        submit(() -> {
            MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
            UI.getCurrent().setLocale(locale);
            return null;
        });
    }

    /** Runs {@code work} in this session, after the server push that arrived since (Karibu's round trip). */
    <T> T call(Callable<T> work) {
        return submit(() -> {
            MockVaadin.clientRoundtrip();
            return work.call();
        });
    }

    private <T> T submit(Callable<T> work) {
        try {
            return thread.submit(work).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        try {
            thread.submit(MockVaadin::tearDown).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the session's thread is going away anyway
        }
        thread.shutdownNow();
    }
}
