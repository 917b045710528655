package lab.jielong.work;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenBucket} per client (the API's remote addresses): each holds up to {@code burst} tokens and
 * refills at {@code rate} per second. Buckets that have refilled completely are dropped when the table grows,
 * so the table holds only clients active in the last few seconds.
 */
public final class RateLimiter {

    /** The table is swept of idle buckets when it grows past this. */
    static final int SWEEP_AT = 10_000;

    private final double rate;
    private final int burst;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, int burst) {
        new TokenBucket(ratePerSecond, burst, 0);          // checks the figures
        this.rate = ratePerSecond;
        this.burst = burst;
    }

    /** Takes a token for {@code client} at time {@code nanos} ({@link System#nanoTime()}); false: over the limit. */
    public boolean tryAcquire(String client, long nanos) {
        if (buckets.size() > SWEEP_AT) {
            buckets.values().removeIf(b -> b.full(nanos));
        }
        return buckets.computeIfAbsent(client, c -> new TokenBucket(rate, burst, nanos)).tryTake(nanos);
    }

    /** Seconds until a refused client has a token again (at least 1). */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / rate));
    }

    /** Clients with a bucket now (for tests). */
    int clients() {
        return buckets.size();
    }

    public void clear() {
        buckets.clear();
    }
}
