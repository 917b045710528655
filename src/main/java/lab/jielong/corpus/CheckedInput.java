package lab.jielong.corpus;

import java.util.List;
import java.util.Optional;

/**
 * Typed text after {@link TextNormalizer}: the cleaned text, and either nothing wrong or one precise problem.
 *
 * @param raw                      what the visitor typed
 * @param text                     trimmed, without spaces, zero-width characters and punctuation, simplified
 * @param problem                  null when the text is usable
 * @param detail                   what the message should quote (offending characters, a length, a limit)
 * @param convertedFromTraditional traditional characters were mapped to simplified ones (馬到成功 → 马到成功)
 * @param idiom                    the dictionary entry, when the text was checked as an idiom and is one
 */
public record CheckedInput(String raw, String text, InputProblem problem, String detail,
        boolean convertedFromTraditional, Optional<Idiom> idiom) {

    public boolean ok() {
        return problem == null;
    }

    /** The arguments of this problem's message ({@code input.<problem>}), see {@link #messageArgs(InputProblem, String, String)}. */
    public List<Object> messageArgs() {
        return problem == null ? List.of() : messageArgs(problem, text, detail);
    }

    /**
     * The arguments {@code {0} {1}} of the message {@code input.<problem>}; counts are numbers, so a message can
     * say "one character" or "3 characters": NOT_CHINESE: {0} the characters quoted, {1} how many;
     * WRONG_LENGTH: {0} the count, {1} the text; TOO_LONG: {0} the limit; MARKUP: {0} the tag;
     * UNKNOWN_IDIOM: {0} the text; EMPTY none.
     */
    public static List<Object> messageArgs(InputProblem problem, String text, String detail) {
        return switch (problem) {
            case NOT_CHINESE -> List.of(detail, detail.isEmpty() ? 0 : detail.split(" ").length);
            case WRONG_LENGTH -> List.of(number(detail), text);
            case TOO_LONG -> List.of(number(detail));
            case EMPTY -> List.of();
            default -> List.of(detail);
        };
    }

    private static Object number(String detail) {
        try {
            return Integer.parseInt(detail);
        } catch (NumberFormatException e) {
            return detail;
        }
    }

    CheckedInput withProblem(InputProblem problem, String detail) {
        return new CheckedInput(raw, text, problem, detail, convertedFromTraditional, Optional.empty());
    }

    CheckedInput withIdiom(Idiom idiom) {
        return new CheckedInput(raw, text, null, "", convertedFromTraditional, Optional.of(idiom));
    }
}
