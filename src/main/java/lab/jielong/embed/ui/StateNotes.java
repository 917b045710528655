package lab.jielong.embed.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import lab.jielong.embed.UrlState;

import java.util.List;

/**
 * The notes on a link's parameters ({@code mode=rhyme} is not understood, so the default is used …), shown at
 * the top of the page in the visitor's language; hidden when there are none.
 */
public class StateNotes extends Div {

    public StateNotes() {
        setId("link-notes");
        addClassName("jl-link-notes");
        getElement().setAttribute("role", "status");
        setVisible(false);
    }

    public void show(List<UrlState.Note> notes) {
        removeAll();
        for (UrlState.Note note : notes) {
            Paragraph p = new Paragraph(getTranslation(note.key(), note.args().toArray()));
            p.addClassName("jl-link-note");
            add(p);
        }
        setVisible(!notes.isEmpty());
    }
}
