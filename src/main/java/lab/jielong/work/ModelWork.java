package lab.jielong.work;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one bounded executor for model work: computer moves, hint searches, the side panel's attention runs, guess
 * rounds and continuations, the API's model calls. A fixed number of threads (one per core by default) takes the
 * work from a queue of limited length; a caller waits for its result, so the work of one visitor stays in order
 * and a {@code Game} is never touched by two threads at once.
 *
 * <p>When the queue is full the work is refused at once, and when it waits in the queue longer than
 * {@code wait} it is taken out again: both throw {@link Busy}, which the pages word as "busy, try again" and the
 * API as 503 {@code BUSY}. Work that has started is always waited for (it is bounded by its own budget, and it
 * may be changing the caller's game). Work submitted from a worker thread (a service calling another) runs in
 * place, so nesting cannot deadlock. Training jobs have their own bounded service ({@code jobs.TrainingJobs}).
 *
 * <p>A thread shared by every visitor, such as the pacer's that shows answers at a reading pace, must never wait
 * for model work (one visitor's wait would hold up everyone's display): it marks itself with
 * {@link #neverWaitHere()}, and {@link #call} from it fails at once. Such a thread hands the work over with
 * {@link #submit} and shows the result when it comes.
 */
public final class ModelWork implements AutoCloseable {

    private static final ThreadLocal<Boolean> ON_WORKER = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> NEVER_WAIT = ThreadLocal.withInitial(() -> false);

    private final ThreadPoolExecutor executor;      // null: everything runs in the caller's thread
    private final int threads;
    private final int queueLimit;
    private final long waitNanos;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();

    /**
     * @param threads    model computations at once (at least 1)
     * @param queueLimit work waiting for a thread before more is refused (at least 0)
     * @param wait       longest time work may wait in the queue
     */
    public ModelWork(int threads, int queueLimit, Duration wait) {
        if (threads < 1 || queueLimit < 0 || wait.isNegative()) {
            throw new IllegalArgumentException(
                    "model work needs at least one thread, a queue limit >= 0 and a wait >= 0, "
                            + "got " + threads + ", " + queueLimit + ", " + wait);
        }
        this.threads = threads;
        this.queueLimit = queueLimit;
        this.waitNanos = wait.toNanos();
        AtomicInteger count = new AtomicInteger();
        // a SynchronousQueue-like hand-off when the limit is 0; otherwise a queue of that capacity
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queueLimit == 0 ? new java.util.concurrent.SynchronousQueue<>() : new LinkedBlockingQueue<>(queueLimit),
                r -> {
                    Thread t = new Thread(() -> {
                        ON_WORKER.set(true);
                        r.run();
                    }, "jielong-model-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.executor.prestartAllCoreThreads();
    }

    private ModelWork() {
        this.executor = null;
        this.threads = 0;
        this.queueLimit = 0;
        this.waitNanos = 0;
    }

    /** Everything in the caller's thread, unbounded: for commands, benchmarks and tests of the services alone. */
    public static ModelWork direct() {
        return new ModelWork();
    }

    /** One thread per core, a queue of {@code perThread} per thread. */
    public static ModelWork forCores(int perThread, Duration wait) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ModelWork(cores, cores * perThread, wait);
    }

    /**
     * Runs {@code work} on a model thread and returns its result; its exception, if it throws, is thrown here as
     * it was thrown there.
     *
     * @throws Busy the queue is full, or the work waited longer than allowed and was taken out
     */
    public <T> T call(Supplier<T> work) {
        if (NEVER_WAIT.get()) {
            throw new IllegalStateException("model work called from " + Thread.currentThread().getName()
                    + ", a thread that must never wait for it: submit it instead");
        }
        submitted.incrementAndGet();
        if (executor == null || ON_WORKER.get()) {
            return work.get();
        }
        Task<T> task = new Task<>(work, done);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            throw new Busy(executor.isShutdown() ? Busy.Reason.WAITED_TOO_LONG : Busy.Reason.QUEUE_FULL);
        }
        boolean interrupted = false;
        try {
            try {
                return task.result.get(waitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | InterruptedException e) {
                interrupted = e instanceof InterruptedException;
                if (task.state.compareAndSet(Task.QUEUED, Task.CANCELLED)) {
                    executor.remove(task);
                    refused.incrementAndGet();
                    throw new Busy(Busy.Reason.WAITED_TOO_LONG);
                }
            }
            while (true) {                               // started: it may be changing the caller's state, wait for it
                try {
                    return task.result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts {@code work} on a model thread and returns at once, without waiting: the future completes with its
     * result, or its exception, or {@link Busy} (at once when the queue is full; when it waited longer than allowed,
     * it is taken out of the queue then). In place (completed already) with {@link #direct()} or on a model thread.
     */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        submitted.incrementAndGet();
        if (executor == null || ON_WORKER.get()) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Task<T> task = new Task<>(work, done);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            return CompletableFuture.failedFuture(new Busy(Busy.Reason.QUEUE_FULL));
        }
        CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS).execute(() -> {
            if (task.state.compareAndSet(Task.QUEUED, Task.CANCELLED)) {
                executor.remove(task);
                refused.incrementAndGet();
                task.result.completeExceptionally(new Busy(Busy.Reason.WAITED_TOO_LONG));
            }
        });
        return task.result;
    }

    /**
     * Marks the calling thread as one that must never wait for model work: {@link #call} from it throws
     * {@link IllegalStateException} (a mistake in the code, not a visitor's problem). For threads every visitor
     * shares.
     */
    public static void neverWaitHere() {
        NEVER_WAIT.set(true);
    }

    /**
     * What the executor holds now and has done (work run on its threads, finished or failed; work refused as busy;
     * work handed to it by {@link #call} or {@link #submit}, including work that ran in place).
     */
    public record Stats(int threads, int queueLimit, int running, int queued, long done, long refused, long submitted) {
    }

    public Stats stats() {
        if (executor == null) {
            return new Stats(0, 0, 0, 0, done.get(), refused.get(), submitted.get());
        }
        return new Stats(threads, queueLimit, executor.getActiveCount(), executor.getQueue().size(), done.get(),
                refused.get(), submitted.get());
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** A piece of work that runs only if nobody gave up on it while it was queued. */
    private static final class Task<T> implements Runnable {
        static final int QUEUED = 0, RUNNING = 1, CANCELLED = 2;

        final AtomicInteger state = new AtomicInteger(QUEUED);
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final Supplier<T> work;
        private final AtomicLong done;

        Task(Supplier<T> work, AtomicLong done) {
            this.work = work;
            this.done = done;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            T value;
            try {
                value = work.get();
            } catch (Throwable t) {
                done.incrementAndGet();                  // counted before the caller can see the end
                result.completeExceptionally(t);
                return;
            }
            done.incrementAndGet();
            result.complete(value);
        }
    }
}
