package lab.jielong.game;

import lab.jielong.corpus.Idiom;

/**
 * A valid, unused continuation, how much the computer likes it, and what playing it would leave the other
 * side (counted in the game's mode, used idioms and the idiom itself left out).
 *
 * @param idiom         the idiom
 * @param preference    weight in (0, 1] from the difficulty ({@link ChainRules#preference}); an engine can
 *                      multiply it into the model's renormalised probability
 * @param continuations how many unused idioms could follow it: 0 means playing it ends the game at once
 * @param wellKnown     how many of those are well-known ({@link ChainRules#isWellKnown})
 * @param wellKnownOpen how many of the well-known ones could themselves be followed
 */
public record Candidate(Idiom idiom, double preference, int continuations, int wellKnown, int wellKnownOpen) {

    public String word() {
        return idiom.word();
    }

    /** Playing it ends the game at once: nothing unused could follow it. */
    public boolean endsTheGame() {
        return continuations == 0;
    }
}
