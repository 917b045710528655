package lab.jielong.play;

import lab.jielong.corpus.Idiom;

/**
 * A hint: a valid unused continuation with the decoder's probability for it, renormalised over the valid
 * continuations.
 */
public record Hint(Idiom idiom, double probability) {
}
