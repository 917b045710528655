package lab.jielong.work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fills a {@link ModelWork} as a crowd would: every thread busy and every queue place taken by work that waits
 * until {@link #close()}. For tests of the busy answer.
 */
public final class Occupied implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.concurrent.Semaphore started = new java.util.concurrent.Semaphore(0);
    private final List<Thread> callers = new ArrayList<>();

    private Occupied() {
    }

    public static Occupied of(ModelWork work) throws InterruptedException {
        Occupied o = new Occupied();
        ModelWork.Stats stats = work.stats();
        for (int i = 0; i < stats.threads() + stats.queueLimit(); i++) {
            Thread t = new Thread(() -> {
                try {
                    work.call(() -> {
                        o.started.release();
                        try {
                            o.release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    });
                } catch (Busy e) {
                    // a queued one that waited too long: its place is free again, which the test must not rely on
                }
            }, "occupier-" + i);
            t.setDaemon(true);
            t.start();
            o.callers.add(t);
            if (i < stats.threads()) {
                // the threads first, so the rest queue behind them (their own signal: a pool thread that has not
                // begun yet already counts in stats().running())
                if (!o.started.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the pool did not start occupier " + i);
                }
            }
        }
        while (work.stats().queued() < stats.queueLimit()) {
            Thread.sleep(2);
        }
        return o;
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        for (Thread t : callers) {
            t.join(10_000);
        }
    }
}
