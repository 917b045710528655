package lab.jielong.embed.ui;

import com.vaadin.flow.component.WebComponentExporter;
import com.vaadin.flow.component.webcomponent.WebComponent;
import lab.jielong.embed.UrlState;

/**
 * {@code <jielong-guess>}: the Guess page as a custom element, loaded with
 * {@code <script type="module" src="https://…/web-component/jielong-guess.js">}. Attributes: {@code prompt},
 * {@code hide}, {@code lang}, {@code theme}, {@code xapi} (the link parameters of {@code /embed/guess}); its events
 * are DOM events of the element.
 */
public class GuessExporter extends WebComponentExporter<GuessElement> {

    static final String[] ATTRIBUTES = {UrlState.LANG, UrlState.THEME, UrlState.PROMPT, UrlState.HIDE, UrlState.XAPI};

    public GuessExporter() {
        super("jielong-guess");
        for (String name : ATTRIBUTES) {
            addProperty(name, "").onChange((element, value) -> element.set(name, value));
        }
    }

    @Override
    protected void configureInstance(WebComponent<GuessElement> element, GuessElement widget) {
        widget.connect(element);
    }
}
