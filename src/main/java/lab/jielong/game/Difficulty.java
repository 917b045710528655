package lab.jielong.game;

import java.util.Locale;
import java.util.Optional;

/**
 * How the computer chooses among valid continuations; {@link ChainRules#preference} turns it into a
 * weight per candidate. Message key {@code difficulty.<name>} (zh 易 / 难, en easy / hard).
 */
public enum Difficulty {
    /** Prefers well-known idioms (tier CORE, then COMMON) and avoids leaving the player stuck. */
    EASY('E'),
    /** Prefers idioms whose ending leaves the player few or no continuations (a trap). */
    HARD('H');

    /** One letter in a saved game. */
    final char code;

    Difficulty(char code) {
        this.code = code;
    }

    /** The name in links and the JSON API: {@code easy}, {@code hard}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The difficulty a link or an API call names: its {@link #id()} in any case, or 易 / 难; empty otherwise. */
    public static Optional<Difficulty> parse(String name) {
        String n = name == null ? "" : name.trim();
        for (Difficulty difficulty : values()) {
            if (n.equalsIgnoreCase(difficulty.id()) || n.equals(difficulty == EASY ? "易" : "难")) {
                return Optional.of(difficulty);
            }
        }
        return Optional.empty();
    }

    static Difficulty ofCode(char code) {
        for (Difficulty difficulty : values()) {
            if (difficulty.code == code) {
                return difficulty;
            }
        }
        throw new IllegalArgumentException("unknown difficulty code '" + code + "', expected E or H");
    }
}
