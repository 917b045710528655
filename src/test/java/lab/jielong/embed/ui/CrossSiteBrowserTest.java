package lab.jielong.embed.ui;

import com.sun.net.httpserver.HttpServer;
import lab.jielong.base.ui.BrowserTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser tests with the host page on another site: the app at {@code http://127.0.0.1:P1}, host pages served by
 * a tiny JDK HTTP server at {@code http://localhost:P2} (another host name, so another site, and third-party
 * cookie rules apply), and a second host at {@code http://localhost:P3} that is not on the allow-list.
 */
public abstract class CrossSiteBrowserTest extends BrowserTest {

    /** Host pages by path, e.g. "/host.html"; the demo page is served from docs/. */
    protected static final Map<String, String> PAGES = new ConcurrentHashMap<>();
    protected static final HttpServer HOST = serve();
    protected static final HttpServer STRANGER = serve();

    @LocalServerPort
    private int appPort;

    @DynamicPropertySource
    static void allowTheHost(DynamicPropertyRegistry registry) {
        registry.add("jielong.embed.origins", () -> host(""));
    }

    /** The allowed host's address of {@code path}. */
    protected static String host(String path) {
        return "http://localhost:" + HOST.getAddress().getPort() + path;
    }

    /** The stranger's (not on the allow-list). */
    protected static String stranger(String path) {
        return "http://localhost:" + STRANGER.getAddress().getPort() + path;
    }

    /** The app's address of {@code path}, on 127.0.0.1: another site than the hosts. */
    protected String app(String path) {
        return "http://127.0.0.1:" + appPort + path;
    }

    private static HttpServer serve() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body;
                String type = "text/html; charset=utf-8";
                if (PAGES.containsKey(path)) {
                    body = PAGES.get(path).getBytes(StandardCharsets.UTF_8);
                } else if (path.startsWith("/docs/") && !path.contains("..")
                        && Files.isRegularFile(Path.of("." + path))) {
                    body = Files.readAllBytes(Path.of("." + path));
                    type = path.endsWith(".html") ? type : "application/octet-stream";
                } else {
                    body = "not found".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(404, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
