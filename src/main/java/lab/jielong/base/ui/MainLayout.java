package lab.jielong.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import org.springframework.beans.factory.ObjectProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The page frame: the title and the 中文 | EN switch in the top bar, and the menu in the drawer (beside the
 * page on a wide screen, behind the ☰ toggle on a phone). The menu is made from the routes themselves: every
 * view annotated with {@link Menu} appears, in {@link Menu#order()}, titled by the translation of its
 * {@link Menu#title()} (a key such as {@code nav.play}); views whose path starts with {@code labs/} are
 * grouped under "Labs". So a new page adds itself, and this frame imports no view.
 *
 * <p>Features add to the frame through {@link FramePart}s (the embed feature: the link's {@code lang} and
 * {@code theme}, its notes above the page, "share / embed" in the top bar), so the frame imports no feature.
 */
public class MainLayout extends AppLayout
        implements LocaleChangeObserver, BeforeEnterObserver, AfterNavigationObserver {

    /** Paths under this prefix are grouped under "Labs". */
    static final String LABS = "labs/";

    private final H1 title = new H1();
    private final DrawerToggle toggle = new DrawerToggle();
    private final SideNav menu = new SideNav();
    private final SideNavItem labs = new SideNavItem("");
    /** Each menu item and the translation key of its title. */
    private final Map<SideNavItem, String> titles = new LinkedHashMap<>();
    private final Button chinese = new Button("中文", e -> Languages.switchTo(Languages.CHINESE));
    private final Button english = new Button("EN", e -> Languages.switchTo(Languages.ENGLISH));
    /** The features' parts of this frame. */
    private final List<FramePart> parts;
    /** What the parts put above every view. */
    private final List<Component> abovePage;
    /** The page: what the parts put above it, then the view. */
    private final Div page = new Div();

    public MainLayout(ObjectProvider<FramePart.Factory> partFactories) {
        parts = partFactories.orderedStream().map(FramePart.Factory::create).toList();
        abovePage = parts.stream().map(FramePart::abovePage).flatMap(Optional::stream).toList();
        title.addClassName("jl-title");
        toggle.setId("menu-toggle");

        chinese.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        english.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        chinese.getElement().setAttribute("lang", "zh");
        english.getElement().setAttribute("lang", "en");
        chinese.setId("lang-zh");
        english.setId("lang-en");
        HorizontalLayout languages = new HorizontalLayout(chinese, new Span("|"), english);
        languages.setAlignItems(FlexComponent.Alignment.CENTER);
        languages.setSpacing(false);
        languages.addClassName("jl-languages");

        Div bar = new Div(title);
        parts.forEach(part -> part.inBar().ifPresent(bar::add));
        bar.add(languages);
        bar.addClassName("jl-bar");
        addToNavbar(toggle, bar);

        menu.setId("menu");
        menu.addClassName("jl-menu");
        labs.setId("menu-labs");
        titles.put(labs, "nav.labs");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            String path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
            SideNavItem item = new SideNavItem(entry.title(), path);
            titles.put(item, entry.title());
            if (path.startsWith(LABS)) {
                if (labs.getItems().isEmpty()) {
                    menu.addItem(labs);                  // the group sits where its first lab would
                }
                labs.addItem(item);
            } else {
                menu.addItem(item);
            }
        }
        addToDrawer(new Scroller(menu));
        page.addClassName("jl-page");
        abovePage.forEach(page::add);
        setContent(page);
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        page.getChildren().filter(c -> !abovePage.contains(c)).toList().forEach(page::remove);
        if (content != null) {
            page.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        if (oldContent != null && oldContent.getElement().getParent() == page.getElement()) {
            page.getElement().removeChild(oldContent.getElement());
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parts.forEach(part -> part.beforeEnter(event));
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        parts.forEach(part -> part.afterNavigation(event));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("app.title"));
        toggle.setAriaLabel(getTranslation("nav.toggle"));
        menu.getElement().setAttribute("aria-label", getTranslation("nav.label"));
        titles.forEach((item, key) -> item.setLabel(translated(key)));
        Locale locale = event.getLocale();
        boolean zh = Languages.isChinese(locale);
        chinese.getElement().setAttribute("aria-pressed", Boolean.toString(zh));
        english.getElement().setAttribute("aria-pressed", Boolean.toString(!zh));
        chinese.getElement().getClassList().set("jl-active", zh);
        english.getElement().getClassList().set("jl-active", !zh);
        chinese.getElement().setAttribute("aria-label", getTranslation("lang.switch.zh"));
        english.getElement().setAttribute("aria-label", getTranslation("lang.switch.en"));
        event.getUI().getElement().executeJs("document.documentElement.lang = $0", locale.toLanguageTag());
    }

    /**
     * The translation of a menu title key; a title that is not a key is shown as written (Vaadin's default
     * provider answers a missing key with {@code "!en: key"}).
     */
    private String translated(String key) {
        String text = getTranslation(key);
        return text.isBlank() || text.startsWith("!") && text.endsWith(": " + key) ? key : text;
    }
}
