package lab.jielong.game;

import lab.jielong.corpus.Idiom;

/**
 * A valid, unused continuation and how much the computer likes it.
 *
 * @param idiom         the idiom
 * @param preference    weight in (0, 1] from the difficulty ({@link ChainRules#preference}); an engine can
 *                      multiply it into the model's renormalised probability
 * @param continuations how many unused idioms could follow it (in the game's mode): 0 means it is a trap
 */
public record Candidate(Idiom idiom, double preference, int continuations) {

    public String word() {
        return idiom.word();
    }
}
