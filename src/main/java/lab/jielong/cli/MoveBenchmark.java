package lab.jielong.cli;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.game.Candidate;
import lab.jielong.game.Difficulty;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MatchMode;
import lab.jielong.models.ModelService;
import lab.jielong.play.ComputerMove;
import lab.jielong.play.PlayService;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Server time of one turn of Play with the shipped models: the visitor's move (normalise, validate,
 * apply), then the computer's guided move (generate with the decoder's attention recorded for the panel,
 * validate, apply); separately, completing the side panel (feeding the decoder the answer's last characters,
 * which the move did not need, and the peeking model's two runs), which the view may fetch after showing
 * the move. Games cycle through the modes and difficulties; the visitor plays a
 * random valid idiom. A program that prints figures, not a test; the seed is explicit.
 * Run: {@code java --add-modules=jdk.incubator.vector -cp target/classes:… lab.jielong.cli.MoveBenchmark [turns] [seed]}
 */
public final class MoveBenchmark {

    /** Figures in milliseconds. */
    public record Result(int turns, double p50, double p95, double max, double computerP50, double computerP95,
            double panelP50, double panelP95, double withPanelP50, double withPanelP95) {
        @Override
        public String toString() {
            return String.format("%d turns. The computer's move with its side panel (normalise, validate, generate, "
                    + "attention of both models): p50 %.2f ms, p95 %.2f ms (target p95 <= 5 ms); of which the move "
                    + "(guided generation, attention recorded) p50 %.2f ms, p95 %.2f ms, and completing the panel (the "
                    + "decoder's last positions, the peeking model) p50 %.2f ms, p95 %.2f ms. The whole turn with the "
                    + "visitor's move first: p50 %.2f ms, p95 %.2f ms, max %.2f ms",
                    turns, withPanelP50, withPanelP95, computerP50, computerP95, panelP50, panelP95, p50, p95, max);
        }

        public java.util.Map<String, Object> toMap() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("turns", turns);
            m.put("turn_p50_ms", p50);
            m.put("turn_p95_ms", p95);
            m.put("turn_max_ms", max);
            m.put("computer_move_p50_ms", computerP50);
            m.put("computer_move_p95_ms", computerP95);
            m.put("peeking_panel_p50_ms", panelP50);
            m.put("peeking_panel_p95_ms", panelP95);
            m.put("computer_move_with_panel_p50_ms", withPanelP50);
            m.put("computer_move_with_panel_p95_ms", withPanelP95);
            return m;
        }
    }

    private MoveBenchmark() {
    }

    /** {@code warmup} untimed turns, then {@code turns} timed ones. */
    public static Result run(PlayService service, int warmup, int turns, long seed) {
        Random random = new Random(seed);
        long[] total = new long[turns];
        long[] computer = new long[turns];
        long[] panel = new long[turns];
        long[] withPanel = new long[turns];
        Game game = null;
        int games = 0;
        for (int i = 0; i < warmup + turns;) {
            if (game == null || game.isOver() || game.chain().size() > 12) {
                game = service.newGame(GameConfig.defaults().withMode(MatchMode.values()[games % 3])
                        .withDifficulty(Difficulty.values()[(games / 3) % 2]), random.nextLong());
                games++;
            }
            List<Candidate> options = game.candidates().list();
            String move = options.get(random.nextInt(Math.min(options.size(), 50))).word();
            long t0 = System.nanoTime();
            service.playHuman(game, move);
            long t1 = System.nanoTime();
            if (game.isOver()) {
                continue;                                // the visitor won: no computer move to time
            }
            ComputerMove reply = service.computerMove(game, (c, index, p) -> {
            });
            long t2 = System.nanoTime();
            service.panel(reply);
            long t3 = System.nanoTime();
            if (i >= warmup) {
                total[i - warmup] = t3 - t0;
                computer[i - warmup] = t2 - t1;
                panel[i - warmup] = t3 - t2;
                withPanel[i - warmup] = t3 - t1;
            }
            i++;
        }
        return new Result(turns, quantile(total, 0.50), quantile(total, 0.95), quantile(total, 1.0),
                quantile(computer, 0.50), quantile(computer, 0.95), quantile(panel, 0.50), quantile(panel, 0.95),
                quantile(withPanel, 0.50), quantile(withPanel, 0.95));
    }

    private static double quantile(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    public static void main(String[] args) {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        long start = System.nanoTime();
        IdiomCorpus corpus = IdiomCorpus.load();
        PlayService service = new PlayService(corpus, ModelService.load(corpus));
        System.out.printf("corpus and shipped models loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        System.out.println(run(service, 300, turns, seed));
    }
}
