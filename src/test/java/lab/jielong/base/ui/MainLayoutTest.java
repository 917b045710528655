package lab.jielong.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.Paragraph;
import lab.jielong.play.ui.PlayView;
import org.junit.jupiter.api.Test;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The frame renders, and the language switch changes its labels in place. */
class MainLayoutTest extends KaribuSpringTest {

    @Test
    void frameRendersTitleNavigationAndPanel() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(PlayView.class);
        assertThat(_get(H1.class, spec -> spec.withClasses("jl-title")).getText()).isNotBlank();
        assertThat(_get(Button.class, spec -> spec.withId("lang-zh"))).isNotNull();
        assertThat(_get(Aside.class, spec -> spec.withId("peek-panel"))).isNotNull();
        assertThat(_get(Paragraph.class, spec -> spec.withText("Play a move: the two models' attention on the chain appears here.")))
                .isNotNull();
    }

    @Test
    void languageSwitchChangesLabels() {
        UI.getCurrent().navigate(PlayView.class);
        _click(_get(Button.class, spec -> spec.withId("lang-en")));
        assertThat(_get(H1.class, spec -> spec.withClasses("jl-title")).getText()).isEqualTo("Jielong Lab");
        assertThat(_get(H2.class, spec -> spec.withText("What would an encoder peek at?"))).isNotNull();

        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(_get(H1.class, spec -> spec.withClasses("jl-title")).getText()).isEqualTo("接龙实验室");
        assertThat(_get(H2.class, spec -> spec.withText("编码器会“偷看”什么？"))).isNotNull();
        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("zh");
    }
}
