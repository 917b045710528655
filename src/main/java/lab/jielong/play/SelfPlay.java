package lab.jielong.play;

import lab.jielong.game.Candidate;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Difficulty;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Outcome;
import lab.jielong.game.Side;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded self-play: whole games of the decoder (guided, as the Play page plays it) against a simulated
 * player who knows the well-known idioms only ({@link ChainRules#isWellKnown}) and answers with one of them
 * at random among the valid ones, giving up when none is left. It measures how long games last, which is
 * what makes the game worth playing. The player opens the even-numbered games, the model the odd ones; the
 * mode is 同字. A program that prints figures (through {@code eval}), not a timed test; the seed is explicit.
 */
public final class SelfPlay {

    /** A game still going after this many idioms is stopped and counted at this length. */
    public static final int MAX_LENGTH = 200;
    /** Games of the variety probe: the same opening, answered by the model with different seeds. */
    public static final int PROBES = 20;
    /** The variety probe's opening, when the dictionary has it (else its most frequent well-known idiom). */
    static final String PROBE = "一心一意";

    /**
     * The figures of one run.
     *
     * @param difficulty      the model's difficulty
     * @param games           games played
     * @param seed            the run's seed (game i uses seeds derived from it)
     * @param lengths         each game's length: the idioms in its chain when it ended, in game order
     * @param medianLength    median of {@code lengths}
     * @param overWithinTwo   share of games over within two moves (a chain of at most two idioms)
     * @param modelWins       games the model won
     * @param endings         how games ended: {@code <EndReason>.<loser>} (e.g. {@code DEAD_END.COMPUTER}), or
     *                        {@code STOPPED} for games cut at {@value #MAX_LENGTH}
     * @param probe           the opening of the variety probe: the model answers it in {@value #PROBES} games
     * @param distinctReplies how many different answers it gave there (1: the same answer every time)
     */
    public record Figures(Difficulty difficulty, int games, long seed, int[] lengths, double medianLength,
            double overWithinTwo, int modelWins, Map<String, Integer> endings, String probe,
            int distinctReplies) {

        /** The figures as plain values, for {@code eval --json}. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("difficulty", difficulty.name().toLowerCase());
            m.put("games", games);
            m.put("seed", seed);
            m.put("median_length", medianLength);
            m.put("over_within_two", overWithinTwo);
            m.put("mean_length", Arrays.stream(lengths).average().orElse(0));
            m.put("longest", Arrays.stream(lengths).max().orElse(0));
            m.put("model_wins", modelWins);
            m.put("endings", endings);
            m.put("probe_opening", probe);
            m.put("probe_games", PROBES);
            m.put("probe_distinct_replies", distinctReplies);
            return m;
        }
    }

    private SelfPlay() {
    }

    /** {@code games} games of the decoder at {@code difficulty} against the simulated player. */
    public static Figures run(PlayService service, Difficulty difficulty, int games, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        int[] lengths = new int[games];
        int modelWins = 0;
        Map<String, Integer> endings = new LinkedHashMap<>();
        for (int i = 0; i < games; i++) {
            Side opener = i % 2 == 0 ? Side.HUMAN : Side.COMPUTER;
            GameConfig config = new GameConfig(MatchMode.SAME_CHARACTER, difficulty, opener, true);
            Game game = service.newGame(config, seeds.nextLong());
            SplittableRandom player = new SplittableRandom(seeds.nextLong());
            while (!game.isOver() && game.chain().size() < MAX_LENGTH) {
                if (game.toMove() == Side.HUMAN) {
                    List<Candidate> known = game.candidates().list().stream()
                            .filter(c -> ChainRules.isWellKnown(c.idiom())).toList();
                    if (known.isEmpty()) {
                        service.giveUp(game);
                    } else {
                        service.playHuman(game, known.get(player.nextInt(known.size())).word());
                    }
                } else {
                    service.computerMove(game, (c, index, p) -> {
                    });
                }
            }
            lengths[i] = game.chain().size();
            String ending = game.outcome().map(o -> o.reason().name() + "." + o.loser().name()).orElse("STOPPED");
            endings.merge(ending, 1, Integer::sum);
            if (game.outcome().map(Outcome::winner).orElse(null) == Side.COMPUTER) {
                modelWins++;
            }
        }
        long withinTwo = Arrays.stream(lengths).filter(n -> n <= 2).count();
        String probe = probeOpening(service.rules());
        Set<String> replies = new HashSet<>();
        for (int i = 0; i < PROBES; i++) {
            Game game = service.newGame(new GameConfig(MatchMode.SAME_CHARACTER, difficulty, Side.HUMAN, true),
                    seeds.nextLong());
            service.playHuman(game, probe);
            if (!game.isOver()) {
                service.computerMove(game, (c, index, p) -> {
                });
                replies.add(game.lastIdiom().orElseThrow().word());
            }
        }
        return new Figures(difficulty, games, seed, lengths, median(lengths), (double) withinTwo / games, modelWins,
                endings, probe, replies.size());
    }

    /** {@value #PROBE}, or the most frequent well-known idiom something can follow. */
    static String probeOpening(ChainRules rules) {
        if (rules.corpus().contains(PROBE)) {
            return PROBE;
        }
        return rules.corpus().idioms().stream().filter(ChainRules::isWellKnown)
                .filter(i -> rules.remainingContinuations(i, MatchMode.SAME_CHARACTER, Set.of()) > 0)
                .findFirst().orElseThrow().word();
    }

    static double median(int[] values) {
        if (values.length == 0) {
            return 0;
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
