package lab.jielong.embed.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.webcomponent.EventOptions;
import com.vaadin.flow.component.webcomponent.WebComponent;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationTrigger;
import com.vaadin.flow.router.QueryParameters;
import lab.jielong.embed.EmbedEvents;
import lab.jielong.embed.UrlState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An embeddable view inside a custom element ({@code <jielong-game mode="sound">}): the element's attributes are
 * the link parameters of its embed page, handed to the view as a navigation would be; its events leave as DOM
 * events of the element ({@code element.addEventListener('jielong:move', e => e.detail)}), in the same format as
 * the frame's messages. There is no navigation in a custom element, so the view gets a {@code BeforeEnterEvent}
 * made here, once per round trip in which attributes changed.
 */
public abstract class ElementWidget extends Div {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final StateNotes notes = new StateNotes();
    private Optional<Component> inner = Optional.empty();
    private boolean applyScheduled;

    protected ElementWidget(String path) {
        this.path = path;
        addClassName("jl-embed");
        addClassName("jl-element");
        add(notes);
    }

    /** Sets one attribute (a link parameter); empty or null removes it. */
    void set(String name, String value) {
        if (value == null || value.isBlank()) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        scheduleApply();
    }

    /** Sends the view's events to the element as DOM events (bubbling, so a page can listen anywhere). */
    void connect(WebComponent<? extends ElementWidget> element) {
        EmbedEvents.route(this, (type, data, statement) -> {
            boolean xapi = UrlState.of(QueryParameters.simple(attributes)).xapi();
            EventMessages messages =
                    new EventMessages(path, SharedPage.serverBase(), xapi, getUI().orElseThrow().getSession());
            JsonNode detail = JSON.valueToTree(messages.message(type, data, statement));
            element.fireEvent(type, detail, new EventOptions(true, false, true));
        });
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (inner.isEmpty()) {
            Embeddables.Entry entry = Embeddables.byEmbedPath(path)
                    .orElseThrow(() -> new IllegalStateException("nothing is embeddable at " + path));
            Component view = Instantiator.get(event.getUI()).createComponent(entry.view());
            inner = Optional.of(view);
            add(view);
        }
        scheduleApply();
    }

    private void scheduleApply() {
        if (applyScheduled) {
            return;
        }
        getUI().ifPresent(ui -> {
            applyScheduled = true;
            ui.beforeClientResponse(this, context -> {
                applyScheduled = false;
                apply(ui);
            });
        });
    }

    /** Hands the attributes to the view as the link of a navigation to its embed page. */
    private void apply(UI ui) {
        if (inner.isEmpty()) {
            return;
        }
        Location location = new Location("embed/" + path, QueryParameters.simple(attributes));
        // A custom element's UI has no router of its own: the service's is the event's source.
        BeforeEnterEvent event =
                new BeforeEnterEvent(ui.getSession().getService().getRouter(), NavigationTrigger.PROGRAMMATIC,
                        location, inner.get().getClass(), ui, List.of());
        UrlState state = UrlState.of(event);
        state.language().ifPresent(ui::setLocale);
        getElement().getThemeList().set("dark", state.dark());
        if (inner.get() instanceof BeforeEnterObserver observer) {
            observer.beforeEnter(event);
        }
        notes.show(state.notes());
    }
}
