package lab.jielong.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Base of the tests that talk HTTP to the whole application on a random port, without a browser: the JSON
 * API, and the headers that framing and cross-origin access depend on. One configuration for all of them,
 * so they share one Spring context: an allow-list of two origins, and API limits small enough to reach.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "jielong.embed.origins=" + ServerTest.COURSE_SITE + "," + ServerTest.OTHER_ALLOWED,
        "jielong.api.requests-per-second=5",
        "jielong.api.burst=40",
        "jielong.api.max-body-bytes=8192",
        "jielong.api.model-wait-millis=200"})
public abstract class ServerTest {

    /** An origin on the allow-list. */
    protected static final String COURSE_SITE = "https://course.example.edu";
    protected static final String OTHER_ALLOWED = "http://localhost:5173";
    /** An origin not on it. */
    protected static final String STRANGER = "https://evil.example.com";

    protected static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** GET with headers given as name, value, name, value … */
    protected HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    protected HttpResponse<String> post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), headers);
    }

    protected HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}
