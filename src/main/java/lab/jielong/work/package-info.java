/**
 * Limits on the work visitors can cause, shared by every feature without knowing any: {@link ModelWork}, the
 * one bounded executor that runs model computations (a thread per core, a queue with a limit, "busy" when it
 * is full), and the token buckets ({@link TokenBucket}, {@link RateLimiter}) behind the per-visitor and
 * per-client rate limits. Plain Java with a Spring configuration; features, the API and the pages' frame use
 * it, and it uses none of them.
 */
package lab.jielong.work;
