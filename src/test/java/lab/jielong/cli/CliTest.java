package lab.jielong.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which command lines start the web server, and an unknown command is refused with the list of commands. */
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
    void helpListsTheCommands() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Commands: train, eval, bench, scaling, dict");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
