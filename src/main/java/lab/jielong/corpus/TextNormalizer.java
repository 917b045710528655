package lab.jielong.corpus;

import com.hankcs.hanlp.HanLP;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one normaliser for everything a visitor types: idiom moves, guess prompts, free text.
 *
 * <p>Steps: Unicode NFKC (full-width letters and compatibility ideographs become ordinary ones); drop
 * whitespace, zero-width characters and punctuation, half- and full-width; map traditional characters to
 * simplified ones with HanLP's table. Then {@link #checkIdiom} or {@link #checkText} says precisely what,
 * if anything, is wrong. Emoji and Latin letters are not dropped: they are reported, so the visitor
 * learns why the text was refused.
 */
public final class TextNormalizer {

    /** How many offending characters a message quotes at most. */
    static final int MAX_QUOTED = 5;
    private static final Pattern MARKUP = Pattern.compile("<\\s*/?\\s*[A-Za-z!][^<>]{0,200}>");

    private TextNormalizer() {
    }

    /** Han characters, with the same ranges as the reference extractor (BMP, Extension A, compatibility, B+). */
    public static boolean isHan(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
    }

    /** Cleans {@code raw}: NFKC, no whitespace, zero-width characters or punctuation, simplified. */
    public static CheckedInput normalize(String raw) {
        String source = raw == null ? "" : raw;
        String cleaned = clean(source);
        String simplified = hasHan(cleaned) ? HanLP.convertToSimplifiedChinese(cleaned) : cleaned;
        boolean converted = !simplified.equals(cleaned);
        return new CheckedInput(source, simplified, null, "", converted, Optional.empty());
    }

    /**
     * Checks {@code raw} as an idiom move: empty, markup, not Chinese, not four characters, a known word but
     * not an idiom, not in the dictionary. A text that is already a dictionary idiom as typed is never "simplified" away from it.
     */
    public static CheckedInput checkIdiom(String raw, IdiomCorpus corpus) {
        CheckedInput input = normalize(raw);
        CheckedInput common = commonProblems(input);
        if (common != null) {
            return common;
        }
        String text = input.text();
        int length = text.codePointCount(0, text.length());
        if (length != Idiom.LENGTH) {
            return input.withProblem(InputProblem.WRONG_LENGTH, Integer.toString(length));
        }
        // HanLP's table is word-based and occasionally too eager (夕惕朝乾 → 夕惕朝干): an idiom as typed wins,
        // and then nothing was converted.
        String typed = clean(input.raw());
        Optional<Idiom> asTyped = corpus.find(typed);
        if (asTyped.isPresent()) {
            return new CheckedInput(input.raw(), typed, null, "", false, asTyped);
        }
        return corpus.find(text).map(input::withIdiom).orElseGet(() -> input.withProblem(
                corpus.isKnownWord(text) ? InputProblem.NOT_AN_IDIOM : InputProblem.UNKNOWN_IDIOM, text));
    }

    /** Checks {@code raw} as free Chinese text of at most {@code maxLength} characters (guess prompts). */
    public static CheckedInput checkText(String raw, int maxLength) {
        CheckedInput input = normalize(raw);
        CheckedInput common = commonProblems(input);
        if (common != null) {
            return common;
        }
        String text = input.text();
        if (text.codePointCount(0, text.length()) > maxLength) {
            return input.withProblem(InputProblem.TOO_LONG, Integer.toString(maxLength));
        }
        return input;
    }

    private static CheckedInput commonProblems(CheckedInput input) {
        Matcher tag = MARKUP.matcher(input.raw());
        if (tag.find()) {
            return input.withProblem(InputProblem.MARKUP, shorten(tag.group()));
        }
        if (input.text().isEmpty()) {
            return input.withProblem(InputProblem.EMPTY, "");
        }
        Set<String> foreign = new LinkedHashSet<>();
        input.text().codePoints().filter(cp -> !isHan(cp)).forEach(cp -> foreign.add(quoted(cp)));
        if (!foreign.isEmpty()) {
            return input.withProblem(InputProblem.NOT_CHINESE,
                    String.join(" ", foreign.stream().limit(MAX_QUOTED).toList()));
        }
        return null;
    }

    /**
     * NFKC, then without whitespace, zero-width characters and punctuation; half of a surrogate pair sent alone
     * (which no keyboard types, but a broken client can send) becomes U+FFFD, so the text stays well-formed.
     */
    private static String clean(String raw) {
        StringBuilder kept = new StringBuilder(raw.length());
        Normalizer.normalize(raw, Normalizer.Form.NFKC).codePoints()
                .map(cp -> Character.getType(cp) == Character.SURROGATE ? 0xFFFD : cp)
                .filter(cp -> !isDropped(cp)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String shorten(String s) {
        int n = s.codePointCount(0, s.length());
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(n <= 24 ? 24 : 23)
                .forEach(cp -> out.append(visible(cp) ? new String(Character.toChars(cp)) : "\uFFFD"));
        return n <= 24 ? out.toString() : out + "…";
    }

    /**
     * A character as a message quotes it: itself when it shows as itself, otherwise its code point ({@code U+D800}
     * for half of a surrogate pair sent alone, a control character, a combining mark with nothing to sit on, a
     * private-use or unassigned one), so a message never carries broken or invisible text.
     */
    static String quoted(int cp) {
        return visible(cp) ? new String(Character.toChars(cp)) : String.format("U+%04X", cp);
    }

    private static boolean visible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.SURROGATE, Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK ->
                false;
            default -> true;
        };
    }

    private static boolean hasHan(String s) {
        return s.codePoints().anyMatch(TextNormalizer::isHan);
    }

    /** Whitespace, zero-width and format characters, and punctuation (Unicode categories P*). */
    static boolean isDropped(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.FORMAT,                       // U+200B..U+200F, U+2060, U+FEFF
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION ->
                true;
            default -> cp == 0xFE0F || cp == 0xFE0E;     // emoji presentation selectors
        };
    }
}
