package lab.jielong.play;

import lab.jielong.cli.BenchContext;
import lab.jielong.cli.BenchSection;

import java.util.Map;

/**
 * The {@code bench} command's "computer move" section: {@link MoveBenchmark} with the shipped models, the
 * corpus of the bench context. Register it in {@code BenchCommand.SECTIONS}.
 */
public final class ComputerMoveBenchSection implements BenchSection {

    @Override
    public String key() {
        return "computer_move";
    }

    @Override
    public Map<String, Object> run(BenchContext context) {
        System.out.println("\n== Play: one turn with the shipped models (server time, ms) ==");
        PlayService service = new PlayService(context.corpus());
        int turns = context.quick() ? 200 : 1000;
        MoveBenchmark.Result result = MoveBenchmark.run(service, turns / 3, turns, 42);
        System.out.printf("%s (load %.2f)%n", result, BenchContext.load());
        return result.toMap();
    }
}
