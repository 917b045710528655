package lab.jielong.game;

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

    static Difficulty ofCode(char code) {
        for (Difficulty difficulty : values()) {
            if (difficulty.code == code) {
                return difficulty;
            }
        }
        throw new IllegalArgumentException("unknown difficulty code '" + code + "', expected E or H");
    }
}
