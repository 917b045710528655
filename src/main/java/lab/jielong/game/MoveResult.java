package lab.jielong.game;

import java.util.Optional;

/**
 * What happened when a move was offered.
 *
 * @param move                     the history line added: an accepted idiom, or a failed computer answer;
 *                                 empty when a human attempt was refused (refused attempts stay out of the history)
 * @param rejection                why the move was refused, if it was
 * @param outcome                  how the game ended, if this move ended it
 * @param convertedFromTraditional the text was typed in traditional characters and simplified (馬到成功 → 马到成功)
 */
public record MoveResult(Optional<Move> move, Optional<Rejection> rejection, Optional<Outcome> outcome,
        boolean convertedFromTraditional) {

    public boolean accepted() {
        return rejection.isEmpty();
    }
}
