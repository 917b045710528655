package lab.jielong.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile's rules, read from the file (no image can be built on the machines this project is developed
 * on; README, "More than one server"): the production jar, the Vector API flag, a heap sized from the container,
 * a non-root user and a health check on readiness.
 */
class DockerfileTest {

    @Test
    void theImageRunsTheProductionJarAsIntended() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
        String text = String.join("\n", lines);
        assertThat(text).contains("-Pproduction");
        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertThat(entrypoint).contains("\"--add-modules\", \"jdk.incubator.vector\"")
                .containsPattern("-XX:MaxRAMPercentage=\\d+").doesNotContain("-Xmx");
        String user = lines.stream().filter(l -> l.startsWith("USER")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).doesNotContain("root").isNotEqualTo("USER 0");
        assertThat(text).containsPattern("HEALTHCHECK[^\\n]*\\\\\\n\\s*CMD [^\\n]*/actuator/health/readiness");
    }
}
