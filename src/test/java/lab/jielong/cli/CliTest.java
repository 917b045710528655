package lab.jielong.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which command lines start the web server; an unknown command, or a command line a command cannot run as written,
 * is refused with the list of commands and status 2, no stack trace; a failure while it runs keeps its exception.
 */
class CliTest {

    @Test
    void onlyNoArgumentsOrSpringOptionsStartTheWebServer() {
        assertThat(Cli.startsServer(new String[0])).isTrue();
        assertThat(Cli.startsServer(new String[] {"--server.port=9090", "--debug"})).isTrue();
        assertThat(Cli.startsServer(new String[] {"dict", "check"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"--server.port=9090", "eval"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"--help"})).isFalse();
        assertThat(Cli.startsServer(new String[] {"eval", "--json"})).isFalse();
    }

    @Test
    void anUnknownCommandIsRefusedWithTheCommandsThatExist() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"dictionary", "check"}, print(out), print(err));
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is no command 'dictionary'")
                .contains("Commands: train, eval, bench, scaling, dict");
    }

    @Test
    void aCommandLineThatCannotRunIsSaidWithTheUsageAndNoStackTrace() throws Exception {
        assertUsage(new String[] {"scaling"}, "jielong-lab scaling: usage: scaling list|run|merge|fit [options]");
        assertUsage(new String[] {"scaling", "plot"}, "unknown scaling command 'plot': list, run, merge or fit");
        assertUsage(new String[] {"scaling", "list", "--design", "huge"}, "unknown grid 'huge'");
        assertUsage(new String[] {"eval", "--bogus"}, "jielong-lab eval: unknown option --bogus for eval");
        assertUsage(new String[] {"eval", "extra"}, "unexpected argument 'extra'");
        assertUsage(new String[] {"eval", "--games"}, "--games needs a value");
        assertUsage(new String[] {"bench", "--threads", "many"}, "--threads needs a whole number, not 'many'");
        assertUsage(new String[] {"bench", "--section", "nothing"}, "unknown bench section 'nothing': ");
        assertUsage(new String[] {"train", "--model", "rnn"}, "unknown model 'rnn'");
    }

    @Test
    void aFailureWhileTheCommandRunsKeepsItsException(@TempDir Path dir) {
        Path missing = dir.resolve("missing-grid.json");
        assertThatThrownBy(() -> Cli.run(new String[] {"scaling", "fit", "--grid", missing.toString()},
                print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream())))
                .isInstanceOf(IOException.class).hasMessageContaining("missing-grid.json");
    }

    private static void assertUsage(String[] args, String said) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(args, print(out), print(err));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(String.join(" ", args)).isEqualTo(2);
        assertThat(printed).as(String.join(" ", args)).contains(said)
                .contains("Commands: train, eval, bench, scaling, dict")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpListsTheCommands() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Commands: train, eval, bench, scaling, dict");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
