package lab.jielong.base;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator over real HTTP: health (with the liveness and readiness groups; readiness includes the models) and info,
 * and nothing else; and the production profile's promise of no stack traces and no development mode.
 */
class ActuatorTest extends ServerTest {

    @Test
    void healthLivenessAndReadinessAreUpAndReadinessCountsTheModels() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("status").asText()).as(path).isEqualTo("UP");
        }
        JsonNode readiness = JSON.readTree(get("/actuator/health/readiness").body());
        assertThat(readiness.path("components").has("models")).as(readiness.toString()).isTrue();
        assertThat(readiness.path("components").has("readinessState")).isTrue();
        assertThat(readiness.path("components").path("models").has("details")).as("details are not shown").isFalse();
        JsonNode liveness = JSON.readTree(get("/actuator/health/liveness").body());
        assertThat(liveness.path("components").has("models")).as("liveness does not wait for the models").isFalse();
        JsonNode info = JSON.readTree(get("/actuator/info").body());
        assertThat(info.path("app").path("name").asText()).isEqualTo("Jielong Lab");
    }

    @Test
    void nothingElseIsExposed() {
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/heapdump",
                "/actuator/threaddump", "/actuator/loggers", "/actuator/configprops", "/actuator/mappings",
                "/actuator/shutdown", "/actuator/caches", "/actuator/scheduledtasks")) {
            assertThat(get(path).statusCode()).as(path).isIn(404, 405);
        }
        assertThat(post("/actuator/shutdown", "{}").statusCode()).isIn(404, 405);
    }

    @Test
    void theProductionProfileShowsNoStackTraceAndNoDevelopmentMode() throws Exception {
        Properties production =
                PropertiesLoaderUtils.loadProperties(new ClassPathResource("application-production.properties"));
        assertThat(production.getProperty("vaadin.productionMode")).isEqualTo("true");
        assertThat(production.getProperty("server.error.include-stacktrace")).isEqualTo("never");
        assertThat(production.getProperty("server.error.include-message")).isEqualTo("never");
        assertThat(production.getProperty("server.error.include-exception")).isEqualTo("false");
    }
}
