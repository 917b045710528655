package lab.jielong.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** A fixed set of worker threads that run task 0..n-1 of a step; the caller runs task 0 itself. */
public final class Parallel implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "engine-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Runs task(i) for i in 0..threads-1 concurrently and waits for all. */
    public void forEachThread(IntConsumer task) {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 1; i < threads; i++) {
            int id = i;
            futures.add(pool.submit(() -> task.accept(id)));
        }
        task.accept(0);
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** [from, to) of part i when n items are split into {@link #threads()} parts. */
    public int start(int n, int i) {
        return (int) ((long) n * i / threads);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
