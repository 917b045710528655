package lab.jielong.embed.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.WildcardParameter;
import lab.jielong.embed.AllowedOrigins;
import lab.jielong.embed.EmbedEvents;
import lab.jielong.embed.UrlState;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The chrome-less page at {@code /embed/<path>}: the {@link lab.jielong.embed.Embeddable} view for that path,
 * sized to the frame it is shown in, with only what an embed needs around it: the notes on the link's
 * parameters, a footer with "share / embed" and a link to the full page, and the line to the host page
 * ({@link EmbedBridge}: events by {@code postMessage}, the frame's height, the session-cookie check).
 * {@code /embed} alone (or an unknown path) lists what can be embedded, never an error page.
 *
 * <p>The view is made here, as Vaadin makes route targets (constructor injection), and receives this
 * navigation's {@code BeforeEnterEvent}, so it reads its link parameters exactly as on its own page.
 */
@Route("embed")
class EmbedView extends Div
        implements HasUrlParameter<String>, AfterNavigationObserver, HasDynamicTitle, LocaleChangeObserver {

    private final AllowedOrigins origins;
    private final StateNotes notes = new StateNotes();
    private final Div content = new Div();
    private final Div footer = new Div();
    private final ShareButton share = new ShareButton();
    private final Anchor fullPage = new Anchor();
    private Optional<Embeddables.Entry> entry = Optional.empty();
    private Optional<Component> inner = Optional.empty();
    private String requested = "";
    private Optional<EmbedBridge> bridge = Optional.empty();

    EmbedView(AllowedOrigins origins) {
        this.origins = origins;
        addClassName("jl-embed");
        content.addClassName("jl-embed-content");
        footer.addClassName("jl-embed-footer");
        fullPage.setId("embed-full-page");
        fullPage.setTarget(AnchorTarget.BLANK);
        fullPage.getElement().setAttribute("rel", "noopener");
        footer.add(share, fullPage);
        add(notes, content, footer);
    }

    /** The embedded view, once the path named one. */
    Optional<Component> inner() {
        return inner;
    }

    @Override
    public void setParameter(BeforeEvent event, @WildcardParameter String path) {
        requested = path == null ? "" : path;
        UrlState state = UrlState.of(event);
        state.applyTo(event.getUI());
        Optional<Embeddables.Entry> found = Embeddables.byEmbedPath(requested);
        if (found.isPresent() && found.equals(entry) && inner.isPresent()) {
            // The same widget with another link: Vaadin hands the navigation to the view already shown.
        } else {
            entry = found;
            content.removeAll();
            inner = Optional.empty();
            if (entry.isEmpty()) {
                if (!requested.isEmpty()) {
                    state.note("embed.unknown", requested);
                }
                content.add(index());
            } else {
                Component view = Instantiator.get(event.getUI()).createComponent(entry.get().view());
                inner = Optional.of(view);
                content.add(view);
                if (bridge.isEmpty()) {
                    bridge = Optional.of(EmbedBridge.install(event.getUI(), requested, state.xapi(), origins,
                            lastValues(event)));
                    EmbedEvents.route(this, bridge.get());
                }
                if (view instanceof BeforeEnterObserver observer && event instanceof BeforeEnterEvent enter) {
                    observer.beforeEnter(enter);            // made after Vaadin collected the observers
                }
            }
        }
        share.setVisible(!state.hidden().contains("share"));
        footer.setVisible(!state.hidden().contains("footer"));
        fullPage.setVisible(entry.flatMap(Embeddables.Entry::pagePath).isPresent());
        entry.flatMap(Embeddables.Entry::pagePath)
                .ifPresent(page -> fullPage.setHref("./" + page + SharedPage.query(withoutHide(event))));
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        notes.show(UrlState.of(event).notes());
    }

    @Override
    public String getPageTitle() {
        String app = getTranslation("app.title");
        return inner.filter(HasDynamicTitle.class::isInstance).map(v -> ((HasDynamicTitle) v).getPageTitle())
                .orElse(getTranslation("embed.index.title") + " · " + app);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        fullPage.setText(getTranslation("embed.fullPage"));
        getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
        if (entry.isEmpty()) {
            content.removeAll();
            content.add(index());
        }
    }

    /** What can be embedded here, each a link. */
    private Component index() {
        Div index = new Div();
        index.setId("embed-index");
        index.add(new H2(getTranslation("embed.index.heading")), new Paragraph(getTranslation("embed.index.intro")));
        UnorderedList list = new UnorderedList();
        for (Embeddables.Entry e : Embeddables.all()) {
            String name = e.titleKey().isEmpty() ? e.embedPath() : getTranslation(e.titleKey());
            list.add(new ListItem(new Anchor("embed/" + e.embedPath(), name + " — /embed/" + e.embedPath())));
        }
        index.add(list);
        return index;
    }

    /** The link's parameters for the full page: the same state, with every control shown. */
    private static Map<String, String> withoutHide(BeforeEvent event) {
        Map<String, String> parameters = lastValues(event);
        parameters.remove(UrlState.HIDE);
        return parameters;
    }

    /** Each of the link's parameters with its last value. */
    private static Map<String, String> lastValues(BeforeEvent event) {
        Map<String, String> parameters = new LinkedHashMap<>();
        event.getLocation().getQueryParameters().getParameters().forEach((name, values) -> {
            if (!values.isEmpty()) {
                parameters.put(name, values.get(values.size() - 1));
            }
        });
        return parameters;
    }
}
