package lab.jielong.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How much training the server allows at once (properties {@code jielong.training.*}, see
 * {@link TrainingJobs}). Validated.
 *
 * @param maxJobs   jobs running at the same time, each on one thread ({@code max-jobs}, default 1)
 * @param queueSize jobs waiting for a free slot, beyond which a new job is refused ({@code queue-size}, default 4)
 * @param maxSteps  steps one job may take ({@code max-steps}, default 2,000)
 * @param maxTime   wall time one job may run ({@code max-seconds}, default 600)
 */
public record JobLimits(int maxJobs, int queueSize, int maxSteps, Duration maxTime) {

    public JobLimits {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxJobs < 1 || queueSize < 0 || maxSteps < 1 || maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("training limits need max-jobs >= 1, queue-size >= 0, max-steps >= 1 "
                    + "and max-seconds > 0, got " + maxJobs + ", " + queueSize + ", " + maxSteps + ", "
                    + maxTime.toSeconds());
        }
    }

    /** The defaults: one job at a time, four waiting, 2,000 steps or ten minutes each. */
    public static JobLimits defaults() {
        return new JobLimits(1, 4, 2_000, Duration.ofMinutes(10));
    }
}
