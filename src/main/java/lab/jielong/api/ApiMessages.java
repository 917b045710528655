package lab.jielong.api;

import jakarta.servlet.http.HttpServletRequest;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The API's messages, from the same translation files as the pages ({@code vaadin-i18n/translations_*.properties}),
 * so an idiom refused by the API reads exactly as on the Play page.
 */
final class ApiMessages {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ResourceBundle CHINESE = bundle(Locale.CHINESE);
    private static final ResourceBundle ENGLISH = bundle(Locale.ENGLISH);

    private ApiMessages() {
    }

    /** {@code lang=zh|en} if given, else the first of zh or en in {@code Accept-Language}, else English. */
    static Locale language(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if (lang != null && !lang.isBlank()) {
            return lang.trim().toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.CHINESE : Locale.ENGLISH;
        }
        String header = request.getHeader("Accept-Language");
        if (header != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("zh")) {
                        return Locale.CHINESE;
                    }
                    if (tag.startsWith("en")) {
                        return Locale.ENGLISH;
                    }
                }
            } catch (IllegalArgumentException e) {
                // a malformed header: English
            }
        }
        return Locale.ENGLISH;
    }

    /** The message for {@code key} with {@code args}, in {@code language}. */
    static String format(Locale language, String key, List<?> args) {
        ResourceBundle bundle = "zh".equals(language.getLanguage()) ? CHINESE : ENGLISH;
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;                                 // a missing translation shows its key, never fails
        }
        return new MessageFormat(pattern, language).format(args.toArray());
    }

    static String format(HttpServletRequest request, String key, List<?> args) {
        return format(language(request), key, args);
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("vaadin-i18n/translations", locale, ApiMessages.class.getClassLoader(),
                NO_FALLBACK);
    }
}
