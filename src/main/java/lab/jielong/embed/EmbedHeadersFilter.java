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
 * The security headers, and those other sites depend on, set on every response before anything else answers, so
 * they also reach what bypasses the Vaadin servlet's own handling: the custom elements' scripts
 * ({@code /web-component/…}), the static bundle files ({@code /VAADIN/…}), the JSON API and its error answers,
 * Actuator's health. The one place the server's headers are set.
 *
 * <ul>
 * <li>{@code Content-Security-Policy} ({@link #policy}): what Vaadin and ECharts need and nothing else, with
 *     {@code frame-ancestors …} from {@link AllowedOrigins}; no {@code X-Frame-Options} (it cannot name several
 *     sites, and a browser that sees both obeys the CSP).</li>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: strict-origin-when-cross-origin} and a
 *     {@code Permissions-Policy} that turns off the devices and APIs no page uses.</li>
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

    /** Powerful features no page uses, turned off for the pages and anything they might frame. */
    static final String PERMISSIONS = "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
            + "hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";

    /**
     * The Content-Security-Policy. Vaadin Flow needs {@code 'unsafe-inline'} (its bootstrap script and the theme's
     * style tags) and {@code 'unsafe-eval'} ({@code executeJs} runs through {@code new Function}), in development and
     * production alike; push and the development tools' live reload connect back to this origin, which
     * {@code 'self'} covers for {@code ws:} as well. ECharts draws on a canvas and needs nothing more. Images may be
     * {@code data:} URLs (Lumo's icons, the QR code's fallback); the share dialog's preview frames this site only.
     */
    static String policy(String frameAncestors) {
        return "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
                + "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + "frame-ancestors " + frameAncestors;
    }

    private final AllowedOrigins origins;

    EmbedHeadersFilter(AllowedOrigins origins) {
        this.origins = origins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", policy(origins.frameAncestors()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Permissions-Policy", PERMISSIONS);
        String origin = request.getHeader("Origin");
        boolean crossOrigin = origin != null && !origin.equals(ownOrigin(request));
        boolean preflight =
                "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
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
