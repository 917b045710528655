package lab.jielong.game;

/** Why a game ended. Message key {@code game.over.<name>.<loser>}, see {@link Outcome#messageKey()}. */
public enum EndReason {
    /** The human gave up. */
    GAVE_UP,
    /** No idiom of the whole dictionary starts with the required character or syllable. */
    DEAD_END,
    /** Idioms start with it, but every one has already been played in this game. */
    EXHAUSTED,
    /** The computer's answers failed {@value Game#MAX_COMPUTER_FAILURES} times (unguided play). */
    TOO_MANY_FAILURES
}
