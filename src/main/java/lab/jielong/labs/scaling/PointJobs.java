package lab.jielong.labs.scaling;

import java.util.Optional;

/**
 * Where a visitor's extra point is trained. Today {@link SingleSlotPointJobs}: one job at a time on one
 * thread of this server. The training lab's shared job service (a queue with positions, step caps,
 * cancel, typed step events) will implement this interface, and {@link ScalingService} will take it
 * instead, with no change to the page.
 */
public interface PointJobs {

    /** What the page hears about a job; called on the job's thread. */
    interface Listener {
        void step(int step, int steps, double loss);

        void done(PointRecord record);

        void cancelled();

        void failed(String message);
    }

    /** A running job. */
    interface Job {
        void cancel();
    }

    /** Starts the point if a slot is free; empty when all slots are busy. */
    Optional<Job> submit(GridDesign design, GridPoint point, Listener listener);

    /** Whether a new job would start now. */
    boolean hasFreeSlot();
}
