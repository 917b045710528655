package lab.jielong.labs.scaling;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most one visitor's point trains at a time, on one low-priority thread (one training thread, so the
 * other core stays free for play). A second request while one runs is refused, not queued. Cancelling
 * stops the job between two steps.
 */
final class SingleSlotPointJobs implements PointJobs, AutoCloseable {

    private final PointRunner runner;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scaling-extra-point");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    SingleSlotPointJobs(PointRunner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<Job> submit(GridDesign design, GridPoint point, Listener listener) {
        if (!busy.compareAndSet(false, true)) {
            return Optional.empty();
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        thread.execute(() -> {
            try {
                PointRecord r = runner.run(design, point, 1, listener::step, cancelled::get);
                busy.set(false);
                listener.done(r);
            } catch (CancellationException e) {
                busy.set(false);
                listener.cancelled();
            } catch (RuntimeException e) {
                busy.set(false);
                listener.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        });
        return Optional.of(() -> cancelled.set(true));
    }

    @Override
    public boolean hasFreeSlot() {
        return !busy.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
