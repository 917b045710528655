package lab.jielong.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What an address with no page shows (Vaadin's bare "Could not navigate" otherwise): inside the frame, so the
 * menu and the language switch are there, with the address that was asked for and a way back to the game.
 * Answers with HTTP 404. Public because Vaadin finds error views among public classes.
 */
@ParentLayout(MainLayout.class)
public class NotFoundView extends Div
        implements HasErrorParameter<NotFoundException>, LocaleChangeObserver, HasDynamicTitle {

    private final H2 heading = new H2();
    private final Paragraph text = new Paragraph();
    private final Anchor home = new Anchor();
    private String path = "";

    public NotFoundView() {
        setId("not-found");
        addClassName("jl-not-found");
        home.setHref("");                             // the page at the root of the playground: the game
        home.getElement().setAttribute("router-link", true);
        home.setId("not-found-home");
        add(heading, text, home);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        path = "/" + event.getLocation().getPathWithQueryParameters();
        translate();
        return HttpServletResponse.SC_NOT_FOUND;
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        translate();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.notFound");
    }

    private void translate() {
        heading.setText(getTranslation("notFound.heading"));
        text.setText(getTranslation("notFound.text", path));
        home.setText(getTranslation("notFound.home"));
        getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
    }
}
