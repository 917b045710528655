package lab.jielong.corpus;

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

    CheckedInput withProblem(InputProblem problem, String detail) {
        return new CheckedInput(raw, text, problem, detail, convertedFromTraditional, Optional.empty());
    }

    CheckedInput withIdiom(Idiom idiom) {
        return new CheckedInput(raw, text, null, "", convertedFromTraditional, Optional.of(idiom));
    }
}
