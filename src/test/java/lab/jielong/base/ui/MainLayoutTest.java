package lab.jielong.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.RouteConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame renders, the language switch changes its labels in place, the menu is made from the routes (a lab
 * adds itself under "Labs"), and page titles follow the visitor's language.
 */
class MainLayoutTest extends KaribuSpringTest {

    @Test
    void frameRendersTitleNavigationAndPanel() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("");
        assertThat(_get(H1.class, spec -> spec.withClasses("jl-title")).getText()).isNotBlank();
        assertThat(_get(Button.class, spec -> spec.withId("lang-zh"))).isNotNull();
        assertThat(_get(Aside.class, spec -> spec.withId("peek-panel"))).isNotNull();
        assertThat(_get(Paragraph.class,
                spec -> spec.withText("Play a move: the two models' attention on the chain appears here.")))
                .isNotNull();
    }

    @Test
    void languageSwitchChangesLabels() {
        UI.getCurrent().navigate("");
        _click(_get(Button.class, spec -> spec.withId("lang-en")));
        assertThat(_get(H1.class, spec -> spec.withClasses("jl-title")).getText()).isEqualTo("Jielong Lab");
        assertThat(_get(H2.class, spec -> spec.withText("What would an encoder peek at?"))).isNotNull();

        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(_get(H1.class, spec -> spec.withClasses("jl-title")).getText()).isEqualTo("接龙实验室");
        assertThat(_get(H2.class, spec -> spec.withText("编码器会“偷看”什么？"))).isNotNull();
        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("zh");
    }

    @Test
    void theMenuListsTheRoutesInTheirOrderInTheVisitorsLanguage() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("");
        assertThat(topLevel()).startsWith("Play ", "Guess guess").contains("Labs null");
        SideNavItem labs = _get(SideNavItem.class, spec -> spec.withId("menu-labs"));
        assertThat(labs.getItems()).extracting(SideNavItem::getPath).contains("labs/snowball");
        assertThat(labs.getItems()).extracting(i -> i.getLabel() + " " + i.getPath())
                .contains("Training lab labs/training");

        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(topLevel()).startsWith("接龙 ", "猜字 guess").contains("实验 null");
        assertThat(labs.getItems()).extracting(SideNavItem::getLabel).contains("KV 缓存滚雪球", "训练实验");
    }

    @Test
    void aLabPageAddsItselfToTheMenuUnderLabs() {
        RouteConfiguration.forApplicationScope().setAnnotatedRoute(MenuTestLab.class);
        UI.getCurrent().getPage().reload();                 // a new page: the frame reads the routes afresh
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("");
        SideNavItem labs = _get(SideNavItem.class, spec -> spec.withId("menu-labs"));
        assertThat(labs.getLabel()).isEqualTo("Labs");
        assertThat(labs.getItems()).filteredOn(lab -> "labs/test".equals(lab.getPath())).singleElement()
                .satisfies(lab -> assertThat(lab.getLabel()).isEqualTo("Test lab"));
        assertThat(labs.getItems().get(labs.getItems().size() - 1).getPath()).as("in its order, after the others")
                .isEqualTo("labs/test");
        assertThat(topLevel()).noneMatch(item -> item.contains("labs/"));   // labs only inside the group
        assertThat(topLevel()).startsWith("Play ", "Guess guess").contains("Labs null");

        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(labs.getLabel()).isEqualTo("实验");
    }

    @Test
    void pageTitlesFollowTheVisitorsLanguage() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Idiom chain · Jielong Lab");
        _click(_get(Button.class, spec -> spec.withId("lang-zh")));
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("成语接龙 · 接龙实验室");
        UI.getCurrent().navigate("guess");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("猜下一个字 · 接龙实验室");
        _click(_get(Button.class, spec -> spec.withId("lang-en")));
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Guess the next character · Jielong Lab");
    }

    /** The menu's top-level items as "label path". */
    private static List<String> topLevel() {
        return _get(SideNav.class, spec -> spec.withId("menu")).getItems().stream()
                .map(i -> i.getLabel() + " " + i.getPath()).toList();
    }
}
