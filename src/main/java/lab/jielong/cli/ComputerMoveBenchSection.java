package lab.jielong.cli;

import lab.jielong.models.ModelService;
import lab.jielong.play.PlayService;

import java.util.Map;

/**
 * The {@code bench} command's "computer move" section: {@link MoveBenchmark} with the shipped models, the
 * corpus of the bench context, through the play service's public API.
 */
final class ComputerMoveBenchSection implements BenchSection {

    @Override
    public String key() {
        return "computer_move";
    }

    @Override
    public Map<String, Object> run(BenchContext context) {
        System.out.println("\n== Play: one turn with the shipped models (server time, ms) ==");
        PlayService service = new PlayService(context.corpus(), ModelService.load(context.corpus()));
        int turns = context.quick() ? 200 : 1000;
        MoveBenchmark.Result result = MoveBenchmark.run(service, turns / 3, turns, 42);
        System.out.printf("%s (load %.2f)%n", result, BenchContext.load());
        return result.toMap();
    }
}
