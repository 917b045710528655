package lab.jielong.game;

import lab.jielong.corpus.Idiom;

import java.util.Optional;

/**
 * One line of the history: an accepted idiom, or a computer answer that was not a valid move (an unguided
 * model may answer something that is not an idiom; the game records it and goes on).
 *
 * @param number  1-based position in the history
 * @param side    who moved
 * @param text    the idiom, or the refused answer as normalised
 * @param idiom   the idiom, for accepted moves
 * @param failure why the answer was refused, for failed computer moves
 */
public record Move(int number, Side side, String text, Optional<Idiom> idiom, Optional<Rejection> failure) {

    public boolean accepted() {
        return failure.isEmpty();
    }

    /** "yī xīn yī yì", or empty for a failed answer. */
    public String pinyinText() {
        return idiom.map(Idiom::pinyinText).orElse("");
    }
}
