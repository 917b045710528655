package lab.jielong.base.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;

/**
 * How the models' special tokens are drawn, the same on every page: one short symbol each, so they fit a
 * chart axis and a row of tokens, explained by a {@link Legend} on the page.
 */
public final class Tokens {

    private Tokens() {
    }

    /** A token as the pages draw it: characters as they are, the special tokens as symbols. */
    public static String label(String token) {
        return switch (token) {
            case "<bos>" -> "▸";
            case "<sep>" -> "｜";
            case "<eos>" -> "■";
            case "<pad>" -> "·";
            case "<unk>" -> "?";
            default -> token;
        };
    }

    /** One line that says what each symbol means, in the visitor's language. */
    public static final class Legend extends Paragraph implements LocaleChangeObserver {

        public Legend() {
            addClassNames("jl-note", "jl-legend");
        }

        @Override
        public void localeChange(LocaleChangeEvent event) {
            setText(getTranslation("tokens.legend"));
        }
    }
}
