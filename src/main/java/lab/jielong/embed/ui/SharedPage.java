package lab.jielong.embed.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import lab.jielong.embed.ShareableState;
import lab.jielong.embed.UrlState;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The page a visitor is sharing: which view it shows, where its page and its embed live, and its state now, from
 * which the share dialog builds the links and snippets.
 *
 * @param view     the view (inside the embed page, the embedded view)
 * @param entry    its embedding, if it is embeddable
 * @param pagePath its path on the site, if it has a page there
 * @param baseUrl  this server as the visitor reached it ({@code https://jielong.example})
 * @param link     the page-wide parameters of the current link ({@code hide}, {@code xapi})
 */
record SharedPage(Component view, Optional<Embeddables.Entry> entry, Optional<String> pagePath, String baseUrl,
        UrlState link, Locale locale, boolean dark) {

    static SharedPage of(UI ui) {
        List<HasElement> chain = ui.getInternals().getActiveRouterTargetsChain();
        Component target = chain.isEmpty() ? ui : (Component) chain.get(0);
        Component view = target instanceof EmbedView embed ? embed.inner().orElse(target) : target;
        Optional<Embeddables.Entry> entry = Embeddables.byView(view.getClass());
        Location location = ui.getInternals().getActiveViewLocation();
        Optional<String> page = target instanceof EmbedView ? entry.flatMap(Embeddables.Entry::pagePath)
                : Optional.of(location.getPath());
        UrlState link =
                Optional.ofNullable(ComponentUtil.getData(ui, UrlState.class)).orElseGet(() -> UrlState.of(location));
        return new SharedPage(view, entry, page, serverBase(), link, ui.getLocale(),
                ui.getElement().getThemeList().contains("dark"));
    }

    /** The view's own state, then the page-wide choices. */
    Map<String, String> parameters(boolean darkTheme, Collection<String> hide, boolean xapi) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(UrlState.LANG, "zh".equals(locale.getLanguage()) ? "zh" : "en");
        if (darkTheme) {
            p.put(UrlState.THEME, "dark");
        }
        if (view instanceof ShareableState shareable) {
            p.putAll(shareable.sharedState());
        }
        if (!hide.isEmpty()) {
            p.put(UrlState.HIDE, String.join(",", hide));
        }
        if (xapi) {
            p.put(UrlState.XAPI, "true");
        }
        return p;
    }

    /** What {@code hide} can name on this view: its own controls, then the embed page's. */
    List<String> hideable() {
        List<String> names = new ArrayList<>();
        if (view instanceof ShareableState shareable) {
            names.addAll(shareable.hideableControls());
        }
        if (entry.isPresent()) {
            names.addAll(List.of("share", "footer"));
        }
        return names;
    }

    Optional<String> pageUrl(Map<String, String> parameters) {
        return pagePath.map(path -> baseUrl + "/" + path + query(parameters));
    }

    Optional<String> embedUrl(Map<String, String> parameters) {
        return entry.map(e -> baseUrl + "/embed/" + e.embedPath() + query(parameters));
    }

    static String query(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        StringBuilder q = new StringBuilder();
        parameters.forEach((name, value) -> q.append(q.length() == 0 ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",")));
        return q.toString();
    }

    /** This server's base address as the current request reached it, with the context path. */
    static String serverBase() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request instanceof VaadinServletRequest servlet) {
            HttpServletRequest http = servlet.getHttpServletRequest();
            String scheme = http.getScheme();
            int port = http.getServerPort();
            boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
            return scheme + "://" + http.getServerName() + (defaultPort ? "" : ":" + port) + http.getContextPath();
        }
        return "";
    }
}
