package lab.jielong.cli;

import lab.jielong.game.Candidate;
import lab.jielong.game.Difficulty;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MatchMode;
import lab.jielong.models.ModelService;
import lab.jielong.play.HintSearch;
import lab.jielong.play.PlayService;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The {@code bench} command's "hints" section: what one hint search (five hints, the Play page's) costs with the
 * shipped decoder, at the visitor's turns of games like {@link MoveBenchmark}'s (every mode and difficulty, the
 * visitor playing a random valid idiom, the decoder answering). Each search runs with a generous budget
 * ({@value #GENEROUS} nodes) so the figures show what it needs: trie nodes expanded, inference sessions copied
 * (lazily, one per expanded node) against what an eager search copying one per queued child would copy, the
 * bytes that means, the time, and how many searches the Play page's budget ({@link PlayService#hintBudget()})
 * would have cut short.
 */
final class HintBenchSection implements BenchSection {

    static final int GENEROUS = 2000;

    @Override
    public String key() {
        return "hints";
    }

    @Override
    public Map<String, Object> run(BenchContext context) {
        System.out.println("\n== Play: one hint search (5 hints) with the shipped decoder ==");
        PlayService service = new PlayService(context.corpus(), ModelService.load(context.corpus()));
        int searches = context.quick() ? 100 : 400;
        Random random = new Random(42);
        int[] expansions = new int[searches];
        int[] copies = new int[searches];
        int[] queued = new int[searches];
        long[] nanos = new long[searches];
        int found = 0;
        long sessionBytes = 0;
        Game game = null;
        int games = 0;
        for (int i = -20; i < searches;) {                       // 20 untimed searches warm the JIT
            if (game == null || game.isOver() || game.chain().size() > 12) {
                game = service.newGame(GameConfig.defaults().withMode(MatchMode.values()[games % 3])
                        .withDifficulty(Difficulty.values()[(games / 3) % 2]), random.nextLong());
                games++;
            }
            long t0 = System.nanoTime();
            HintSearch search = service.searchHints(game, PlayService.HINTS, GENEROUS);
            long t1 = System.nanoTime();
            if (i >= 0) {
                expansions[i] = search.expansions();
                copies[i] = search.copies();
                queued[i] = search.queued();
                nanos[i] = t1 - t0;
                found += search.hints().size();
                sessionBytes = Math.max(sessionBytes, search.sessionBytes());
            }
            i++;
            List<Candidate> options = game.candidates().list();
            service.playHuman(game, options.get(random.nextInt(Math.min(options.size(), 50))).word());
            if (!game.isOver()) {
                service.computerMove(game, (c, index, p) -> {
                });
            }
        }
        int budget = service.hintBudget();
        long cut = Arrays.stream(expansions).filter(e -> e > budget).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("searches", searches);
        m.put("hints_found_mean", (double) found / searches);
        m.put("expansions_p50", quantile(expansions, 0.5));
        m.put("expansions_p95", quantile(expansions, 0.95));
        m.put("expansions_p99", quantile(expansions, 0.99));
        m.put("expansions_max", quantile(expansions, 1.0));
        m.put("copies_p95", quantile(copies, 0.95));
        m.put("copies_max", quantile(copies, 1.0));
        m.put("eager_copies_p95", quantile(queued, 0.95));
        m.put("eager_copies_max", quantile(queued, 1.0));
        m.put("session_bytes", sessionBytes);
        m.put("ms_p50", quantile(nanos, 0.5) / 1e6);
        m.put("ms_p95", quantile(nanos, 0.95) / 1e6);
        m.put("ms_max", quantile(nanos, 1.0) / 1e6);
        m.put("budget", budget);
        m.put("cut_by_budget", cut);
        double mb = sessionBytes / 1e6;
        System.out.printf("%d searches at the visitor's turn, %.2f hints found on average (load %.2f)%n", searches,
                (double) found / searches, BenchContext.load());
        System.out.printf(
                "trie nodes expanded: p50 %d, p95 %d, p99 %d, max %d; the budget (jielong.play.hint-budget) is %d: "
                        + "%d of %d searches would have been cut short%n",
                quantile(expansions, 0.5), quantile(expansions, 0.95),
                quantile(expansions, 0.99), quantile(expansions, 1.0), budget, cut, searches);
        System.out.printf("session copies (one per expanded node): p95 %d, max %d = %.1f MB at most (%d bytes each); "
                + "copying one per queued child would be p95 %d, max %d = %.1f MB%n", quantile(copies, 0.95),
                quantile(copies, 1.0), quantile(copies, 1.0) * mb, sessionBytes, quantile(queued, 0.95),
                quantile(queued, 1.0), quantile(queued, 1.0) * mb);
        System.out.printf("time per search: p50 %.2f ms, p95 %.2f ms, max %.2f ms; at the budget, at most %.1f MB of "
                + "sessions%n", quantile(nanos, 0.5) / 1e6, quantile(nanos, 0.95) / 1e6, quantile(nanos, 1.0) / 1e6,
                budget * mb);
        return m;
    }

    private static int quantile(int[] values, double q) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))];
    }

    private static long quantile(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))];
    }
}
