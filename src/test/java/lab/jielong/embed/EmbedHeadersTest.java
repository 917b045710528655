package lab.jielong.embed;

import lab.jielong.base.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers that framing and cross-origin access depend on, over real HTTP, with the allow-list of
 * {@link ServerTest}: frame-ancestors on the pages and no X-Frame-Options, the session cookie for cross-site
 * frames, and CORS for allowed origins only, on the API and on the static bundle files alike.
 */
class EmbedHeadersTest extends ServerTest {

    private static final String ANCESTORS = "frame-ancestors 'self' " + COURSE_SITE + " " + OTHER_ALLOWED;

    @Test
    void pagesMayBeFramedByTheListedSitesOnly() {
        for (String path : List.of("/", "/guess", "/api/v1/idioms/%E4%B8%80%E5%BF%83%E4%B8%80%E6%84%8F")) {
            HttpResponse<String> r = get(path);
            assertThat(r.headers().allValues("Content-Security-Policy")).as(path).singleElement()
                    .satisfies(csp -> assertThat(csp).endsWith("; " + ANCESTORS));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).isEmpty();
        }
    }

    @Test
    void theSessionCookieSurvivesACrossSiteFrame() {
        HttpResponse<String> r = get("/");
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r.headers().map()));
        assertThat(cookie).containsIgnoringCase("SameSite=None").containsIgnoringCase("Secure")
                .containsIgnoringCase("Partitioned").containsIgnoringCase("HttpOnly");
    }

    @Test
    void theApiAnswersAllowedOriginsWithCors() {
        HttpResponse<String> allowed =
                get("/api/v1/idioms/%E4%B8%80%E5%BF%83%E4%B8%80%E6%84%8F", "Origin", COURSE_SITE);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(COURSE_SITE);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(allowed.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));

        HttpResponse<String> stranger = get("/api/v1/idioms/%E4%B8%80%E5%BF%83%E4%B8%80%E6%84%8F", "Origin", STRANGER);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/next-char"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin", OTHER_ALLOWED, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, x-secret");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(OTHER_ALLOWED);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, OPTIONS");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");

        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/next-char"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin", STRANGER, "Access-Control-Request-Method", "POST");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void errorAnswersCarryCorsSoTheCallerCanReadThem() {
        HttpResponse<String> r = post("/api/v1/next-char", "{", "Origin", COURSE_SITE);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(COURSE_SITE);
    }

    @Test
    void theCustomElementsScriptsAnswerAllowedOriginsWithCors() {
        for (String tag : List.of("jielong-game", "jielong-guess")) {
            HttpResponse<String> allowed = get("/web-component/" + tag + ".js", "Origin", COURSE_SITE);
            assertThat(allowed.statusCode()).as(tag).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(COURSE_SITE);
            assertThat(get("/web-component/" + tag + ".js", "Origin", STRANGER).headers()
                    .firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void theStaticBundleFilesAnswerAllowedOriginsWithCors() {
        String page = get("/").body();
        Matcher script = Pattern.compile("(VAADIN/build/[^\"']+\\.js)").matcher(page);
        assertThat(script.find()).as("the page loads a bundle file: " + page).isTrue();
        String path = "/" + script.group(1);
        HttpResponse<String> allowed = get(path, "Origin", COURSE_SITE);
        assertThat(allowed.statusCode()).as(path).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(COURSE_SITE);
        assertThat(get(path, "Origin", STRANGER).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
