package lab.jielong.embed.ui;

import com.vaadin.flow.server.VaadinSession;
import lab.jielong.embed.EmbedEvents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The messages an embedded widget sends its host, the same for a frame ({@code postMessage}) and a custom
 * element (DOM events): {@code {type, v: 1, widget, …data, xapi?}}. With {@code xapi}, events that describe a
 * learner's act carry an xAPI statement: an anonymous actor for this visit (a random name kept in the session,
 * nothing personal), an ADL verb, the widget as the activity, and the result. Schema: {@code docs/embed.md}.
 *
 * @param widget the embed path ({@code play}, {@code guess}, {@code peek})
 * @param home   this server's base address
 */
record EventMessages(String widget, String home, boolean xapi, VaadinSession session) {

    /** Version of the message format. */
    static final int VERSION = 1;
    /** The session attribute holding the visitor's anonymous xAPI account name. */
    static final String XAPI_ACTOR = "jielong.embed.actor";

    /** The activity's id: the widget's embed address. */
    String activity() {
        return home + "/embed/" + widget;
    }

    Map<String, Object> message(String type, Map<String, Object> data, Optional<EmbedEvents.Statement> statement) {
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
        statement.put("verb",
                Map.of("id", "http://adlnet.gov/expapi/verbs/" + s.verb(), "display", Map.of("en-US", s.verb())));
        statement.put("object", Map.of("objectType", "Activity", "id", activity(),
                "definition", Map.of("type", "http://adlnet.gov/expapi/activities/interaction")));
        statement.put("result", result);
        statement.put("timestamp", Instant.now().toString());
        return statement;
    }

    /** A random name for this visit, the same for all its statements. */
    private String actor() {
        Object name = session.getAttribute(XAPI_ACTOR);
        if (name == null) {
            name = "anonymous-" + UUID.randomUUID();
            session.setAttribute(XAPI_ACTOR, name);
        }
        return name.toString();
    }
}
