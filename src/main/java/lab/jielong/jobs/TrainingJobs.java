package lab.jielong.jobs;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The visitors' training jobs, run so that the players come first. Feature-independent: a job is any
 * {@link Job} (a configuration turned into steps) and a {@link Listener} for its typed events; {@link #submit}
 * gives a {@link Handle} with the job's queue position, state, stop and end. The training lab submits its runs
 * here; any page that trains on the server should.
 *
 * <p>What bounds the training (the limits are {@link JobLimits}, properties {@code jielong.training.*}):
 * <ol>
 *   <li>At most {@code max-jobs} jobs run at once (default 1), each on one thread of this service, and a job
 *       computes on that thread only (the training lab's trainers use one thread each, in turn). So training
 *       never occupies more than {@code max-jobs} cores: on a 2-core server one core stays with the games.
 *       This is the bound that holds.</li>
 *   <li>Those threads run at {@link Thread#MIN_PRIORITY}. That is a hint only: HotSpot on Linux ignores Java
 *       thread priorities unless started with {@code -XX:ThreadPriorityPolicy=1} as root. Bound 1 is what
 *       {@code bench} measures ({@code play_p95_ms_while_training}).</li>
 *   <li>At most {@code queue-size} jobs wait (default 4), first come first served, each told its position;
 *       one job per owner (a visitor's session) queued or running; a job beyond that is refused, so jobs
 *       cannot be started faster than the queue allows.</li>
 *   <li>A job gets at most {@code max-steps} steps (default 2,000) and {@code max-seconds} of running (default
 *       600): {@link Context#nextStep()} says no after that. Its owner can stop it; the page that started it
 *       stops it when it closes, and the end of the owner's session stops all of its jobs ({@link #stopAll}).</li>
 *   <li>A job that throws ends {@link State#FAILED} with its reason, for its owner only; the thread, the queue
 *       and every other job carry on.</li>
 * </ol>
 */
@Service
public class TrainingJobs {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobs.class);

    /** Why a job stopped before it finished by itself. */
    public enum Stop {
        /** Its owner pressed stop. */
        BY_VISITOR,
        /** The page that started it was closed or left. */
        PAGE_CLOSED,
        /** Its owner's session ended. */
        SESSION_ENDED,
        /** It asked for more than {@link JobLimits#maxSteps()} steps. */
        STEP_CAP,
        /** It ran longer than {@link JobLimits#maxTime()}. */
        TIME_CAP,
        /** The server is shutting down. */
        SHUTDOWN
    }

    /** Why a job was not accepted. */
    public enum Refusal {
        /** Its owner already has a job queued or running. */
        OWNER_BUSY,
        /** Every slot is busy and the queue is full. */
        QUEUE_FULL,
        /** The server is shutting down. */
        SHUT_DOWN
    }

    public enum State {
        QUEUED, RUNNING,
        /** Finished by itself. */
        COMPLETED,
        /** Stopped early ({@link End#stop()} says why); the result is what it had done, if it had started. */
        STOPPED,
        /** It threw; {@link End#failure()} says why. */
        FAILED;

        public boolean ended() {
            return this == COMPLETED || this == STOPPED || this == FAILED;
        }
    }

    /**
     * The work: runs on a job thread, asks {@link Context#nextStep()} before each step and stops when told,
     * sends its events through {@link Context#emit}, and returns its result (also when stopped early: what
     * it has done so far). It must not start threads of its own.
     *
     * @param <E> its events
     * @param <R> its result
     */
    @FunctionalInterface
    public interface Job<E, R> {
        R run(Context<E> context) throws Exception;
    }

    /** What a running job sees of the service. */
    public interface Context<E> {
        /**
         * May the job take one more step? Counts the step. False once the job was stopped, or it has taken
         * {@link #maxSteps()} steps, or it has run for {@link JobLimits#maxTime()}.
         */
        boolean nextStep();

        /** Steps a job may take at most: plan a run of at most this many. */
        int maxSteps();

        /** Sends an event to the job's listener (on this thread). */
        void emit(E event);
    }

    /**
     * Hears about one job. {@link #queued} may come from any thread; the others come on the job's thread,
     * except {@link #ended} for a job stopped while it waited (then from the thread that stopped it).
     * Keep each call short. An exception thrown here is logged and does not stop the job.
     */
    public interface Listener<E, R> {
        /** The job waits; position 1 is next. Called on submission and whenever the position changes. */
        default void queued(int position) {
        }

        default void started() {
        }

        void event(E event);

        void ended(End<R> end);
    }

    /**
     * How a job ended.
     *
     * @param result  what the job returned (empty if it failed or never started)
     * @param stop    why it stopped early (with {@link State#STOPPED})
     * @param failure why it failed, in words (with {@link State#FAILED})
     * @param steps   steps it took
     * @param seconds wall time it ran (0 if it never started)
     */
    public record End<R>(State state, Optional<R> result, Optional<Stop> stop, Optional<String> failure, int steps,
            double seconds) {
    }

    /** A submitted job's handle, or why it was refused. */
    public record Submission<E, R>(Optional<Handle<E, R>> handle, Optional<Refusal> refusal) {
        public boolean accepted() {
            return handle.isPresent();
        }
    }

    private final JobLimits limits;
    private final ExecutorService threads;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private final Deque<Handle<?, ?>> waiting = new ArrayDeque<>();
    /** Owner → their queued or running job. Guarded by lock. */
    private final Map<Object, Handle<?, ?>> byOwner = new HashMap<>();
    /** Guarded by lock. */
    private int running;
    private boolean closed;

    @Autowired
    public TrainingJobs(@Value("${jielong.training.max-jobs:1}") int maxJobs,
            @Value("${jielong.training.queue-size:4}") int queueSize,
            @Value("${jielong.training.max-steps:2000}") int maxSteps,
            @Value("${jielong.training.max-seconds:600}") long maxSeconds) {
        this(new JobLimits(maxJobs, queueSize, maxSteps, Duration.ofSeconds(maxSeconds)));
    }

    public TrainingJobs(JobLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        AtomicInteger made = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(limits.maxJobs(), r -> {
            Thread t = new Thread(r, "training-job-" + made.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        log.info("Training jobs: {} at once, {} waiting, {} steps or {} s each", limits.maxJobs(), limits.queueSize(),
                limits.maxSteps(), limits.maxTime().toMillis() / 1000.0);
    }

    public JobLimits limits() {
        return limits;
    }

    /** Jobs running now. */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Jobs waiting now. */
    public int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /**
     * Runs {@code job} for {@code owner} (any value with equals, e.g. the visitor's session) as soon as a slot
     * is free, or refuses it: the owner already has a job queued or running, or the queue is full.
     */
    public <E, R> Submission<E, R> submit(Object owner, Job<E, R> job, Listener<E, R> listener) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(listener, "listener");
        Handle<E, R> handle = new Handle<>(owner, job, listener);
        int position;
        synchronized (lock) {
            if (closed) {
                return refused(Refusal.SHUT_DOWN);
            }
            if (byOwner.containsKey(owner)) {
                return refused(Refusal.OWNER_BUSY);
            }
            if (running < limits.maxJobs()) {
                running++;
                position = 0;
            } else if (waiting.size() < limits.queueSize()) {
                waiting.addLast(handle);
                position = waiting.size();
            } else {
                return refused(Refusal.QUEUE_FULL);
            }
            byOwner.put(owner, handle);
        }
        if (position == 0) {
            try {
                threads.execute(() -> run(handle));
            } catch (RejectedExecutionException e) {         // closed between the check above and here
                synchronized (lock) {
                    running--;
                    byOwner.remove(owner, handle);
                }
                return refused(Refusal.SHUT_DOWN);
            }
        } else {
            handle.tell(l -> l.queued(position));
        }
        return new Submission<>(Optional.of(handle), Optional.empty());
    }

    /** Stops the owner's job, queued or running (e.g. when their session ends); nothing if they have none. */
    public void stopAll(Object owner, Stop reason) {
        Handle<?, ?> handle;
        synchronized (lock) {
            handle = byOwner.get(owner);
        }
        if (handle != null) {
            handle.stop(reason);
        }
    }

    /** The owner's job, queued or running. */
    public Optional<Handle<?, ?>> jobOf(Object owner) {
        synchronized (lock) {
            return Optional.ofNullable(byOwner.get(owner));
        }
    }

    /** Stops every job and the threads (the application is shutting down). */
    @PreDestroy
    public void close() {
        List<Handle<?, ?>> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(waiting);           // the waiting first, so no slot passes to one of them
            byOwner.values().stream().filter(h -> !all.contains(h)).forEach(all::add);
        }
        all.forEach(h -> h.stop(Stop.SHUTDOWN));
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }

    private static <E, R> Submission<E, R> refused(Refusal why) {
        return new Submission<>(Optional.empty(), Optional.of(why));
    }

    // ---------------------------------------------------------------------------------------------

    private <E, R> void run(Handle<E, R> h) {
        h.begin();
        h.tell(Listener::started);
        R result = null;
        String failure = null;
        try {
            result = h.job.run(h);
        } catch (Throwable t) {                           // a failed run must not take the thread or anyone else down
            failure = reason(t);
            log.warn("Training job of {} failed: {}", h.owner, failure, t);
        }
        State state = failure != null ? State.FAILED : h.stopReason() != null ? State.STOPPED : State.COMPLETED;
        h.finish(new End<>(state, Optional.ofNullable(result), Optional.ofNullable(h.stopReason()),
                Optional.ofNullable(failure), h.steps(), h.seconds()));
    }

    /** The failure in words for its owner. */
    private static String reason(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "the server ran out of memory for this run";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** A running job has ended: its slot goes to the next waiting job, if any; returns the queue as it now is. */
    private List<Handle<?, ?>> freeSlot(Handle<?, ?> h) {
        Handle<?, ?> next;
        List<Handle<?, ?>> queue;
        synchronized (lock) {
            byOwner.remove(h.owner, h);
            next = waiting.pollFirst();
            if (next == null) {
                running--;
            }
            queue = new ArrayList<>(waiting);
        }
        if (next != null) {
            Handle<?, ?> started = next;
            threads.execute(() -> run(started));
        }
        return queue;
    }

    /** Tells every waiting job its position. */
    private static void tellPositions(List<Handle<?, ?>> queue) {
        for (int i = 0; i < queue.size(); i++) {
            int position = i + 1;
            queue.get(i).tell(l -> l.queued(position));
        }
    }

    /**
     * One submitted job: its state, its queue position while it waits, stop, and how it ended. The job itself
     * sees it as its {@link Context}.
     */
    public final class Handle<E, R> implements Context<E> {

        private final Object owner;
        private final Job<E, R> job;
        private final Listener<E, R> listener;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile State state = State.QUEUED;
        private volatile Stop stop;
        private volatile int steps;
        private volatile long startNanos;
        private volatile End<R> end;

        private Handle(Object owner, Job<E, R> job, Listener<E, R> listener) {
            this.owner = owner;
            this.job = job;
            this.listener = listener;
        }

        public Object owner() {
            return owner;
        }

        public State state() {
            return state;
        }

        /** 1 = next, 2 = after that …; 0 once it runs or has ended. */
        public int queuePosition() {
            synchronized (lock) {
                int i = 1;
                for (Handle<?, ?> h : waiting) {
                    if (h == this) {
                        return i;
                    }
                    i++;
                }
                return 0;
            }
        }

        /** Stops the job as its owner asked. */
        public void stop() {
            stop(Stop.BY_VISITOR);
        }

        /**
         * Stops the job: a waiting job leaves the queue at once (and never runs); a running one stops at its
         * next {@link Context#nextStep()}. The first reason given is the one reported. Nothing once it has ended.
         */
        public void stop(Stop reason) {
            Objects.requireNonNull(reason, "reason");
            List<Handle<?, ?>> queue;
            synchronized (lock) {
                if (state.ended()) {
                    return;
                }
                if (stop == null) {
                    stop = reason;
                }
                if (!waiting.remove(this)) {
                    return;                               // running (or about to): it stops at its next step
                }
                byOwner.remove(owner, this);
                end = new End<>(State.STOPPED, Optional.empty(), Optional.of(stop), Optional.empty(), 0, 0);
                state = State.STOPPED;
                queue = new ArrayList<>(waiting);
            }
            End<R> how = end;
            tell(l -> l.ended(how));
            done.countDown();
            tellPositions(queue);
        }

        /** How the job ended, once it has. */
        public Optional<End<R>> end() {
            return Optional.ofNullable(end);
        }

        /** Waits up to {@code timeout} for the job to end. */
        public Optional<End<R>> await(Duration timeout) throws InterruptedException {
            done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return end();
        }

        // Context, for the job -------------------------------------------------------------------

        @Override
        public boolean nextStep() {
            if (stop != null) {
                return false;
            }
            if (steps >= limits.maxSteps()) {
                stopFor(Stop.STEP_CAP);
                return false;
            }
            if (System.nanoTime() - startNanos > limits.maxTime().toNanos()) {
                stopFor(Stop.TIME_CAP);
                return false;
            }
            steps++;
            return true;
        }

        @Override
        public int maxSteps() {
            return limits.maxSteps();
        }

        @Override
        public void emit(E event) {
            tell(l -> l.event(event));
        }

        // -----------------------------------------------------------------------------------------

        private void stopFor(Stop reason) {
            synchronized (lock) {
                if (stop == null) {
                    stop = reason;
                }
            }
        }

        private Stop stopReason() {
            return stop;
        }

        private int steps() {
            return steps;
        }

        private double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        private void begin() {
            synchronized (lock) {
                startNanos = System.nanoTime();
                state = State.RUNNING;
            }
        }

        private void finish(End<R> how) {
            synchronized (lock) {
                end = how;
                state = how.state();
            }
            List<Handle<?, ?>> queue = freeSlot(this);
            tell(l -> l.ended(how));
            done.countDown();
            tellPositions(queue);
        }

        private void tell(java.util.function.Consumer<Listener<E, R>> call) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.debug("A training job's listener failed (its page may be gone): {}", e.toString());
            }
        }
    }
}
