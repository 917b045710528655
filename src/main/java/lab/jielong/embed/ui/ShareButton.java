package lab.jielong.embed.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;

/** "Share / embed", on every page: opens the dialog with the links and snippets for the page as it is now. */
public class ShareButton extends Button implements LocaleChangeObserver {

    public ShareButton() {
        setId("share");
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        addClickListener(e -> e.getSource().getUI().ifPresent(ui -> new ShareDialog(SharedPage.of(ui)).open()));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        setText(getTranslation("share.button"));
    }
}
