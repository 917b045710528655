package lab.jielong.work;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounded executor: busy when full, busy when waited too long (and then never run), faults passed through. */
class ModelWorkTest {

    @Test
    void aFullQueueIsRefusedAtOnceAndTheWorkThatWaitedTooLongNeverRuns() throws Exception {
        // the queued occupier may wait this long: long enough for a loaded machine to reach the refused call
        try (ModelWork work = new ModelWork(1, 1, Duration.ofSeconds(5));
                Occupied occupied = Occupied.of(work)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> work.call(() -> "more")).isInstanceOfSatisfying(Busy.class,
                    b -> assertThat(b.reason()).isEqualTo(Busy.Reason.QUEUE_FULL));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once")
                    .isLessThan(Duration.ofMillis(1_000));
            assertThat(work.stats().refused()).isEqualTo(1);
        }
        try (ModelWork work = new ModelWork(1, 4, Duration.ofMillis(100))) {
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            Thread holder = new Thread(() -> work.call(() -> {
                started.countDown();
                return await(hold);
            }));
            holder.start();
            // its own signal, not stats().running(): a pool thread that has not begun yet already counts as active
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean ran = new AtomicBoolean();
            assertThatThrownBy(() -> work.call(() -> ran.getAndSet(true))).isInstanceOfSatisfying(Busy.class,
                    b -> assertThat(b.reason()).isEqualTo(Busy.Reason.WAITED_TOO_LONG));
            assertThat(work.stats().queued()).as("taken out of the queue").isZero();
            hold.countDown();
            holder.join(5000);
            assertThat(work.call(() -> "after")).isEqualTo("after");
            assertThat(ran).as("the refused work never ran").isFalse();
        }
    }

    @Test
    void resultsAndFaultsComeBackToTheCallerAndNestedWorkRunsInPlace() {
        try (ModelWork work = new ModelWork(2, 4, Duration.ofSeconds(5))) {
            assertThat(work.call(() -> Thread.currentThread().getName())).startsWith("jielong-model-");
            IllegalStateException fault = new IllegalStateException("boom");
            assertThatThrownBy(() -> work.call(() -> {
                throw fault;
            })).isSameAs(fault);
            String nested = work.call(() -> work.call(() -> Thread.currentThread().getName()));
            assertThat(nested).as("no second hop, no deadlock").startsWith("jielong-model-");
            assertThat(work.stats().done()).isEqualTo(3);
        }
        assertThat(ModelWork.direct().call(() -> Thread.currentThread().getName()))
                .isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void submittedWorkRunsOnAModelThreadWithoutHoldingTheCallerAndIsBusyLikeTheRest() throws Exception {
        try (ModelWork work = new ModelWork(1, 1, Duration.ofMillis(200))) {
            CompletableFuture<String> ran = work.submit(() -> Thread.currentThread().getName());
            assertThat(ran.get(10, TimeUnit.SECONDS)).startsWith("jielong-model-");
            IllegalStateException fault = new IllegalStateException("boom");
            CompletableFuture<String> failed = work.submit(() -> {
                throw fault;
            });
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasCauseReference(fault);

            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<String> holding = work.submit(() -> {
                started.countDown();
                return await(hold);
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean waitedRan = new AtomicBoolean();
            CompletableFuture<Boolean> waiting = work.submit(() -> waitedRan.getAndSet(true));
            CompletableFuture<String> full = work.submit(() -> "more");
            assertThat(full).as("the queue is full: refused at once").isCompletedExceptionally();
            assertThatThrownBy(full::join).hasCauseInstanceOf(Busy.class);
            assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(Busy.class,
                    b -> assertThat(b.reason()).isEqualTo(Busy.Reason.WAITED_TOO_LONG));
            assertThat(work.stats().queued()).as("taken out of the queue").isZero();
            hold.countDown();
            assertThat(holding.get(10, TimeUnit.SECONDS)).isEqualTo("held");
            assertThat(waitedRan).as("the refused work never ran").isFalse();
            assertThat(work.stats().refused()).isEqualTo(2);
            assertThat(work.stats().submitted()).isEqualTo(5);
        }
        assertThat(ModelWork.direct().submit(() -> Thread.currentThread().getName())).as("in place")
                .isCompletedWithValue(Thread.currentThread().getName());
    }

    @Test
    void aThreadThatMustNeverWaitCannotCallModelWorkButCanSubmitIt() throws Exception {
        try (ModelWork work = new ModelWork(1, 4, Duration.ofSeconds(5))) {
            CompletableFuture<Throwable> called = new CompletableFuture<>();
            CompletableFuture<String> submitted = new CompletableFuture<>();
            Thread shared = new Thread(() -> {
                ModelWork.neverWaitHere();
                try {
                    work.call(() -> "waited");
                    called.complete(null);
                } catch (Throwable t) {
                    called.complete(t);
                }
                work.submit(() -> Thread.currentThread().getName())
                        .whenComplete((name, failure) -> submitted.complete(name));
            }, "shared-by-everyone");
            shared.start();
            assertThat(called.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("shared-by-everyone");
            assertThat(submitted.get(10, TimeUnit.SECONDS)).startsWith("jielong-model-");
            assertThat(work.call(() -> "others still wait")).isEqualTo("others still wait");
        }
    }

    private static String await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "held";
    }
}
