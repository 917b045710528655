package lab.jielong.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;

import java.util.List;

/**
 * A plain HTML table for the comparisons of the labs and the guide: a header row and rows of text or components. Each cell carries
 * its column's title as {@code data-label}, so on a phone the stylesheet can stack the cells of a row and label
 * each ({@code .jl-table} in styles.css). On a wide screen it is an ordinary table.
 */
public final class HtmlTable extends Div {

    private final Element table = new Element("table");

    public HtmlTable(String id) {
        setId(id);
        addClassName("jl-table");
        getElement().appendChild(table);
    }

    /** A cell of several lines, each its own block. */
    public record Lines(List<String> lines) {
        public static Lines of(String... lines) {
            return new Lines(List.of(lines));
        }
    }

    /** Replaces the content: the header and the rows (each cell a String, {@link Lines} or a Component). */
    public void show(List<String> header, List<List<Object>> rows) {
        table.removeAllChildren();
        Element head = new Element("tr");
        for (String h : header) {
            head.appendChild(new Element("th").setText(h));
        }
        table.appendChild(new Element("thead").appendChild(head));
        Element body = new Element("tbody");
        for (List<Object> row : rows) {
            Element tr = new Element("tr");
            for (int i = 0; i < row.size(); i++) {
                Element td = new Element(i == 0 ? "th" : "td");
                td.setAttribute("data-label", i < header.size() ? header.get(i) : "");
                Object cell = row.get(i);
                if (cell instanceof Component c) {
                    td.appendChild(c.getElement());
                } else if (cell instanceof Lines lines) {
                    for (String line : lines.lines()) {
                        td.appendChild(new Element("div").setText(line));
                    }
                } else {
                    td.setText(String.valueOf(cell));
                }
                tr.appendChild(td);
            }
            body.appendChild(tr);
        }
        table.appendChild(body);
    }

    /** The table's text, row by row (what tests without a browser read). */
    public String text() {
        return table.getTextRecursively();
    }
}
