package lab.jielong.work;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The limits on visitors' work ({@code jielong.work.*}).
 *
 * @param threads      model computations at once; default: the number of cores
 * @param queue        model work waiting for a thread before more is refused as busy; default 32 per thread (a move is two pieces: the answer, then the panel)
 * @param queueWait    longest wait in that queue before the work is refused as busy; default 3 s
 * @param visitorRate  actions a visitor (one browser session) may start per second on Play and Guess: moves, hints,
 *                     clicks in the side panel; rounds, guesses, steps; default 4
 * @param visitorBurst actions a visitor may start at once before the rate applies; default 12
 */
@ConfigurationProperties("jielong.work")
public record WorkProperties(Integer threads, Integer queue, Duration queueWait, Double visitorRate,
        Integer visitorBurst) {

    public WorkProperties {
        threads = threads == null || threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (threads < 1) {
            throw new IllegalArgumentException("jielong.work.threads must be positive, got " + threads);
        }
        queue = queue == null ? 32 * threads : queue;
        if (queue < 0) {
            throw new IllegalArgumentException("jielong.work.queue must be 0 or more, got " + queue);
        }
        queueWait = queueWait == null ? Duration.ofSeconds(3) : queueWait;
        if (queueWait.isNegative()) {
            throw new IllegalArgumentException("jielong.work.queue-wait must not be negative, got " + queueWait);
        }
        visitorRate = visitorRate == null ? 4.0 : visitorRate;
        if (!(visitorRate > 0)) {
            throw new IllegalArgumentException("jielong.work.visitor-rate must be positive, got " + visitorRate);
        }
        visitorBurst = visitorBurst == null ? 12 : visitorBurst;
        if (visitorBurst < 1) {
            throw new IllegalArgumentException("jielong.work.visitor-burst must be positive, got " + visitorBurst);
        }
    }
}
