package lab.jielong.game;

/** Who makes a move. Message key {@code side.<name>} (zh 你 / 模型, en you / the model). */
public enum Side {
    HUMAN('H'),
    COMPUTER('C');

    /** One letter in a saved game. */
    final char code;

    Side(char code) {
        this.code = code;
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
