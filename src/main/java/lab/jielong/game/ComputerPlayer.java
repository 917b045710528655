package lab.jielong.game;

import java.util.Optional;

/**
 * How the computer chooses its move. Implementations: {@link BestCandidatePlayer} (no model, used in tests)
 * and the decoder-backed player of the play service. Must not mutate the game: it returns text, and
 * {@link Game#playComputer(Optional)} validates it like any other move.
 */
public interface ComputerPlayer {

    /**
     * The computer's answer, or empty when it has none (counted as a failed move). An unguided model may
     * return something that is not a valid idiom; the game records it as a failed answer.
     */
    Optional<String> reply(Turn turn);
}
