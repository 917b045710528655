package lab.jielong.game;

import lab.jielong.corpus.InputProblem;

/**
 * Why a move was refused. The first seven are the normaliser's {@link InputProblem}s under the same names;
 * the rest are the rules of the chain. Message key {@code input.<name>} for the normaliser's problems, {@code move.rejected.<name>} for the rules; see {@link Rejection#messageKey()}.
 */
public enum RejectionReason {
    /** Nothing typed (after removing spaces and punctuation). Does not break the streak. */
    EMPTY,
    /** Markup such as {@code <b>}; detail: the first tag. */
    MARKUP,
    /** Characters that are not Chinese; detail: the first few of them. */
    NOT_CHINESE,
    /** Not four characters; detail: how many were typed. */
    WRONG_LENGTH,
    /** Far longer than any idiom; detail: the limit. */
    TOO_LONG,
    /** Four Chinese characters and a word the dictionaries know, but not an idiom we accept; detail: the text. */
    NOT_AN_IDIOM,
    /** Four Chinese characters, but not an idiom of the dictionary; detail: the normalised text. */
    UNKNOWN_IDIOM,
    /** An idiom, but it does not start with the required character or syllable. */
    WRONG_START,
    /** An idiom already played in this game. */
    ALREADY_USED,
    /**
     * An opening move nothing could follow: the game would be over before the other side moved (a house rule,
     * so that a game never ends on its first move).
     */
    NO_CONTINUATION,
    /** It is the other side's turn. Does not break the streak. */
    NOT_YOUR_TURN,
    /** The game has ended. Does not break the streak. */
    GAME_OVER;

    static RejectionReason of(InputProblem problem) {
        return valueOf(problem.name());
    }

    /** One of the normaliser's problems with the text itself, worded as for any typed text ({@code input.<name>}). */
    boolean isInputProblem() {
        return compareTo(UNKNOWN_IDIOM) <= 0;
    }

    /** Whether a human attempt refused for this reason ends the current streak. */
    boolean breaksStreak() {
        return this != EMPTY && this != NOT_YOUR_TURN && this != GAME_OVER;
    }
}
