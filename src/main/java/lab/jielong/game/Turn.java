package lab.jielong.game;

import lab.jielong.corpus.Idiom;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Everything the side to move needs to answer, snapshotted from the game (immutable): what a
 * {@link ComputerPlayer} gets, and what a model-ranked hint for the human starts from.
 *
 * <p>For a guided decoder: restrict the first character to {@code candidates().firstCharacters()}, forbid
 * {@link #excluded()}, choose among {@code candidates().choices()}, and weigh each finished idiom by
 * {@code candidates().preference(word)} (e.g. draw from {@code p · w} with {@link #random()}). In 同字 mode the candidates are exactly the idioms starting with the allowed character
 * minus the excluded ones; in 同音 modes the excluded set also holds idioms whose first character is
 * allowed but read differently there (after …cháng, 长势喜人 zhǎng).
 *
 * @param config     the game's choices (mode, difficulty, guided)
 * @param chain      the accepted idioms so far, oldest first (the model's prompt)
 * @param required   what the answer must start with; empty for the opening move
 * @param used       the words already played
 * @param candidates the valid answers, best first for the difficulty
 * @param excluded   words a decoder must not produce: the used ones, in 同音 modes those that start with
 *                   an allowed first character read another way, and at the opening those nothing could follow
 * @param seed       this turn's seed: the game's seed mixed with the move number, see {@link #random()}
 */
public record Turn(GameConfig config, List<Idiom> chain, Optional<Requirement> required,
        Set<String> used, Candidates candidates, Set<String> excluded, long seed) {

    public Turn {
        chain = List.copyOf(chain);
        used = Set.copyOf(used);
        excluded = Set.copyOf(excluded);
    }

    /**
     * A random generator for a player that samples its answer: a fresh one from {@link #seed()}, so the same
     * turn of the same game always draws the same (a replayed or reloaded game stays what it was), and games
     * with different seeds vary.
     */
    public RandomGenerator random() {
        return new SplittableRandom(seed);
    }

    /** The chain as one string without separators: 一心一意意气风发. */
    public String chainText() {
        StringBuilder text = new StringBuilder(chain.size() * Idiom.LENGTH);
        chain.forEach(i -> text.append(i.word()));
        return text.toString();
    }
}
