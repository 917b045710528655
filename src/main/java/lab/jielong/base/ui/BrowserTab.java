package lab.jielong.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What a page keeps per browser tab rather than per session, so two tabs of one browser do not share (and
 * overwrite) it, while a reload keeps it. A tab is known by its window name ({@code window.name}, which
 * Vaadin's client sets once per tab and the browser keeps across reloads of that tab); it arrives with one
 * round trip ({@code Page.retrieveExtendedClientDetails}). Within one page load the value also lives on the
 * {@link UI}, so moving between pages of the same tab needs no round trip.
 *
 * <p>Values are strings (a page's saved form), one per tab and key, kept in the Vaadin session: the
 * {@value #MAX_VALUES} used last. Each is also mirrored into the tab's own {@code sessionStorage}, which outlives the
 * Vaadin session (it expired, or the server restarted and the tab reloaded into a new one) but not the tab:
 * {@link #whenKnownOrInTab} hands it back when the session has nothing, and says it came from the tab. What comes
 * back from the browser is untrusted text: the page checks it as it would any saved form.
 */
public final class BrowserTab {

    /** Values remembered per session; the one used longest ago is forgotten first. */
    static final int MAX_VALUES = 64;
    /** The longest value taken back from a tab's own storage. */
    static final int MAX_TAB_VALUE = 16_384;
    /** Keys in the tab's {@code sessionStorage}. */
    static final String STORAGE_PREFIX = "jielong/";

    private BrowserTab() {
    }

    /** The value this UI holds for {@code key} (set during this page load); empty after a reload. */
    public static Optional<String> inThisPage(UI ui, String key) {
        return Optional.ofNullable(values(ui).get(key));
    }

    /**
     * Calls {@code restored} with the value the session keeps for this tab under {@code key} (empty when there
     * is none: a new tab, or a session that expired), once the tab is known; at once if it already is.
     */
    public static void whenKnown(UI ui, String key, Consumer<Optional<String>> restored) {
        String known = ComponentUtil.getData(ui, TabName.class) == null ? null
                : ComponentUtil.getData(ui, TabName.class).name();
        if (known != null) {
            restored.accept(Optional.ofNullable(store(ui.getSession()).get(known + "/" + key)));
            return;
        }
        ui.getPage().retrieveExtendedClientDetails(details -> {
            String name = details.getWindowName();
            ComponentUtil.setData(ui, TabName.class, new TabName(name == null ? "" : name));
            String kept = store(ui.getSession()).get(name + "/" + key);     // looked up before this page's values join
            // what this page load already holds (it did not wait for the name) goes with the tab from now on
            values(ui).forEach((k, v) -> store(ui.getSession()).putIfAbsent(name + "/" + k, v));
            restored.accept(Optional.ofNullable(kept));
        });
    }

    /**
     * Like {@link #whenKnown}, but when the session keeps nothing for this tab, asks the tab's own copy
     * ({@code sessionStorage}); {@code restored} hears the value and whether it came from the tab (then the session
     * had ended since it was saved). A value longer than {@value #MAX_TAB_VALUE} characters is ignored.
     */
    public static void whenKnownOrInTab(UI ui, String key, BiConsumer<Optional<String>, Boolean> restored) {
        whenKnown(ui, key, kept -> {
            if (kept.isPresent()) {
                restored.accept(kept, false);
                return;
            }
            ui.getPage().executeJs("try { return sessionStorage.getItem($0); } catch (e) { return null; }",
                    STORAGE_PREFIX + key).then(String.class, value -> {
                        boolean usable = value != null && !value.isEmpty() && value.length() <= MAX_TAB_VALUE;
                        restored.accept(usable ? Optional.of(value) : Optional.empty(), usable);
                    }, error -> restored.accept(Optional.empty(), false));
        });
    }

    /** Keeps {@code value} for this tab under {@code key}: on the UI now, in the session once the tab is known. */
    public static void save(UI ui, String key, String value) {
        values(ui).put(key, value);
        TabName tab = ComponentUtil.getData(ui, TabName.class);
        if (tab != null) {
            store(ui.getSession()).put(tab.name() + "/" + key, value);
            // mirrored only once the tab is known, so a page's first state never overwrites what the tab kept
            ui.getPage().executeJs("try { sessionStorage.setItem($0, $1); } catch (e) { }", STORAGE_PREFIX + key,
                    value);
        }
    }

    private record TabName(String name) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> values(UI ui) {
        Map<String, String> values = ComponentUtil.getData(ui, PageValues.class);
        if (values == null) {
            values = new PageValues();
            ComponentUtil.setData(ui, PageValues.class, (PageValues) values);
        }
        return values;
    }

    private static Map<String, String> store(VaadinSession session) {
        Store store = session.getAttribute(Store.class);
        if (store == null) {
            store = new Store();
            session.setAttribute(Store.class, store);
        }
        return store;
    }

    /** This page load's values, by key. */
    private static final class PageValues extends LinkedHashMap<String, String> {
    }

    /** The session's values by {@code <tab>/<key>}, least recently used first, at most {@value #MAX_VALUES}. */
    private static final class Store extends LinkedHashMap<String, String> implements Serializable {
        Store() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_VALUES;
        }
    }
}
