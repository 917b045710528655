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

    /**
     * Hard's warm-up, in idioms of the chain: before the chain is this long, hard plays no dead end and prefers
     * to leave the player at least one well-known answer that can itself be answered (a fair start); from then
     * on it sets real traps. With 10, seeded self-play ({@code eval}) lasted a median of 11 idioms on the previous
     * dictionary and 8 on today's (see the README's {@code eval} figures).
     */
    public static final int HARD_WARMUP = 10;
    /** Weight of an idiom that leaves the player no well-known answer that can be answered in turn. */
    static final double UNFAIR_WEIGHT = 1e-3;
    /** The least weight of an idiom that leaves the player a well-known answer: above every unfair one. */
    static final double FAIR_FLOOR = 0.02;
    /** Easy saturates at this many well-known answers left to the player. */
    static final int EASY_KNOWN_ANSWERS = 4;
    /**
     * How strongly easy avoids leaving answers that would end the game: the weight has {@code open} to this
     * power (0.9 → 0.43, 0.8 → 0.17). Chosen by self-play ({@code eval}'s games section, seed 2024): 2 gave a median of
     * 9 idioms, 4 gave 10, 8 gave 16, 16 no more, and twice as many games where the player was left with rare
     * answers only.
     */
    static final int EASY_OPEN_EXPONENT = 8;

    private final IdiomCorpus corpus;
    /** The opening position (nothing used yet) is the same in every game: 22k candidates, sorted once. */
    private final Map<String, Candidates> openings = new ConcurrentHashMap<>();
    /** Per mode and start key: how many idioms start with it, well-known ones, well-known ones that can be answered. */
    private final Map<String, Counts> byStartKey = new ConcurrentHashMap<>();

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
        return prospect(idiom, mode, usedByStartKey(mode, used), used.contains(idiom.word())).all;
    }

    /** A well-known idiom: one people are expected to know (tier CORE or COMMON), what a casual player answers with. */
    public static boolean isWellKnown(Idiom idiom) {
        return idiom.tier() != Tier.RARE;
    }

    /**
     * The valid continuations of a position in {@code mode}, best first for {@code difficulty}: every idiom
     * that meets {@code required} and is not in {@code used}; when the chain has not started, every idiom that
     * something could follow (an opening nothing can follow is no move, see {@link RejectionReason#NO_CONTINUATION}).
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
        Map<String, Counts> usedByKey = usedByStartKey(mode, used);
        List<Candidate> candidates = new ArrayList<>(pool.size());
        for (Idiom idiom : pool) {
            if (!used.contains(idiom.word())) {
                Counts left = prospect(idiom, mode, usedByKey, false);
                if (opening && left.all == 0) {
                    continue;                             // a game that ends on move 1: not a move
                }
                double preference = preference(idiom, left.all, left.known, left.knownOpen, used.size(), difficulty);
                candidates.add(new Candidate(idiom, preference, left.all, left.known, left.knownOpen));
            }
        }
        // Stable: equal weights keep corpus order, the more frequent idiom first.
        candidates.sort(Comparator.comparingDouble(Candidate::preference).reversed());
        return new Candidates(candidates);
    }

    /** Idioms starting with one key: all of them, the well-known ones, and those of them that can be answered. */
    private record Counts(int all, int known, int knownOpen) {
        Counts minus(Counts other) {
            return new Counts(all - other.all, known - other.known, knownOpen - other.knownOpen);
        }

        Counts plus(Counts other) {
            return new Counts(all + other.all, known + other.known, knownOpen + other.knownOpen);
        }
    }

    private static final Counts NONE = new Counts(0, 0, 0);

    /** How {@code idiom} counts in the {@link Counts} of its start key. */
    private Counts countOf(Idiom idiom, MatchMode mode) {
        boolean known = isWellKnown(idiom);
        boolean open = known && !mode.startingWith(corpus, mode.endKey(idiom)).isEmpty();
        return new Counts(1, known ? 1 : 0, open ? 1 : 0);
    }

    private Counts startingWithKey(MatchMode mode, String key) {
        return byStartKey.computeIfAbsent(mode.name() + "/" + key, k -> {
            Counts counts = NONE;
            for (Idiom idiom : mode.startingWith(corpus, key)) {
                counts = counts.plus(countOf(idiom, mode));
            }
            return counts;
        });
    }

    /** The used idioms counted by start key: the used set is small, the buckets are not. */
    private Map<String, Counts> usedByStartKey(MatchMode mode, Set<String> used) {
        Map<String, Counts> counts = new HashMap<>();
        for (String word : used) {
            corpus.find(word).ifPresent(i -> counts.merge(mode.startKey(i), countOf(i, mode), Counts::plus));
        }
        return counts;
    }

    /**
     * What playing {@code idiom} leaves the other side: the unused continuations, not counting {@code idiom}
     * itself (日复一日 cannot follow itself).
     */
    private Counts prospect(Idiom idiom, MatchMode mode, Map<String, Counts> usedByKey, boolean selfUsed) {
        String end = mode.endKey(idiom);
        Counts left = startingWithKey(mode, end).minus(usedByKey.getOrDefault(end, NONE));
        // idiom is about to be played: if it could follow itself and is not counted as used yet, take it out.
        if (!selfUsed && mode.startKey(idiom).equals(end)) {
            left = left.minus(countOf(idiom, mode));
        }
        return left;
    }

    /**
     * The computer's weight for playing {@code idiom}, in [0, 1]: the tier times what the move leaves the
     * player; 0 means "not while another move is possible" ({@link Candidates#choices()}).
     * {@code continuations} counts every unused idiom that could follow, {@code known} the well-known
     * ones among them ({@link #isWellKnown}), {@code knownOpen} those of them that could be answered in turn;
     * {@code open = knownOpen / known}. A fair move (it leaves the player a well-known answer that can be
     * answered) weighs at least {@value #FAIR_FLOOR} times the tier factor, an unfair one {@value #UNFAIR_WEIGHT}.
     * <ul>
     * <li>easy keeps the game going. It never ends the game itself (a dead end weighs 0) and weighs the rest
     *     by tier (CORE 1, COMMON 0.5, RARE 0.1) times {@code open⁸ · min(1, known / 4)}: well-known answers
     *     for the player, few of which would end the game.</li>
     * <li>hard traps, fairly. Until the chain holds {@value #HARD_WARMUP} idioms it plays no dead end and
     *     leaves the player few well-known answers, at least one of them open:
     *     {@code (0.7 + 0.3 tier) · open / (1 + known)}. From then on,
     *     {@code (0.7 + 0.3 tier) / (1 + continuations)}: fewer continuations are better, a dead end best; the
     *     tier only breaks near-ties.</li>
     * </ul>
     *
     * @param chainLength the idioms played so far (0 for the opening move)
     */
    public static double preference(Idiom idiom, int continuations, int known, int knownOpen, int chainLength,
            Difficulty difficulty) {
        double tier = tierWeight(idiom.tier());
        double open = known <= 0 ? 0 : (double) knownOpen / known;
        return switch (difficulty) {
            case EASY -> continuations <= 0 ? 0 : tier * (knownOpen <= 0 ? UNFAIR_WEIGHT
                    : Math.max(FAIR_FLOOR, Math.pow(open, EASY_OPEN_EXPONENT)
                            * Math.min(1.0, (double) known / EASY_KNOWN_ANSWERS)));
            case HARD -> {
                double base = 0.7 + 0.3 * tier;
                if (chainLength >= HARD_WARMUP) {
                    yield base / (1 + Math.max(0, continuations));
                }
                yield continuations <= 0 ? 0 : base * (knownOpen <= 0 ? UNFAIR_WEIGHT
                        : Math.max(FAIR_FLOOR, open / (1 + known)));
            }
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
