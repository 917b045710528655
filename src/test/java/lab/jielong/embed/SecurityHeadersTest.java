package lab.jielong.embed;

import lab.jielong.base.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers on every kind of response, over real HTTP: a page, the API (an answer and an error), a
 * static file of the frontend, the server's error page, Actuator's health. One CSP each, merged with the embed
 * allow-list's {@code frame-ancestors}. (That Vaadin and the charts still work under it is {@code PlayPageIT}'s
 * and {@code EmbedMessagesIT}'s to show.)
 */
class SecurityHeadersTest extends ServerTest {

    @Test
    void everyResponseCarriesTheHeaders() {
        for (String path : List.of("/", "/guess", "/api/v1/idioms/%E4%B8%80%E5%BF%83%E4%B8%80%E6%84%8F",
                "/api/v1/idioms/abc", "/icons/favicon.svg", "/error", "/no-such-file.js", "/actuator/health")) {
            HttpResponse<String> r = get(path);
            assertThat(r.headers().allValues("Content-Security-Policy")).as(path).singleElement().satisfies(csp -> {
                assertThat(csp).contains("default-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
                        "object-src 'none'", "base-uri 'self'", "frame-ancestors 'self' " + COURSE_SITE);
                assertThat(csp).doesNotContain(" * ", " https: ", " http: ", "script-src *");
            });
            assertThat(r.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
            assertThat(r.headers().firstValue("Permissions-Policy")).as(path)
                    .hasValueSatisfying(p -> assertThat(p).contains("camera=()", "microphone=()", "geolocation=()"));
        }
    }

    @Test
    void errorsShowNoStackTrace() {
        HttpResponse<String> r = get("/error");
        assertThat(r.body()).doesNotContain("Exception", "at lab.jielong", "at org.springframework");
        HttpResponse<String> api = post("/api/v1/next-char", "{\"text\": ");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).doesNotContain("Exception", "at com.fasterxml");
    }
}
