package lab.jielong.embed.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.embed.AllowedOrigins;
import lab.jielong.embed.EmbedEvents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

    /** Version of the message format. */
    static final int VERSION = 1;
    /** The session attribute holding the visitor's anonymous xAPI account name. */
    static final String XAPI_ACTOR = "jielong.embed.actor";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Installs {@code window.jielongEmbed} (queue, post, setTarget) and returns the parent's origin (null when not
     * framed).
     */
    static final String INSTALL = """
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
    private final String widget;
    private final String activity;
    private final boolean xapi;
    private final String home;

    private EmbedBridge(UI ui, String widget, String activity, boolean xapi, String home) {
        this.ui = ui;
        this.widget = widget;
        this.activity = activity;
        this.xapi = xapi;
        this.home = home;
    }

    /**
     * Installs the bridge for {@code widget} in {@code ui}; once the client reports the parent's origin, the
     * allowed one becomes the target and {@code jielong:ready} goes out with {@code state}.
     */
    static EmbedBridge install(UI ui, String widget, boolean xapi, AllowedOrigins origins, Map<String, String> state) {
        String base = SharedPage.serverBase();
        EmbedBridge bridge = new EmbedBridge(ui, widget, base + "/embed/" + widget, xapi, base);
        ui.getPage().executeJs(INSTALL)
                .then(String.class, origin -> bridge.accept(origin, origins, base, state),
                        error -> { });
        return bridge;
    }

    /** The parent's origin as the client saw it: the target if allowed, else nothing is ever posted. */
    private void accept(String origin, AllowedOrigins origins, String base, Map<String, String> state) {
        boolean allowed = origin != null && (origins.allows(origin) || origin.equals(base));
        Map<String, Object> ready = message(EmbedEvents.READY, Map.of("url", activity, "state", state), Optional.empty());
        ui.getPage().executeJs("window.jielongEmbed && window.jielongEmbed.setTarget($0, JSON.parse($1))",
                allowed ? origin : null, json(ready));
    }

    @Override
    public void post(String type, Map<String, Object> data, Optional<EmbedEvents.Statement> statement) {
        ui.getPage().executeJs("window.jielongEmbed && window.jielongEmbed.post(JSON.parse($0))",
                json(message(type, data, statement)));
    }

    private Map<String, Object> message(String type, Map<String, Object> data, Optional<EmbedEvents.Statement> statement) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("v", VERSION);
        message.put("widget", widget);
        data.forEach((k, v) -> {
            if (!k.equals("widget")) {
                message.put(k, v);
            }
        });
        if (xapi) {
            statement.ifPresent(s -> message.put("xapi", statement(s)));
        }
        return message;
    }

    /** An xAPI statement: an anonymous actor for this visit, an ADL verb, this widget as the activity, the result. */
    private Map<String, Object> statement(EmbedEvents.Statement s) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (s.success() != null) {
            result.put("success", s.success());
        }
        if (s.response() != null) {
            result.put("response", s.response());
        }
        if (s.raw() != null) {
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("raw", s.raw());
            if (s.max() != null) {
                score.put("max", s.max());
            }
            result.put("score", score);
        }
        if (s.verb().equals("completed")) {
            result.put("completion", true);
        }
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("actor", Map.of("objectType", "Agent", "account", Map.of("homePage", home, "name", actor())));
        statement.put("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/" + s.verb(), "display", Map.of("en-US", s.verb())));
        statement.put("object", Map.of("objectType", "Activity", "id", activity,
                "definition", Map.of("type", "http://adlnet.gov/expapi/activities/interaction")));
        statement.put("result", result);
        statement.put("timestamp", Instant.now().toString());
        return statement;
    }

    /** A random name for this visit, the same for all its statements; nothing personal. */
    private String actor() {
        VaadinSession session = ui.getSession();
        Object name = session.getAttribute(XAPI_ACTOR);
        if (name == null) {
            name = "anonymous-" + UUID.randomUUID();
            session.setAttribute(XAPI_ACTOR, name);
        }
        return name.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an embed event that cannot be written as JSON: " + value, e);
        }
    }
}
