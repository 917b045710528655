package lab.jielong.embed.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldBase;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Share / embed": the link to this page in its current state, the chrome-less embed link, the {@code <iframe>}
 * snippet and, where there is one, the custom element snippet; with the page-wide choices an author makes for
 * an embed (dark colours, controls to hide, xAPI statements in the events).
 */
class ShareDialog extends Dialog {

    private final SharedPage page;
    private final Checkbox dark = new Checkbox();
    private final CheckboxGroup<String> hide = new CheckboxGroup<>();
    private final Checkbox xapi = new Checkbox();
    private final TextField pageLink = new TextField();
    private final TextField embedLink = new TextField();
    private final TextArea iframe = new TextArea();
    private final TextArea element = new TextArea();

    ShareDialog(SharedPage page) {
        this.page = page;
        setId("share-dialog");
        setHeaderTitle(getTranslation("share.title"));
        setWidth("min(42rem, 95vw)");

        dark.setId("share-dark");
        dark.setLabel(getTranslation("share.dark"));
        dark.setValue(page.dark());
        hide.setId("share-hide");
        hide.setLabel(getTranslation("share.hide"));
        hide.setItems(page.hideable());
        hide.setValue(new LinkedHashSet<>(page.link().hidden().stream().filter(page.hideable()::contains).toList()));
        hide.setVisible(!page.hideable().isEmpty());
        xapi.setId("share-xapi");
        xapi.setLabel(getTranslation("share.xapi"));
        xapi.setValue(page.link().xapi());
        xapi.setVisible(page.entry().isPresent());
        dark.addValueChangeListener(e -> update());
        hide.addValueChangeListener(e -> update());
        xapi.addValueChangeListener(e -> update());

        pageLink.setId("share-link");
        pageLink.setLabel(getTranslation("share.link"));
        embedLink.setId("share-embed-link");
        embedLink.setLabel(getTranslation("share.embedLink"));
        iframe.setId("share-iframe");
        iframe.setLabel(getTranslation("share.iframe"));
        element.setId("share-element");
        element.setLabel(getTranslation("share.element"));
        for (TextFieldBase<?, String> field : List.of(pageLink, embedLink, iframe, element)) {
            field.setReadOnly(true);
            field.setWidthFull();
        }

        Paragraph none = new Paragraph(getTranslation("share.notEmbeddable"));
        none.addClassName("jl-note");
        none.setVisible(page.entry().isEmpty());
        add(dark, hide, xapi, row(pageLink), row(embedLink), row(iframe), row(element), none);

        Button close = new Button(getTranslation("share.close"), e -> close());
        close.setId("share-close");
        getFooter().add(close);
        update();
    }

    private void update() {
        Map<String, String> parameters = page.parameters(dark.getValue(), hide.getValue(), xapi.getValue());
        Optional<String> pageUrl = page.pageUrl(parameters);
        Optional<String> embedUrl = page.embedUrl(parameters);
        pageLink.setValue(pageUrl.orElse(""));
        pageLink.getParent().ifPresent(p -> p.setVisible(pageUrl.isPresent()));
        embedLink.setValue(embedUrl.orElse(""));
        embedLink.getParent().ifPresent(p -> p.setVisible(embedUrl.isPresent()));
        iframe.setValue(embedUrl.map(url -> iframeSnippet(url)).orElse(""));
        iframe.getParent().ifPresent(p -> p.setVisible(embedUrl.isPresent()));
        Optional<String> tag = page.entry().flatMap(Embeddables.Entry::element);
        element.setValue(tag.map(t -> elementSnippet(t, parameters)).orElse(""));
        element.getParent().ifPresent(p -> p.setVisible(tag.isPresent()));
    }

    private String iframeSnippet(String url) {
        Embeddables.Entry entry = page.entry().orElseThrow();
        String title = entry.titleKey().isEmpty() ? "Jielong Lab" : getTranslation(entry.titleKey());
        return "<iframe src=\"" + attribute(url) + "\" title=\"" + attribute(title) + "\" width=\"100%\" height=\""
                + entry.height()
                + "\" style=\"border:0;max-width:100%\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>";
    }

    private String elementSnippet(String tag, Map<String, String> parameters) {
        StringBuilder attributes = new StringBuilder();
        parameters.forEach((name, value) -> attributes.append(' ').append(name).append("=\"").append(attribute(value))
                .append('"'));
        return "<script type=\"module\" src=\"" + page.baseUrl() + "/web-component/" + tag + ".js\"></script>\n<" + tag
                + attributes + "></" + tag + ">";
    }

    private Component row(TextFieldBase<?, String> field) {
        Button copy = new Button(getTranslation("share.copy"));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        copy.addClickListener(e -> copy.getUI().ifPresent(ui -> ui.getPage().executeJs(
                "if (navigator.clipboard) navigator.clipboard.writeText($0)", field.getValue())));
        HorizontalLayout row = new HorizontalLayout(field, copy);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setFlexGrow(1, field);
        return row;
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
