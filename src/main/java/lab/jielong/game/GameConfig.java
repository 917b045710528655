package lab.jielong.game;

import java.util.Objects;

/**
 * The choices made when a game starts.
 *
 * @param mode       how moves join, {@link MatchMode#SAME_CHARACTER} by default
 * @param difficulty how the computer chooses
 * @param opener     who makes the first move
 * @param guided     whether the computer's model is restricted to valid idioms; the rules ignore it, the
 *                   computer player reads it (an unguided model may answer something invalid)
 */
public record GameConfig(MatchMode mode, Difficulty difficulty, Side opener, boolean guided) {

    public GameConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(difficulty, "difficulty");
        Objects.requireNonNull(opener, "opener");
    }

    /** 同字, easy, the human opens, guided. */
    public static GameConfig defaults() {
        return new GameConfig(MatchMode.SAME_CHARACTER, Difficulty.EASY, Side.HUMAN, true);
    }

    public GameConfig withMode(MatchMode mode) {
        return new GameConfig(mode, difficulty, opener, guided);
    }

    public GameConfig withDifficulty(Difficulty difficulty) {
        return new GameConfig(mode, difficulty, opener, guided);
    }

    public GameConfig withOpener(Side opener) {
        return new GameConfig(mode, difficulty, opener, guided);
    }

    public GameConfig withGuided(boolean guided) {
        return new GameConfig(mode, difficulty, opener, guided);
    }
}
