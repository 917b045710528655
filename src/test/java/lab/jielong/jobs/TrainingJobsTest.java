package lab.jielong.jobs;

import lab.jielong.jobs.TrainingJobs.End;
import lab.jielong.jobs.TrainingJobs.Handle;
import lab.jielong.jobs.TrainingJobs.Refusal;
import lab.jielong.jobs.TrainingJobs.State;
import lab.jielong.jobs.TrainingJobs.Stop;
import lab.jielong.jobs.TrainingJobs.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job service without a browser or Spring: the queue and its positions, one job per owner, the step and
 * time caps, stop (waiting and running), a failing job, and the end of an owner's session.
 */
class TrainingJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private TrainingJobs jobs;

    @AfterEach
    void close() {
        if (jobs != null) {
            jobs.close();
        }
    }

    /** A job that takes a step each time the test releases one, and returns the steps it took. */
    static final class Stepper implements TrainingJobs.Job<Integer, Integer> {
        final Semaphore permits = new Semaphore(0);
        final CountDownLatch started = new CountDownLatch(1);
        volatile Thread thread;

        @Override
        public Integer run(TrainingJobs.Context<Integer> context) throws InterruptedException {
            thread = Thread.currentThread();
            started.countDown();
            int done = 0;
            while (true) {
                permits.tryAcquire(20, TimeUnit.MILLISECONDS);   // a step's work; a stop is seen within 20 ms
                if (!context.nextStep()) {
                    return done;
                }
                done++;
                context.emit(done);
            }
        }
    }

    /** Records what a listener heard. */
    static final class Heard implements TrainingJobs.Listener<Integer, Integer> {
        final List<Integer> positions = new CopyOnWriteArrayList<>();
        final List<Integer> events = new CopyOnWriteArrayList<>();
        volatile boolean started;
        volatile End<Integer> end;

        @Override
        public void queued(int position) {
            positions.add(position);
        }

        @Override
        public void started() {
            started = true;
        }

        @Override
        public void event(Integer event) {
            events.add(event);
        }

        @Override
        public void ended(End<Integer> how) {
            end = how;
        }
    }

    private static Handle<Integer, Integer> accepted(Submission<Integer, Integer> s) {
        assertThat(s.refusal()).isEmpty();
        return s.handle().orElseThrow();
    }

    @Test
    void oneJobRunsTheOthersWaitInOrderAndSeeTheirPosition() throws Exception {
        jobs = new TrainingJobs(new JobLimits(1, 2, 1_000, Duration.ofMinutes(1)));
        Stepper a = new Stepper(), b = new Stepper(), c = new Stepper();
        Heard ha = new Heard(), hb = new Heard(), hc = new Heard();
        Handle<Integer, Integer> first = accepted(jobs.submit("alice", a, ha));
        assertThat(a.started.await(10, TimeUnit.SECONDS)).isTrue();
        Handle<Integer, Integer> second = accepted(jobs.submit("bob", b, hb));
        Handle<Integer, Integer> third = accepted(jobs.submit("carol", c, hc));

        assertThat(first.state()).isEqualTo(State.RUNNING);
        assertThat(second.queuePosition()).isEqualTo(1);
        assertThat(third.queuePosition()).isEqualTo(2);
        assertThat(hc.positions).containsExactly(2);
        assertThat(jobs.running()).isEqualTo(1);
        assertThat(jobs.waiting()).isEqualTo(2);

        // the queue is full, and a visitor with a job cannot start another
        assertThat(jobs.submit("dave", new Stepper(), new Heard()).refusal()).contains(Refusal.QUEUE_FULL);
        assertThat(jobs.submit("bob", new Stepper(), new Heard()).refusal()).contains(Refusal.OWNER_BUSY);
        assertThat(jobs.submit("alice", new Stepper(), new Heard()).refusal()).contains(Refusal.OWNER_BUSY);

        first.stop();
        assertThat(first.await(WAIT)).map(End::state).contains(State.STOPPED);
        assertThat(b.started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(hb.started).isTrue();
        assertThat(third.queuePosition()).isEqualTo(1);
        assertThat(hc.positions).containsExactly(2, 1);
        assertThat(c.started.getCount()).as("carol still waits").isEqualTo(1);

        // alice's job has ended: she may start again, behind carol
        Handle<Integer, Integer> again = accepted(jobs.submit("alice", new Stepper(), new Heard()));
        assertThat(again.queuePosition()).isEqualTo(2);
    }

    @Test
    void aStoppedRunningJobKeepsWhatItDidAndAStoppedWaitingJobNeverRuns() throws Exception {
        jobs = new TrainingJobs(new JobLimits(1, 4, 1_000, Duration.ofMinutes(1)));
        Stepper a = new Stepper(), b = new Stepper();
        Heard ha = new Heard(), hb = new Heard();
        Handle<Integer, Integer> running = accepted(jobs.submit("alice", a, ha));
        Handle<Integer, Integer> waiting = accepted(jobs.submit("bob", b, hb));
        a.permits.release(3);
        while (ha.events.size() < 3) {
            Thread.sleep(5);
        }

        waiting.stop();
        assertThat(waiting.state()).isEqualTo(State.STOPPED);
        assertThat(hb.end.stop()).contains(Stop.BY_VISITOR);
        assertThat(hb.end.result()).isEmpty();
        assertThat(jobs.waiting()).isZero();

        running.stop();
        End<Integer> end = running.await(WAIT).orElseThrow();
        assertThat(end.state()).isEqualTo(State.STOPPED);
        assertThat(end.stop()).contains(Stop.BY_VISITOR);
        assertThat(end.result()).hasValueSatisfying(steps -> assertThat(steps).isGreaterThanOrEqualTo(3));
        assertThat(ha.end).isEqualTo(end);
        assertThat(hb.started).as("bob's job left the queue before it ran").isFalse();
        assertThat(b.started.getCount()).isEqualTo(1);
        assertThat(jobs.running()).isZero();
    }

    @Test
    void theStepCapEndsAJobThatAsksForMore() throws Exception {
        jobs = new TrainingJobs(new JobLimits(1, 0, 5, Duration.ofMinutes(1)));
        Heard heard = new Heard();
        Handle<Integer, Integer> greedy = accepted(jobs.submit("alice", context -> {
            int n = 0;
            while (context.nextStep()) {
                context.emit(++n);
            }
            return n;
        }, heard));
        End<Integer> end = greedy.await(WAIT).orElseThrow();
        assertThat(end.state()).isEqualTo(State.STOPPED);
        assertThat(end.stop()).contains(Stop.STEP_CAP);
        assertThat(end.result()).contains(5);
        assertThat(end.steps()).isEqualTo(5);
        assertThat(heard.events).containsExactly(1, 2, 3, 4, 5);

        // a job planned within the cap completes
        Handle<Integer, Integer> planned = accepted(jobs.submit("bob", context -> {
            int n = 0;
            for (int i = 0; i < context.maxSteps() && context.nextStep(); i++) {
                n++;
            }
            return n;
        }, new Heard()));
        End<Integer> done = planned.await(WAIT).orElseThrow();
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.stop()).isEmpty();
        assertThat(done.result()).contains(5);
    }

    @Test
    void theTimeCapEndsASlowJob() throws Exception {
        jobs = new TrainingJobs(new JobLimits(1, 0, 1_000_000, Duration.ofMillis(200)));
        Handle<Integer, Integer> slow = accepted(jobs.submit("alice", context -> {
            int n = 0;
            while (context.nextStep()) {
                Thread.sleep(10);
                n++;
            }
            return n;
        }, new Heard()));
        End<Integer> end = slow.await(WAIT).orElseThrow();
        assertThat(end.stop()).contains(Stop.TIME_CAP);
        assertThat(end.result()).hasValueSatisfying(n -> assertThat(n).isBetween(1, 1_000));
    }

    @Test
    void aFailingJobTellsItsOwnerWhyAndTheNextJobRunsOnTheSameThread() throws Exception {
        jobs = new TrainingJobs(new JobLimits(1, 2, 1_000, Duration.ofMinutes(1)));
        Stepper blocker = new Stepper();
        Handle<Integer, Integer> first = accepted(jobs.submit("zoe", blocker, new Heard()));
        assertThat(blocker.started.await(10, TimeUnit.SECONDS)).isTrue();
        Heard failed = new Heard();
        Handle<Integer, Integer> failing = accepted(jobs.submit("alice", context -> {
            context.nextStep();
            throw new IllegalStateException("the text has no characters the model knows");
        }, failed));
        Heard fine = new Heard();
        Handle<Integer, Integer> next = accepted(jobs.submit("bob", context -> {
            int n = 0;
            for (int i = 0; i < 3 && context.nextStep(); i++) {
                n++;
            }
            return n;
        }, fine));
        first.stop();

        End<Integer> end = failing.await(WAIT).orElseThrow();
        assertThat(end.state()).isEqualTo(State.FAILED);
        assertThat(end.failure()).contains("the text has no characters the model knows");
        assertThat(failed.end).isEqualTo(end);
        assertThat(next.await(WAIT)).map(End::state).contains(State.COMPLETED);
        assertThat(fine.end.result()).contains(3);
        assertThat(first.end()).map(End::state).contains(State.STOPPED);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheJob() throws Exception {
        jobs = new TrainingJobs(new JobLimits(1, 0, 3, Duration.ofMinutes(1)));
        TrainingJobs.Listener<Integer, Integer> broken = new TrainingJobs.Listener<>() {
            @Override
            public void event(Integer event) {
                throw new IllegalStateException("the page is gone");
            }

            @Override
            public void ended(End<Integer> end) {
                throw new IllegalStateException("the page is gone");
            }
        };
        Handle<Integer, Integer> h = accepted(jobs.submit("alice", context -> {
            int n = 0;
            while (context.nextStep()) {
                context.emit(++n);
            }
            return n;
        }, broken));
        assertThat(h.await(WAIT).flatMap(End::result)).contains(3);
        assertThat(jobs.running()).isZero();
    }

    @Test
    void theEndOfASessionStopsItsJobsOnly() throws Exception {
        jobs = new TrainingJobs(new JobLimits(1, 4, 1_000, Duration.ofMinutes(1)));
        Stepper a = new Stepper();
        Heard ha = new Heard(), hb = new Heard();
        Handle<Integer, Integer> alice = accepted(jobs.submit("alice", a, ha));
        assertThat(a.started.await(10, TimeUnit.SECONDS)).isTrue();
        Stepper b = new Stepper();
        Handle<Integer, Integer> bob = accepted(jobs.submit("bob", b, hb));
        Handle<Integer, Integer> carol = accepted(jobs.submit("carol", new Stepper(), new Heard()));

        jobs.stopAll("bob", Stop.SESSION_ENDED);            // bob's session ends while he waits
        assertThat(bob.state()).isEqualTo(State.STOPPED);
        assertThat(hb.end.stop()).contains(Stop.SESSION_ENDED);
        assertThat(carol.queuePosition()).isEqualTo(1);

        jobs.stopAll("alice", Stop.SESSION_ENDED);          // alice's session ends while she trains
        End<Integer> end = alice.await(WAIT).orElseThrow();
        assertThat(end.stop()).contains(Stop.SESSION_ENDED);
        assertThat(jobs.jobOf("alice")).isEmpty();
        assertThat(jobs.jobOf("bob")).isEmpty();
        assertThat(jobs.jobOf("carol")).map(Handle::state).isPresent();
        jobs.stopAll("nobody", Stop.SESSION_ENDED);         // no job: nothing happens
        carol.stop();
        assertThat(carol.await(WAIT)).isPresent();
        assertThat(b.started.getCount()).isEqualTo(1);
    }

    @Test
    void jobsRunOnFewLowPriorityDaemonThreads() throws Exception {
        jobs = new TrainingJobs(new JobLimits(2, 2, 1_000, Duration.ofMinutes(1)));
        Stepper a = new Stepper(), b = new Stepper(), c = new Stepper();
        Handle<Integer, Integer> ha = accepted(jobs.submit("a", a, new Heard()));
        Handle<Integer, Integer> hb = accepted(jobs.submit("b", b, new Heard()));
        Handle<Integer, Integer> hc = accepted(jobs.submit("c", c, new Heard()));
        assertThat(a.started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(b.started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(hc.queuePosition()).as("two at once, the third waits").isEqualTo(1);
        for (Thread t : List.of(a.thread, b.thread)) {
            assertThat(t.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).startsWith("training-job-");
        }
        assertThat(a.thread).isNotSameAs(b.thread);
        ha.stop();
        assertThat(c.started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(c.thread.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
        hb.stop();
        hc.stop();
        assertThat(hc.await(WAIT)).isPresent();
    }

    @Test
    void closingStopsEverythingAndRefusesNewJobs() throws Exception {
        jobs = new TrainingJobs(new JobLimits(1, 1, 1_000, Duration.ofMinutes(1)));
        Stepper a = new Stepper();
        Heard ha = new Heard(), hb = new Heard();
        Handle<Integer, Integer> running = accepted(jobs.submit("a", a, ha));
        Handle<Integer, Integer> waiting = accepted(jobs.submit("b", new Stepper(), hb));
        assertThat(a.started.await(10, TimeUnit.SECONDS)).isTrue();
        jobs.close();
        assertThat(running.await(WAIT).flatMap(End::stop)).contains(Stop.SHUTDOWN);
        assertThat(waiting.end().flatMap(End::stop)).contains(Stop.SHUTDOWN);
        assertThat(jobs.submit("c", new Stepper(), new Heard()).refusal()).isEqualTo(Optional.of(Refusal.SHUT_DOWN));
    }

    @Test
    void limitsAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JobLimits(0, 1, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-jobs");
    }
}
