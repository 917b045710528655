package lab.jielong.embed.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jsoup.nodes.DataNode;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;

/**
 * Before Vaadin starts on an embed page, asks {@code /embed-check} whether the browser sent the session cookie
 * back; if it refused the cookie (Safari in a cross-site frame, or cookies blocked), nothing the visitor does
 * could be remembered, so the page is covered by a note saying so, with a link that opens it in a new tab (where
 * the cookie is first-party). A small inline script added to the embed pages' HTML, so it runs even when Vaadin
 * itself cannot start.
 */
@Component
class CookieCheck implements VaadinServiceInitListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** $TEXTS: the notice's two texts as JSON; $CHECK: the check's address. */
    static final String SCRIPT =
            """
                    (function () {
                      var texts = $TEXTS;
                      function refused() {
                        if (document.getElementById('cookie-notice')) return;
                        var notice = document.createElement('div');
                        notice.id = 'cookie-notice';
                        notice.className = 'jl-cookie-notice';
                        notice.setAttribute('role', 'alert');
                        notice.style.cssText = 'position:fixed;inset:0;z-index:100000;display:flex;align-items:center;'
                          + 'justify-content:center;padding:1.5em;background:#fff;color:#1f2328;text-align:center;font:16px/1.6 sans-serif';
                        var text = document.createElement('p');
                        text.textContent = texts.refused;
                        var link = document.createElement('a');
                        link.href = location.href;
                        link.target = '_blank';
                        link.rel = 'noopener';
                        link.textContent = texts.newTab;
                        link.style.fontWeight = '600';
                        var box = document.createElement('div');
                        box.append(text, link);
                        notice.append(box);
                        document.body.append(notice);
                      }
                      if (!navigator.cookieEnabled) { window.jielongSession = false; refused(); return; }
                      fetch($CHECK, { credentials: 'same-origin', cache: 'no-store' })
                        .then(function (r) { return r.json(); })
                        .then(function (answer) { window.jielongSession = answer.session; if (!answer.session) refused(); })
                        .catch(function () { });
                    })();""";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        I18NProvider i18n = event.getSource().getInstantiator().getI18NProvider();
        event.addIndexHtmlRequestListener(response -> addTo(response, i18n));
    }

    private static void addTo(IndexHtmlResponse response, I18NProvider i18n) {
        VaadinRequest request = response.getVaadinRequest();
        if (!(request instanceof VaadinServletRequest servlet)) {
            return;
        }
        HttpServletRequest http = servlet.getHttpServletRequest();
        Object forwarded = http.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String uri = forwarded != null ? forwarded.toString() : http.getRequestURI();
        String context = http.getContextPath();
        if (!uri.startsWith(context + "/embed/") && !uri.equals(context + "/embed")) {
            return;
        }
        Locale locale = language(http);
        String texts = json(Map.of("refused", i18n.getTranslation("embed.cookies.refused", locale),
                "newTab", i18n.getTranslation("embed.cookies.newTab", locale)));
        String script = SCRIPT.replace("$TEXTS", texts).replace("$CHECK", json(context + "/embed-check"));
        response.getDocument().body().appendElement("script").appendChild(new DataNode(script));
    }

    /** The link's {@code lang}, else the browser's first of zh or en, else English. */
    private static Locale language(HttpServletRequest http) {
        String lang = http.getParameter("lang");
        String wanted = lang != null ? lang : http.getHeader("Accept-Language");
        if (wanted != null) {
            for (String part : wanted.split(",")) {
                String tag = part.trim().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.ENGLISH;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
