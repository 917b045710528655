package lab.jielong.cli;

import java.util.Arrays;

/**
 * Command-line entry points that run without the web server: {@code train}, {@code eval},
 * {@code bench}. {@code Application.main} calls {@link #run} first and starts Spring only when it
 * returns false.
 */
public final class Cli {

    private Cli() {
    }

    /** Runs the command named by args[0] and returns true, or returns false (doing nothing) for anything else. */
    public static boolean run(String[] args) throws Exception {
        if (args.length == 0) {
            return false;
        }
        switch (args[0]) {
            case "train" -> TrainCommand.run(args);
            case "eval" -> EvalCommand.run(args);
            case "bench" -> BenchCommand.run(args);
            case "dict" -> DictCommand.run(args);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** For running a command straight from the classes: {@code java -cp ... lab.jielong.cli.Cli train ...}. */
    public static void main(String[] args) throws Exception {
        if (!run(args)) {
            System.err.println("usage: train|eval|bench|dict [options]; got " + Arrays.toString(args));
            System.exit(2);
        }
    }
}
