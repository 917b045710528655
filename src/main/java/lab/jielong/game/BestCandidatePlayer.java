package lab.jielong.game;

import java.util.Optional;

/**
 * The non-neural computer: always plays the best candidate for the difficulty (ties: the more frequent
 * idiom). Deterministic, so tests can predict every move.
 */
public final class BestCandidatePlayer implements ComputerPlayer {

    @Override
    public Optional<String> reply(Turn turn) {
        return turn.candidates().list().stream().findFirst().map(Candidate::word);
    }
}
