package lab.jielong.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a sequence of updates one after another at a reading pace, through server push, without holding a
 * thread while it waits. The model writes an answer in about a millisecond; pacing its characters lets the
 * visitor see that it writes them one at a time, left to right.
 *
 * <p>{@code jielong.ui.pace-ms=0} (the browserless tests) runs every step at once, in the caller's thread.
 */
@Component
public class Pacer {

    private final long paceMillis;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jielong-pacer");
        thread.setDaemon(true);
        return thread;
    });

    public Pacer(@Value("${jielong.ui.pace-ms:140}") long paceMillis) {
        this.paceMillis = paceMillis;
    }

    /** Runs {@code steps} in {@code ui}'s session, one per pace, then {@code done}. */
    public void play(UI ui, List<Runnable> steps, Runnable done) {
        if (paceMillis <= 0) {
            steps.forEach(Runnable::run);
            done.run();
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            schedule(ui, steps.get(i), i + 1);
        }
        schedule(ui, done, steps.size() + 1);
    }

    private void schedule(UI ui, Runnable step, int paces) {
        scheduler.schedule(() -> {
            try {
                ui.access(step::run);
            } catch (UIDetachedException e) {
                // the visitor closed the tab or navigated away: nothing left to show
            }
        }, paceMillis * paces, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
