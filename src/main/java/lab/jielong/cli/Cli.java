package lab.jielong.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line entry points that run without the web server: {@code train}, {@code eval},
 * {@code bench}. {@code Application.main} starts the web server only for no arguments or Spring-style
 * options ({@link #startsServer}); anything else is a command, and an unknown one is refused with the list
 * of those that exist and a non-zero exit status.
 */
public final class Cli {

    /** The commands, in the order the usage lists them. */
    static final List<String> COMMANDS = List.of("train", "eval", "bench", "scaling", "dict", "encdec-lab");
    /** Exit status of a command line that names no command we have. */
    static final int USAGE = 2;

    private Cli() {
    }

    /** No arguments, or only Spring-style options ({@code --server.port=9090}): start the web server. */
    public static boolean startsServer(String[] args) {
        return Arrays.stream(args).allMatch(a -> a.startsWith("--") && !a.equals("--help"));
    }

    /**
     * Runs the command named by args[0] and returns the process's exit status: 0 when it ran (or for
     * {@code help}), {@value #USAGE} for an unknown command or a command line it cannot run as written (a missing or
     * unknown subcommand, an unknown option, a bad option value: {@link UsageException}), after saying so on
     * {@code err} with the commands that exist, without a stack trace. A failure while the command runs is thrown
     * as it was, with its stack trace.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        try {
            return command(command, args, out, err);
        } catch (UsageException e) {
            err.println("jielong-lab " + command + ": " + e.getMessage());
            err.println(usage());
            return USAGE;
        }
    }

    private static int command(String command, String[] args, PrintStream out, PrintStream err) throws Exception {
        switch (command) {
            case "train" -> TrainCommand.run(args);
            case "eval" -> EvalCommand.run(args);
            case "bench" -> BenchCommand.run(args);
            case "encdec-lab" -> EncDecLabCommand.run(args);
            case "help", "-h", "--help" -> out.println(usage());
            case "scaling" -> ScalingCommand.run(args);
            case "dict" -> DictCommand.run(args);
            default -> {
                err.println("jielong-lab: there is no command '" + command + "'.");
                err.println(usage());
                return USAGE;
            }
        }
        return 0;
    }

    static String usage() {
        return "Commands: " + String.join(", ", COMMANDS)
                + " (e.g. train --model decoder, eval --json, bench --quick).\n"
                + "With no arguments, or only --options such as --server.port=9090, the web server starts.";
    }

    /** For running a command straight from the classes: {@code java -cp ... lab.jielong.cli.Cli train ...}. */
    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }
}
