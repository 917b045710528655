package lab.jielong.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client: each holds up to {@code burst} tokens and refills at {@code rate} per second; a
 * request takes one or is refused. Buckets that have refilled completely are dropped when the table grows,
 * so the table holds only clients active in the last few seconds.
 */
final class RateLimiter {

    /** The table is swept of idle buckets when it grows past this. */
    static final int SWEEP_AT = 10_000;

    private final double rate;
    private final double burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double ratePerSecond, int burst) {
        this.rate = ratePerSecond;
        this.burst = burst;
    }

    /** Takes a token for {@code client} at time {@code nanos} ({@link System#nanoTime()}); false: over the limit. */
    boolean tryAcquire(String client, long nanos) {
        if (buckets.size() > SWEEP_AT) {
            buckets.values().removeIf(b -> b.full(nanos));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(nanos)).take(nanos);
    }

    /** Seconds until {@code client} has a token again (at least 1, as {@code Retry-After} counts whole seconds). */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / rate));
    }

    void clear() {
        buckets.clear();
    }

    private final class Bucket {
        private double tokens = burst;
        private long last;

        Bucket(long nanos) {
            this.last = nanos;
        }

        synchronized boolean take(long nanos) {
            refill(nanos);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean full(long nanos) {
            refill(nanos);
            return tokens >= burst;
        }

        private void refill(long nanos) {
            tokens = Math.min(burst, tokens + (nanos - last) / 1e9 * rate);
            last = nanos;
        }
    }
}
