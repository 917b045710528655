package lab.jielong.embed;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;

import java.util.Map;
import java.util.Optional;

/**
 * Events a page reports to the site that embeds it: {@code jielong:move}, {@code jielong:score},
 * {@code jielong:gameOver} ({@code jielong:ready} is sent by the embed page itself). A view calls these
 * wherever it is shown; they reach a host only when the view is embedded (in a frame, through
 * {@code postMessage} to the allowed parent origin, or as DOM events of the custom element), and do nothing on
 * the site's own pages. The message format is documented in {@code docs/embed.md}.
 */
public final class EmbedEvents {

    public static final String READY = "jielong:ready";
    public static final String MOVE = "jielong:move";
    public static final String SCORE = "jielong:score";
    public static final String GAME_OVER = "jielong:gameOver";

    private EmbedEvents() {
    }

    /**
     * An optional xAPI description of the event (verb, the learner's response, result); the embed turns it into an
     * xAPI statement (actor, verb, object, result) when the link asks for {@code xapi=true}.
     *
     * @param verb     {@code answered}, {@code scored} or {@code completed} (ADL verbs)
     * @param response what the learner gave, e.g. the idiom played
     * @param success  whether it was right or won
     * @param raw      a score, with {@code max} when there is one
     */
    public record Statement(String verb, String response, Boolean success, Double raw, Double max) {

        public static Statement answered(String response, boolean success) {
            return new Statement("answered", response, success, null, null);
        }

        public static Statement scored(double raw, Double max) {
            return new Statement("scored", null, null, raw, max);
        }

        public static Statement completed(boolean success, double raw) {
            return new Statement("completed", null, success, raw, null);
        }
    }

    /** Where the events of an embedded view go; set on a component that contains the view. */
    public interface Sink {
        void post(String type, Map<String, Object> data, Optional<Statement> statement);
    }

    /**
     * Posts {@code type} with {@code data} (plain values, lists and maps) to the sink of the nearest component
     * around {@code source} that has one, if any: a view on the site's own pages has none.
     */
    public static void post(Component source, String type, Map<String, Object> data, Statement statement) {
        for (Optional<Component> c = Optional.of(source); c.isPresent(); c = c.get().getParent()) {
            Sink sink = ComponentUtil.getData(c.get(), Sink.class);
            if (sink != null) {
                sink.post(type, data, Optional.ofNullable(statement));
                return;
            }
        }
    }

    public static void post(Component source, String type, Map<String, Object> data) {
        post(source, type, data, null);
    }

    /** Routes the events of every view inside {@code holder} to {@code sink} (null: nowhere). */
    public static void route(Component holder, Sink sink) {
        ComponentUtil.setData(holder, Sink.class, sink);
    }
}
