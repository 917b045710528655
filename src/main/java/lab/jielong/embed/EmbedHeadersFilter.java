package lab.jielong.embed;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The headers other sites depend on, set on every response before anything else answers, so they also reach
 * what bypasses the Vaadin servlet's own handling: the custom elements' scripts ({@code /web-component/…}),
 * the static bundle files ({@code /VAADIN/…}), the JSON API and its error answers.
 *
 * <ul>
 * <li>{@code Content-Security-Policy: frame-ancestors …} from {@link AllowedOrigins}; no {@code X-Frame-Options}
 *     (it cannot name several sites, and a browser that sees both obeys the CSP).</li>
 * <li>CORS for an allowed {@code Origin}: that origin echoed (never {@code *}: the custom elements' requests carry
 *     the session cookie), credentials allowed, {@code Vary: Origin}; a preflight is answered here. An origin not on
 *     the list gets no CORS headers, and its preflight 403.</li>
 * </ul>
 */
class EmbedHeadersFilter extends OncePerRequestFilter {

    static final String METHODS = "GET, POST, OPTIONS";
    /**
     * Request headers a cross-origin caller may send (beyond the CORS-safelisted ones); {@code x-devmodepoll} is how
     * a custom element's script waits for Vaadin's development bundle.
     */
    static final Set<String> HEADERS = Set.of("content-type", "accept", "accept-language", "x-devmodepoll");

    private final AllowedOrigins origins;

    EmbedHeadersFilter(AllowedOrigins origins) {
        this.origins = origins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", "frame-ancestors " + origins.frameAncestors());
        String origin = request.getHeader("Origin");
        boolean crossOrigin = origin != null && !origin.equals(ownOrigin(request));
        boolean preflight = "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
        if (crossOrigin) {
            response.addHeader("Vary", "Origin");
            if (!origins.allows(origin)) {
                if (preflight) {
                    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                    return;
                }
                chain.doFilter(request, response);      // answered, but the browser will not let the page read it
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Access-Control-Expose-Headers", "Retry-After, X-DevModePending");
            if (preflight) {
                response.setHeader("Access-Control-Allow-Methods", METHODS);
                String asked = request.getHeader("Access-Control-Request-Headers");
                if (asked != null && !asked.isBlank()) {
                    response.setHeader("Access-Control-Allow-Headers", Arrays.stream(asked.split(","))
                            .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(HEADERS::contains)
                            .collect(Collectors.joining(", ")));
                }
                response.setHeader("Access-Control-Max-Age", "600");
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** This server's origin as the request reached it. */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
