package lab.jielong.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.RouterLink;

import java.util.Locale;

/**
 * The page frame: title, navigation and the 中文 | EN switch. Views put their content in the main area.
 */
public class MainLayout extends AppLayout implements LocaleChangeObserver {

    private final H1 title = new H1();
    private final RouterLink playLink = new RouterLink();
    private final RouterLink guessLink = new RouterLink();
    private final Button chinese = new Button("中文", e -> Languages.switchTo(Languages.CHINESE));
    private final Button english = new Button("EN", e -> Languages.switchTo(Languages.ENGLISH));

    public MainLayout() {
        title.addClassName("jl-title");
        playLink.setRoute(lab.jielong.play.ui.PlayView.class);
        guessLink.setRoute(lab.jielong.guess.ui.GuessView.class);
        Nav nav = new Nav(playLink, guessLink);
        nav.addClassName("jl-nav");

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

        Div bar = new Div(title, nav, languages);
        bar.addClassName("jl-bar");
        addToNavbar(bar);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("app.title"));
        playLink.setText(getTranslation("nav.play"));
        guessLink.setText(getTranslation("nav.guess"));
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
}
