package lab.jielong.play;

import lab.jielong.game.MoveResult;

import java.util.List;
import java.util.Optional;

/**
 * The computer's move.
 *
 * @param result        what the game made of it: accepted, or a failed move (unguided answers only)
 * @param answer        the text the decoder produced
 * @param guided        whether decoding was restricted to valid unused idioms
 * @param idiom         the answer is a dictionary idiom (it may still break the rules: wrong start, used)
 * @param probabilities the decoder's probability of each character, as streamed
 * @param trace         the decoder's side of the panel, recorded while it wrote: pass it to
 *                      {@link PlayService#panel(ComputerMove)}
 * @param nanos         server time of the move (generate with attention recorded, validate, apply)
 */
public record ComputerMove(MoveResult result, String answer, boolean guided, boolean idiom,
        List<Double> probabilities, Optional<DecoderTrace> trace, long nanos) {

    /** The product of the character probabilities: for guided play the share among valid idioms. */
    public double probability() {
        return probabilities.stream().mapToDouble(Double::doubleValue).reduce(1, (a, b) -> a * b);
    }
}
