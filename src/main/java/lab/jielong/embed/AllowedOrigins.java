package lab.jielong.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one allow-list of other sites: who may frame the pages (CSP {@code frame-ancestors}), read the API and
 * the custom elements' files across origins (CORS), and receive the embedded pages' {@code postMessage} events.
 *
 * <p>{@code jielong.embed.origins}: a comma-separated list of origins ({@code https://canvas.example.edu}),
 * {@code *} for any site, or {@code self} for this site only. Unset, it is {@code *} in development and
 * {@code self} in a production build ({@code -Pproduction}), so a deployment lets other sites in only when it
 * names them. A malformed entry stops start-up with a message naming it.
 */
@Component
public class AllowedOrigins {

    private final boolean any;
    private final Set<String> origins;

    @Autowired
    public AllowedOrigins(@Value("${jielong.embed.origins:#{null}}") String configured, Environment environment) {
        this(configured == null ? (isProduction(environment) ? "self" : "*") : configured);
    }

    AllowedOrigins(String list) {
        Set<String> found = new LinkedHashSet<>();
        boolean star = false;
        for (String entry : list.split(",")) {
            String e = entry.trim();
            if (e.isEmpty() || e.equalsIgnoreCase("self") || e.equals("'self'")) {
                continue;
            }
            if (e.equals("*")) {
                star = true;
                continue;
            }
            found.add(normalise(e).orElseThrow(() -> new IllegalArgumentException(
                    "jielong.embed.origins: \"" + e + "\" is not an origin such as https://courses.example.edu")));
        }
        this.any = star;
        this.origins = Collections.unmodifiableSet(found);
    }

    /** Any site may embed and call: the development default. */
    public boolean any() {
        return any;
    }

    /** Other sites may embed the pages at all (then the session cookie must survive a cross-site frame). */
    public boolean crossSite() {
        return any || !origins.isEmpty();
    }

    /** The origins listed by name (empty for {@code *} or {@code self}). */
    public Set<String> listed() {
        return origins;
    }

    /** Whether {@code origin} (as a browser sends it: scheme, host, port) is allowed. */
    public boolean allows(String origin) {
        Optional<String> normal = origin == null ? Optional.empty() : normalise(origin.trim());
        return normal.isPresent() && (any || origins.contains(normal.get()));
    }

    /** The CSP {@code frame-ancestors} source list: {@code *}, or {@code 'self'} and the listed origins. */
    public String frameAncestors() {
        if (any) {
            return "*";
        }
        StringBuilder sources = new StringBuilder("'self'");
        origins.forEach(o -> sources.append(' ').append(o));
        return sources.toString();
    }

    /**
     * {@code scheme://host[:port]} in lower case, without a default port or a trailing slash; empty for anything
     * that is not an http(s) origin (a path, a query, {@code null}, a file).
     */
    static Optional<String> normalise(String origin) {
        try {
            URI uri = URI.create(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return Optional
                    .of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A production build: {@code vaadin.productionMode} if set, else the flag the Vaadin Maven plugin writes into
     * {@code META-INF/VAADIN/config/flow-build-info.json} (true only after {@code -Pproduction}).
     */
    static boolean isProduction(Environment environment) {
        String property =
                environment.getProperty("vaadin.productionMode", environment.getProperty("vaadin.production-mode"));
        if (property != null) {
            return Boolean.parseBoolean(property);
        }
        try (InputStream in =
                AllowedOrigins.class.getResourceAsStream("/META-INF/VAADIN/config/flow-build-info.json")) {
            if (in == null) {
                return false;
            }
            JsonNode info = new ObjectMapper().readTree(in);
            return info.path("productionMode").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return any ? "*" : origins.isEmpty() ? "self" : String.join(", ", origins);
    }
}
