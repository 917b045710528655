package lab.jielong.work;

/**
 * The model work cannot be taken now: the queue of {@link ModelWork} is full, or the work waited in it longer
 * than allowed. An answer to pass on to the visitor ("busy, try again"; the API's 503 {@code BUSY}), not a
 * failure: it carries no stack trace.
 */
public final class Busy extends RuntimeException {

    /** The translation key of the visitor's message (pages), and the API's. */
    public static final String MESSAGE_KEY = "work.busy";

    /** Why the work was refused. */
    public enum Reason {
        QUEUE_FULL, WAITED_TOO_LONG
    }

    private final Reason reason;

    Busy(Reason reason) {
        super("model work refused: " + reason, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
