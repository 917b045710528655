package lab.jielong.work;

import java.io.Serializable;

/**
 * A token bucket: holds up to {@code burst} tokens and refills at {@code rate} per second; an action takes one or
 * is refused. Times are {@link System#nanoTime()} values, passed in so tests can choose them. Thread-safe.
 */
public final class TokenBucket implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double rate;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, int burst, long nanos) {
        if (!(ratePerSecond > 0) || burst <= 0) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and burst, got " + ratePerSecond
                    + " and " + burst);
        }
        this.rate = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = nanos;
    }

    /** Takes a token at time {@code nanos}; false: none left, refused. */
    public synchronized boolean tryTake(long nanos) {
        refill(nanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Refilled completely by {@code nanos}: as if never used. */
    public synchronized boolean full(long nanos) {
        refill(nanos);
        return tokens >= burst;
    }

    /** Seconds until a token is back (at least 1, as {@code Retry-After} counts whole seconds). */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / rate));
    }

    private void refill(long nanos) {
        if (nanos > last) {
            tokens = Math.min(burst, tokens + (nanos - last) / 1e9 * rate);
            last = nanos;
        }
    }
}
