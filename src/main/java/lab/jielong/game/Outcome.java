package lab.jielong.game;

import java.util.List;
import java.util.Optional;

/**
 * How a game ended: the side that could not (or would not) go on loses.
 *
 * @param winner   the side that won
 * @param reason   why the game ended
 * @param required what the loser had to start with, for {@link EndReason#DEAD_END} and {@link EndReason#EXHAUSTED}
 */
public record Outcome(Side winner, EndReason reason, Optional<Requirement> required) {

    public Side loser() {
        return winner.other();
    }

    /** {@code game.over.<REASON>.<LOSER>}, e.g. {@code game.over.DEAD_END.HUMAN}. */
    public String messageKey() {
        return "game.over." + reason.name() + "." + loser().name();
    }

    /**
     * {0} the required start (character or syllable, as {@link Requirement#display()}), {1} the idiom that
     * could not be continued, {2} the mode ({@code SAME_CHARACTER} …); empty strings when there is no requirement.
     */
    public List<String> messageArgs() {
        return List.of(required.map(Requirement::display).orElse(""),
                required.map(r -> r.previous().word()).orElse(""),
                required.map(r -> r.mode().name()).orElse(""));
    }
}
