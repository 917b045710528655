package lab.jielong.api;

import com.fasterxml.jackson.databind.JsonNode;
import lab.jielong.HostileInput;
import lab.jielong.base.ServerTest;
import lab.jielong.work.RateLimiter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API over hostile input ({@link HostileInput}, seeded; the short cases, since each is a request): every answer
 * is JSON, never HTML, a refusal is 4xx with {@code {code, message}} whose message is well-formed text, nothing is
 * a 500; and the API still answers a real request afterwards. (Except an address the web server refuses before the
 * application sees it: an encoded slash, backslash or NUL gets Tomcat's own 400, without a stack trace.)
 */
class ApiHostileInputTest extends ServerTest {

    private static final long SEED = 16;

    @Autowired
    private RateLimiter limiter;

    @BeforeEach
    void freshAllowance() {
        limiter.clear();
    }

    @Test
    void everyRefusalIsJsonTextAndTheApiGoesOn() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> cases = HostileInput.shortCases(SEED, 12);
        for (int i = 0; i < cases.size(); i++) {
            String s = cases.get(i);
            if (i % 8 == 0) {
                limiter.clear();                          // the tests' limit is 40 at once; this test is not about it
            }
            String body = JSON.writeValueAsString(Map.of("text", s));
            check(failures, s, "next-char", post("/api/v1/next-char", body));
            check(failures, s, "moves", post("/api/v1/moves", JSON.writeValueAsString(Map.of("chain", List.of(s)))));
            check(failures, s, "idioms", get("/api/v1/idioms/" + URLEncoder.encode(s, StandardCharsets.UTF_8)
                    .replace("+", "%20")));
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        limiter.clear();
        assertThat(post("/api/v1/next-char", "{\"text\": \"一心一\"}").statusCode()).isEqualTo(200);
    }

    private static void check(List<String> failures, String s, String endpoint, HttpResponse<String> r) {
        String what = endpoint + " " + HostileInput.describe(s) + ": ";
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() >= 500) {
            failures.add(what + r.statusCode() + " " + r.body());
            return;
        }
        if (r.statusCode() == 200) {
            return;                                       // a real idiom or text got in
        }
        if (!type.startsWith("application/json")) {
            // An address with an encoded slash, backslash or NUL is refused by the web server itself, before the
            // application (Tomcat's own 400): allowed, as long as it shows no stack trace.
            boolean refusedByTomcat = endpoint.equals("idioms") && r.statusCode() == 400
                    && (s.contains("/") || s.contains("\\") || s.contains("\u0000") || s.contains("%"));
            if (!refusedByTomcat || r.body().contains("Exception") || r.body().contains("\tat ")) {
                failures.add(what + r.statusCode() + " answered " + type + ": " + r.body());
            }
            return;
        }
        try {
            JsonNode error = JSON.readTree(r.body());
            String message = error.path("message").asText();
            if (error.path("code").asText().isEmpty() || message.isEmpty() || !HostileInput.wellFormed(message)) {
                failures.add(what + r.statusCode() + " " + r.body());
            }
        } catch (Exception e) {
            failures.add(what + "not JSON: " + r.body());
        }
    }
}
