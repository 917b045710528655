package lab.jielong.play;

import lab.jielong.corpus.Idiom;

/**
 * A hint: a valid unused continuation with the decoder's probability for it, renormalised over the valid
 * continuations, and how many idioms could follow it.
 *
 * @param continuations unused idioms that could follow it; 0: playing it ends the game at once (a win, and
 *                      the end of the fun)
 */
public record Hint(Idiom idiom, double probability, int continuations) {

    /** Playing it ends the game at once: nothing could follow it. */
    public boolean endsTheGame() {
        return continuations == 0;
    }
}
