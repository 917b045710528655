package lab.jielong.classroom;

import java.util.Optional;

/**
 * The answer to "open a room".
 *
 * @param outcome what happened; message key {@code classroom.opening.<name>}
 * @param code    the new room's code when {@link Outcome#OPENED}
 */
public record Opening(Outcome outcome, Optional<String> code) {

    public enum Outcome {
        OPENED,
        /** As many rooms are open as the server allows ({@code jielong.classroom.max-rooms}). */
        TOO_MANY_ROOMS,
        /** The room store cannot be reached. */
        UNAVAILABLE
    }
}
