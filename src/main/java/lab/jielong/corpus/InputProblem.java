package lab.jielong.corpus;

/**
 * Why a piece of typed text cannot be used. The UI turns each into a sentence in the visitor's language
 * (message key {@code input.<name>}, with {@link CheckedInput#detail()} as its argument).
 */
public enum InputProblem {
    /** Nothing left after removing spaces, zero-width characters and punctuation. */
    EMPTY,
    /** Looks like HTML or XML markup; the detail is the first tag. */
    MARKUP,
    /** Contains characters that are not Han characters; the detail lists the first few of them. */
    NOT_CHINESE,
    /** Not four characters; the detail is the number of characters typed. */
    WRONG_LENGTH,
    /** Longer than a free-text box accepts; the detail is the limit. */
    TOO_LONG,
    /**
     * Four Han characters that a source dictionary knows as a word (一个字典里有的词), but not an idiom the corpus
     * accepts; the detail is the normalised text.
     */
    NOT_AN_IDIOM,
    /** Four Han characters, but not an idiom of the dictionary; the detail is the normalised text. */
    UNKNOWN_IDIOM
}
