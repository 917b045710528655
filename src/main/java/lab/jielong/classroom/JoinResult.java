package lab.jielong.classroom;

import java.util.Optional;

/**
 * The answer to "join the room with this code".
 *
 * @param outcome what happened; message key {@code join.outcome.<name>} with {0} the code
 * @param code    the code as understood (normalised), or as typed when it cannot be a room code
 * @param seat    the attendee's seat when {@link Outcome#JOINED}
 */
public record JoinResult(Outcome outcome, String code, Optional<Seat> seat) {

    public enum Outcome {
        JOINED,
        /** Nothing was typed. */
        NO_CODE,
        /** Not {@link RoomCodes#LENGTH} letters and digits. */
        WRONG_LENGTH,
        /** It contains 0, O, 1, I or L, which codes never use because they are easily confused. */
        AMBIGUOUS,
        /** It contains characters that are not letters or digits. */
        NOT_A_CODE,
        /** No open room has this code: never opened, expired, or closed. */
        NO_SUCH_ROOM,
        /** The room has as many attendees as it may hold. */
        FULL,
        /** The room store cannot be reached. */
        UNAVAILABLE
    }

    static JoinResult of(Outcome outcome, String code) {
        return new JoinResult(outcome, code, Optional.empty());
    }
}
