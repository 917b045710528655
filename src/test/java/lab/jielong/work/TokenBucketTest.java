package lab.jielong.work;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket behind the per-visitor and per-client limits, on a clock the test moves. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).as("the burst is spent").isFalse();
        assertThat(bucket.tryTake(SECOND / 4)).as("half a token back").isFalse();
        assertThat(bucket.tryTake(SECOND / 2)).as("one token back after half a second at 2/s").isTrue();
        assertThat(bucket.full(10 * SECOND)).isTrue();
        assertThat(bucket.tryTake(5 * SECOND)).as("a clock that goes back gives nothing").isTrue();
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(1, 1);
        assertThat(limiter.tryAcquire("a", 0)).isTrue();
        assertThat(limiter.tryAcquire("a", 0)).isFalse();
        assertThat(limiter.tryAcquire("b", 0)).isTrue();
        assertThat(limiter.clients()).isEqualTo(2);
        assertThat(limiter.retryAfterSeconds()).isEqualTo(1);
    }
}
