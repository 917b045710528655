package lab.jielong.game;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of 成语接龙 over one corpus: what may follow what in each {@link MatchMode}, continuation counts,
 * dead ends, and how each {@link Difficulty} weighs the candidates. Immutable and thread-safe: one instance
 * serves every game. Games themselves are {@link Game}s.
 */
public final class ChainRules {

    /** Raw input longer than this is refused before normalisation (no idiom needs more, even with spaces). */
    public static final int MAX_INPUT_LENGTH = 64;

    /** Factor on the weight of a dead end played as the opening move, in either difficulty. */
    static final double OPENING_DEAD_END = 0.01;

    private final IdiomCorpus corpus;
    /** The opening position (nothing used yet) is the same in every game: 22k candidates, sorted once. */
    private final Map<String, Candidates> openings = new ConcurrentHashMap<>();

    public ChainRules(IdiomCorpus corpus) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
    }

    public IdiomCorpus corpus() {
        return corpus;
    }

    /** Every idiom of the dictionary that meets {@code required}, used or not, in corpus order. */
    public List<Idiom> startingWith(Requirement required) {
        return required.mode().startingWith(corpus, required.key());
    }

    /** No idiom of the whole dictionary meets {@code required}: whoever must continue cannot. */
    public boolean isDeadEnd(Requirement required) {
        return startingWith(required).isEmpty();
    }

    /** Whether some idiom not in {@code used} meets {@code required}. */
    public boolean canContinue(Requirement required, Set<String> used) {
        for (Idiom idiom : startingWith(required)) {
            if (!used.contains(idiom.word())) {
                return true;
            }
        }
        return false;
    }

    /** How many idioms of the dictionary could follow {@code idiom} in {@code mode} (per syllable in 同音 modes). */
    public int continuations(Idiom idiom, MatchMode mode) {
        return mode.startingWith(corpus, mode.endKey(idiom)).size();
    }

    /** How many idioms could follow {@code idiom} once it is played: not in {@code used}, and not itself. */
    public int remainingContinuations(Idiom idiom, MatchMode mode, Set<String> used) {
        return remaining(idiom, mode, usedByStartKey(mode, used), used.contains(idiom.word()));
    }

    /**
     * The valid continuations of a position in {@code mode}, best first for {@code difficulty}: every idiom
     * that meets {@code required} (any idiom when the chain has not started) and is not in {@code used}.
     */
    public Candidates candidates(MatchMode mode, Optional<Requirement> required, Set<String> used,
                                 Difficulty difficulty) {
        if (required.isPresent() && required.get().mode() != mode) {
            throw new IllegalArgumentException("requirement in " + required.get().mode() + ", game in " + mode);
        }
        if (required.isEmpty() && used.isEmpty()) {
            return openings.computeIfAbsent(mode.name() + "/" + difficulty.name(),
                    key -> build(corpus.idioms(), mode, Set.of(), difficulty, true));
        }
        return build(required.map(this::startingWith).orElse(corpus.idioms()), mode, used, difficulty,
                required.isEmpty());
    }

    private Candidates build(List<Idiom> pool, MatchMode mode, Set<String> used, Difficulty difficulty,
                             boolean opening) {
        Map<String, Integer> usedByKey = usedByStartKey(mode, used);
        List<Candidate> candidates = new ArrayList<>(pool.size());
        for (Idiom idiom : pool) {
            if (!used.contains(idiom.word())) {
                int remaining = remaining(idiom, mode, usedByKey, false);
                double preference = preference(idiom, remaining, difficulty);
                if (opening && remaining == 0) {
                    preference *= OPENING_DEAD_END;       // a game that ends on move 1 teaches nothing
                }
                candidates.add(new Candidate(idiom, preference, remaining));
            }
        }
        // Stable: equal weights keep corpus order, the more frequent idiom first.
        candidates.sort(Comparator.comparingDouble(Candidate::preference).reversed());
        return new Candidates(candidates);
    }

    /** How many used idioms start with each key: the used set is small, the buckets are not. */
    private Map<String, Integer> usedByStartKey(MatchMode mode, Set<String> used) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : used) {
            corpus.find(word).ifPresent(i -> counts.merge(mode.startKey(i), 1, Integer::sum));
        }
        return counts;
    }

    /** Continuations of {@code idiom} not yet used, not counting {@code idiom} itself (日复一日 cannot follow itself). */
    private int remaining(Idiom idiom, MatchMode mode, Map<String, Integer> usedByKey, boolean selfUsed) {
        String end = mode.endKey(idiom);
        int remaining = mode.startingWith(corpus, end).size() - usedByKey.getOrDefault(end, 0);
        // idiom is about to be played: if it could follow itself and is not counted as used yet, take it out.
        if (!selfUsed && mode.startKey(idiom).equals(end)) {
            remaining--;
        }
        return remaining;
    }

    /**
     * The computer's weight for playing {@code idiom}, in (0, 1].
     * <ul>
     * <li>easy: by tier, CORE 1, COMMON 0.5, RARE 0.1; a quarter of that when it would leave the player
     *     no continuation (the easy computer does not set traps).</li>
     * <li>hard: {@code (0.7 + 0.3 tier) / (1 + remaining)}: fewer continuations are better; the tier only
     *     breaks near-ties, and never makes an idiom with continuations beat a dead end.</li>
     * </ul>
     * As an opening move a dead end gets {@value #OPENING_DEAD_END} of its weight in both difficulties.
     */
    public static double preference(Idiom idiom, int remainingContinuations, Difficulty difficulty) {
        double tier = tierWeight(idiom.tier());
        return switch (difficulty) {
            case EASY -> remainingContinuations == 0 ? tier / 4 : tier;
            case HARD -> (0.7 + 0.3 * tier) / (1 + Math.max(0, remainingContinuations));
        };
    }

    static double tierWeight(Tier tier) {
        return switch (tier) {
            case CORE -> 1.0;
            case COMMON -> 0.5;
            case RARE -> 0.1;
        };
    }
}
