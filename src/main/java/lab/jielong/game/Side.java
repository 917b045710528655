package lab.jielong.game;

import java.util.Locale;
import java.util.Optional;

/** Who makes a move. Message key {@code side.<name>} (zh 你 / 模型, en you / the model). */
public enum Side {
    HUMAN('H'), COMPUTER('C');

    /** One letter in a saved game. */
    final char code;

    Side(char code) {
        this.code = code;
    }

    /** The name in links and the JSON API: {@code you} (the human) or {@code model}. */
    public String id() {
        return this == HUMAN ? "you" : "model";
    }

    /** The side a link or an API call names: {@code you}/{@code human} or {@code model}/{@code computer}, any case. */
    public static Optional<Side> parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "you", "human" -> Optional.of(HUMAN);
            case "model", "computer" -> Optional.of(COMPUTER);
            default -> Optional.empty();
        };
    }

    public Side other() {
        return this == HUMAN ? COMPUTER : HUMAN;
    }

    static Side ofCode(char code) {
        for (Side side : values()) {
            if (side.code == code) {
                return side;
            }
        }
        throw new IllegalArgumentException("unknown side code '" + code + "', expected H or C");
    }
}
