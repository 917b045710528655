package lab.jielong.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import jakarta.annotation.PreDestroy;
import lab.jielong.work.ModelWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Shows a sequence of updates one after another at a reading pace, through server push, without holding a
 * thread while it waits. The model writes an answer in about a millisecond; pacing its characters lets the
 * visitor see that it writes them one at a time, left to right.
 *
 * <p>One thread paces every visitor's updates, so it only ever shows: a step must not compute with the models
 * (the thread is marked {@link ModelWork#neverWaitHere()}, so a step that asks them fails at once). Model work
 * whose result ends the sequence is started beforehand on {@link ModelWork} ({@link ModelWork#submit}) and handed
 * over as a future; its result is shown once both it and the steps are done.
 *
 * <p>{@code jielong.ui.pace-ms=0} (the browserless tests) runs every step at once, in the caller's thread, and
 * waits there for the model work.
 */
@Component
public class Pacer {

    private final long paceMillis;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(() -> {
            ModelWork.neverWaitHere();
            r.run();
        }, "jielong-pacer");
        thread.setDaemon(true);
        return thread;
    });

    public Pacer(@Value("${jielong.ui.pace-ms:140}") long paceMillis) {
        this.paceMillis = paceMillis;
    }

    /** Runs {@code steps} in {@code ui}'s session, one per pace, then {@code done}. */
    public void play(UI ui, List<Runnable> steps, Runnable done) {
        play(ui, steps, CompletableFuture.completedFuture(null), (result, failure) -> done.run());
    }

    /**
     * Runs {@code steps} in {@code ui}'s session, one per pace, then {@code done} with the result of {@code after}
     * (model work already started), or its failure (its cause, such as {@code work.Busy}, not a wrapper), once
     * both the steps are shown and the work is over. No thread waits for the work meanwhile.
     */
    public <T> void play(UI ui, List<Runnable> steps, CompletableFuture<T> after, BiConsumer<T, Throwable> done) {
        if (paceMillis <= 0) {
            steps.forEach(Runnable::run);
            T result;
            try {
                result = after.get();
            } catch (ExecutionException e) {
                done.accept(null, e.getCause());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.accept(null, e);
                return;
            }
            done.accept(result, null);
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            schedule(ui, steps.get(i), i + 1);
        }
        // after the last step: the work's result, shown on this thread as soon as it is there
        scheduler.schedule(() -> after.whenComplete((result, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            try {
                scheduler.execute(() -> access(ui, () -> done.accept(result, cause)));
            } catch (RejectedExecutionException e) {
                // shutting down: nothing left to show
            }
        }), paceMillis * (steps.size() + 1), TimeUnit.MILLISECONDS);
    }

    private void schedule(UI ui, Runnable step, int paces) {
        scheduler.schedule(() -> access(ui, step), paceMillis * paces, TimeUnit.MILLISECONDS);
    }

    private static void access(UI ui, Runnable step) {
        try {
            ui.access(step::run);
        } catch (UIDetachedException e) {
            // the visitor closed the tab or navigated away: nothing left to show
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
