package lab.jielong.embed.ui;

import com.vaadin.flow.component.WebComponentExporter;
import com.vaadin.flow.component.webcomponent.WebComponent;
import lab.jielong.embed.UrlState;

/**
 * {@code <jielong-game>}: the Play page as a custom element for other sites' pages, loaded with
 * {@code <script type="module" src="https://…/web-component/jielong-game.js">}. Its attributes are the link
 * parameters of {@code /embed/play} ({@code mode}, {@code difficulty}, {@code opener}, {@code guided},
 * {@code idiom}, {@code panel}, {@code hide}, {@code lang}, {@code theme}, {@code xapi}; see {@link UrlState}) and
 * the game follows changes to them; its events are DOM events of the element. A host on another site must be on
 * {@code jielong.embed.origins}.
 */
public class GameExporter extends WebComponentExporter<GameElement> {

    static final String[] ATTRIBUTES = {UrlState.LANG, UrlState.THEME, UrlState.MODE, UrlState.DIFFICULTY,
            UrlState.OPENER, UrlState.GUIDED, UrlState.IDIOM, UrlState.PANEL, UrlState.HIDE, UrlState.XAPI};

    public GameExporter() {
        super("jielong-game");
        for (String name : ATTRIBUTES) {
            addProperty(name, "").onChange((element, value) -> element.set(name, value));
        }
    }

    @Override
    protected void configureInstance(WebComponent<GameElement> element, GameElement widget) {
        widget.connect(element);
    }
}
