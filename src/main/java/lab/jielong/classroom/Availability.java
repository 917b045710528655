package lab.jielong.classroom;

/** Whether a room can be used. Message key {@code classroom.availability.<name>}. */
public enum Availability {
    /** The room exists and accepts events. */
    OPEN,
    /** No room has this code any more: it expired or its leader closed it. */
    ENDED,
    /** The room store (Redis) cannot be reached; the room may well still exist. */
    UNAVAILABLE
}
