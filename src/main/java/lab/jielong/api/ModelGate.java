package lab.jielong.api;

import lab.jielong.work.Busy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The API's share of the model work. The computations themselves run on the server's one bounded executor
 * ({@code work.ModelWork}, through the feature services), shared with the pages; this gate lets at most
 * {@code jielong.api.model-slots} API requests into it at once, so API clients cannot fill it alone. A request
 * that finds no free slot within {@code jielong.api.model-wait-millis}, or that the executor refuses as busy
 * ({@link Busy}), is answered 503 {@code BUSY}, never queued without end.
 */
@Component
public class ModelGate {

    private final Semaphore slots;
    private final long waitMillis;

    public ModelGate(ApiProperties properties) {
        this.slots = new Semaphore(properties.modelSlots(), true);
        this.waitMillis = properties.modelWaitMillis();
    }

    /** Runs {@code work} in a slot. */
    <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw busy();
        }
        try {
            return work.get();
        } catch (Busy e) {
            throw busy();
        } finally {
            slots.release();
        }
    }

    private static ApiException busy() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "api.error.BUSY", List.of());
    }

    /** Free slots now (for tests and monitoring). */
    public int available() {
        return slots.availablePermits();
    }

    /** Takes every slot, as a crowd of requests would; for tests of the busy answer. Undo with {@link #release}. */
    public int occupyAll() {
        return slots.drainPermits();
    }

    public void release(int permits) {
        slots.release(permits);
    }
}
