package lab.jielong.api;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the model work the API does: at most {@code jielong.api.model-slots} computations at once (the machine
 * has few cores, and the pages must stay responsive); a request that finds no free slot within
 * {@code jielong.api.model-wait-millis} is answered 503 {@code BUSY}, not queued without end.
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
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "api.error.BUSY", List.of());
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
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
