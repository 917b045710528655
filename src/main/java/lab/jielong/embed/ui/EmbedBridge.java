package lab.jielong.embed.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import lab.jielong.embed.AllowedOrigins;
import lab.jielong.embed.EmbedEvents;

import java.util.Map;
import java.util.Optional;

/**
 * The embed page's line to the page that frames it. On the client, a small script ({@link #INSTALL}) finds the
 * parent's origin and queues messages; the server accepts that origin only if {@link AllowedOrigins} allows it
 * (or it is this site), then every message goes to {@code window.parent.postMessage(message, thatOrigin)} — an
 * explicit target origin, never {@code *}, so a page that is not the allowed parent can never read them. Events
 * are {@code {type: 'jielong:…', v: 1, widget, …}}, with an xAPI statement when the link asks for
 * {@code xapi=true}; the frame's height goes out as Canvas's {@code lti.frameResize} (and {@code jielong:resize})
 * whenever it changes. Schema: {@code docs/embed.md}. (Whether the browser kept the session cookie is checked
 * before Vaadin starts, by {@link CookieCheck}.)
 */
final class EmbedBridge implements EmbedEvents.Sink {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Installs {@code window.jielongEmbed} (queue, post, setTarget) and returns the parent's origin (null when not
     * framed).
     */
    static final String INSTALL =
            """
                    const framed = window.parent !== window;
                    let parentOrigin = null;
                    if (framed) {
                      if (location.ancestorOrigins && location.ancestorOrigins.length) {
                        parentOrigin = location.ancestorOrigins[0];
                      } else if (document.referrer) {
                        try { parentOrigin = new URL(document.referrer).origin; } catch (e) { parentOrigin = null; }
                      }
                    }
                    const bridge = window.jielongEmbed = window.jielongEmbed || { queue: [], target: undefined, sent: [] };
                    bridge.post = function (message) {
                      if (bridge.target === undefined) { bridge.queue.push(message); return; }
                      if (bridge.target) { window.parent.postMessage(message, bridge.target); bridge.sent.push(message.type || message.subject); }
                    };
                    bridge.height = function () {
                      const root = document.querySelector('.jl-embed');
                      return Math.ceil(root ? root.getBoundingClientRect().height : document.documentElement.scrollHeight);
                    };
                    bridge.sendSize = function (always) {
                      const h = bridge.height();
                      if (!always && h === bridge.lastHeight) return;
                      bridge.lastHeight = h;
                      bridge.post({ subject: 'lti.frameResize', height: h });
                      bridge.post({ type: 'jielong:resize', v: 1, height: h });
                    };
                    bridge.setTarget = function (origin, ready) {
                      bridge.target = origin || null;
                      const queued = bridge.queue;
                      bridge.queue = [];
                      if (!bridge.target) return;
                      bridge.post(ready);
                      queued.forEach(bridge.post);
                      let pending = false;
                      const observer = new ResizeObserver(() => {
                        if (pending) return;
                        pending = true;
                        requestAnimationFrame(() => { pending = false; bridge.sendSize(false); });
                      });
                      observer.observe(document.querySelector('.jl-embed') || document.documentElement);
                      window.addEventListener('message', (e) => {
                        if (e.source !== window.parent || e.origin !== bridge.target) return;
                        let d = e.data;
                        if (typeof d === 'string') { try { d = JSON.parse(d); } catch (x) { return; } }
                        if (d && (d.subject === 'lti.frameResize' || d.type === 'jielong:size')) bridge.sendSize(true);
                      });
                      bridge.sendSize(true);
                    };
                    return parentOrigin;""";

    private final UI ui;
    private final EventMessages messages;

    private EmbedBridge(UI ui, EventMessages messages) {
        this.ui = ui;
        this.messages = messages;
    }

    /**
     * Installs the bridge for {@code widget} in {@code ui}; once the client reports the parent's origin, the
     * allowed one becomes the target and {@code jielong:ready} goes out with {@code state}.
     */
    static EmbedBridge install(UI ui, String widget, boolean xapi, AllowedOrigins origins, Map<String, String> state) {
        String base = SharedPage.serverBase();
        EmbedBridge bridge = new EmbedBridge(ui, new EventMessages(widget, base, xapi, ui.getSession()));
        ui.getPage().executeJs(INSTALL)
                .then(String.class, origin -> bridge.accept(origin, origins, base, state),
                        error -> {
                        });
        return bridge;
    }

    /** The parent's origin as the client saw it: the target if allowed, else nothing is ever posted. */
    private void accept(String origin, AllowedOrigins origins, String base, Map<String, String> state) {
        boolean allowed = origin != null && (origins.allows(origin) || origin.equals(base));
        Map<String, Object> ready = messages.message(EmbedEvents.READY,
                Map.of("url", messages.activity(), "state", state), Optional.empty());
        ui.getPage().executeJs("window.jielongEmbed && window.jielongEmbed.setTarget($0, JSON.parse($1))",
                allowed ? origin : null, json(ready));
    }

    @Override
    public void post(String type, Map<String, Object> data, Optional<EmbedEvents.Statement> statement) {
        ui.getPage().executeJs("window.jielongEmbed && window.jielongEmbed.post(JSON.parse($0))",
                json(messages.message(type, data, statement)));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an embed event that cannot be written as JSON: " + value, e);
        }
    }
}
