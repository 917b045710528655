package lab.jielong.cli;

/** {@code bench [--json]}: speed figures (filled in below). */
final class BenchCommand {

    private BenchCommand() {
    }

    static void run(String[] args) throws Exception {
        throw new UnsupportedOperationException("bench: not yet");
    }
}
