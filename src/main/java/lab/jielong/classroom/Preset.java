package lab.jielong.classroom;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import lab.jielong.game.Difficulty;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Side;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a leader pushes to everyone in the room: a page and its settings. {@link #location()} is the link the
 * attendee's page opens, relative to the application's root:
 * <ul>
 *   <li>{@link Play}: {@code ?mode=same_syllable&difficulty=hard&opener=human&guided=true} on Play ({@code /});
 *       the values are the lower-case names of {@link MatchMode}, {@link Difficulty} and {@link Side}.</li>
 *   <li>{@link Guess}: {@code guess?prefix=一心一} (no {@code prefix}: a random idiom).</li>
 *   <li>{@link Lab}: {@code labs/<lab>?prompt=…}, e.g. {@code labs/snowball?prompt=一心一}.</li>
 * </ul>
 * When the leader locks the preset, pages should apply it and keep the controls it names fixed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "page")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Preset.Play.class, name = "play"),
        @JsonSubTypes.Type(value = Preset.Guess.class, name = "guess"),
        @JsonSubTypes.Type(value = Preset.Lab.class, name = "lab")})
public sealed interface Preset {

    /** How long a prefix or prompt may be (the models' context is 32 tokens). */
    int MAX_TEXT = 32;

    /** The link to the page with these settings, relative to the application's root (no leading slash). */
    String location();

    /** 成语接龙 on Play with these settings. */
    record Play(MatchMode mode, Difficulty difficulty, Side opener, boolean guided) implements Preset {
        public Play {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(difficulty, "difficulty");
            Objects.requireNonNull(opener, "opener");
        }

        @Override
        public String location() {
            return "?mode=" + mode.id() + "&difficulty=" + difficulty.id() + "&opener=" + opener.id()
                    + "&guided=" + guided;
        }
    }

    /** Guess the next character, starting from {@code prefix} (empty: a random idiom). */
    record Guess(String prefix) implements Preset {
        public Guess {
            prefix = text(prefix);
        }

        @Override
        public String location() {
            return prefix.isEmpty() ? "guess" : "guess?prompt=" + encode(prefix);
        }
    }

    /** A lab ({@code labs/<lab>}) opened with {@code prompt} (empty: the lab's own default). */
    record Lab(String lab, String prompt) implements Preset {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

        public Lab {
            if (lab == null || !NAME.matcher(lab).matches()) {
                throw new IllegalArgumentException(
                        "a lab is named by its route under labs/, e.g. snowball; got " + lab);
            }
            prompt = text(prompt);
        }

        @Override
        public String location() {
            return "labs/" + lab + (prompt.isEmpty() ? "" : "?prompt=" + encode(prompt));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A leader's text, trimmed, without control characters, at most {@link #MAX_TEXT} code points. */
    private static String text(String raw) {
        if (raw == null) {
            return "";
        }
        String cleaned = raw.codePoints().filter(cp -> !Character.isISOControl(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return cleaned.codePointCount(0, cleaned.length()) <= MAX_TEXT ? cleaned
                : cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX_TEXT));
    }
}
