package lab.jielong.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.servlet.http.Cookie;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The two languages of the playground, and remembering the visitor's choice in a cookie.
 *
 * <p>Without a cookie Vaadin matches the browser's language against the translation files
 * ({@code vaadin-i18n/translations_zh.properties}, {@code translations.properties} for English).
 */
@Component
public class Languages implements VaadinServiceInitListener {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    static final String COOKIE = "jl-lang";

    public static boolean isChinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    /** Switches this tab's language now and remembers it for the next visit. */
    public static void switchTo(Locale locale) {
        UI ui = UI.getCurrent();
        ui.setLocale(locale);
        ui.getSession().setLocale(locale);
        ui.getPage().executeJs("document.cookie = $0 + '=' + $1 + ';path=/;max-age=31536000;SameSite=Lax'",
                COOKIE, locale.toLanguageTag());
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> remembered(VaadinRequest.getCurrent())
                .ifPresent(init.getUI()::setLocale));
    }

    static Optional<Locale> remembered(VaadinRequest request) {
        if (request == null || request.getCookies() == null) {
            return Optional.empty();
        }
        return Arrays.stream(request.getCookies())
                .filter(c -> COOKIE.equals(c.getName()))
                .map(Cookie::getValue)
                .map(Locale::forLanguageTag)
                .map(l -> isChinese(l) ? CHINESE : ENGLISH)
                .findFirst();
    }
}
