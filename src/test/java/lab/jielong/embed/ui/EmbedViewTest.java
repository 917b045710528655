package lab.jielong.embed.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.embed.Embeddable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Optional;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chrome-less pages: each embeddable view at /embed/…, without the frame, following its link; an unknown
 * path lists what can be embedded; "share / embed" builds the links and snippets for the page as it is.
 */
class EmbedViewTest extends KaribuSpringTest {

    @Autowired
    private IdiomCorpus corpus;

    @BeforeEach
    void english() {
        UI.getCurrent().setLocale(Languages.ENGLISH);
    }

    @Test
    void everyEmbeddableViewIsFoundWithItsPaths() {
        assertThat(Embeddables.all()).extracting(Embeddables.Entry::embedPath).containsExactly("guess", "peek", "play");
        assertThat(Embeddables.byEmbedPath("play").orElseThrow().pagePath()).hasValue("");
        assertThat(Embeddables.byEmbedPath("guess").orElseThrow().pagePath()).hasValue("guess");
        assertThat(Embeddables.byEmbedPath("peek").orElseThrow().pagePath()).isEmpty();
        assertThat(Embeddables.byEmbedPath("play").orElseThrow().element()).hasValue("jielong-game");
    }

    @Test
    void theEmbedViewServesTheViewItsPathNamesAsItsEmbeddableAnnotationSays() {
        navigate("embed/guess", "");
        EmbedView embed = _get(EmbedView.class);
        Component inner = embed.inner().orElseThrow();
        Embeddable declared = inner.getClass().getAnnotation(Embeddable.class);
        assertThat(declared).as(inner.getClass() + " carries @Embeddable").isNotNull();
        Embeddables.Entry entry = Embeddables.byView(inner.getClass()).orElseThrow();
        assertThat(entry.embedPath()).isEqualTo("guess");
        assertThat(entry.titleKey()).isEqualTo(declared.title());
        assertThat(entry.height()).isEqualTo(declared.height());
        assertThat(embed.getChildren()).as("the view is inside the embed page, not beside it")
                .anySatisfy(part -> assertThat(part.getChildren()).contains(inner));

        navigate("embed/labs/nothing", "");
        assertThat(_get(EmbedView.class).inner()).as("no view for a path no @Embeddable names").isEmpty();
    }

    @Test
    void thePlayEmbedHasNoFrameAndFollowsItsLink() {
        navigate("embed/play", "mode=tone&opener=model&hide=hint,panel,footer");
        assertThat(_find(H1.class, spec -> spec.withClasses("jl-title"))).as("no frame").isEmpty();
        assertThat(byId("play-history").getChildren().count()).as("the model opened").isEqualTo(1);
        assertThat(byId("play-hint").isVisible()).isFalse();
        assertThat(byId("peek-panel").isVisible()).isFalse();
        assertThat(byId("share").getParent().orElseThrow().isVisible()).as("footer hidden").isFalse();
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Idiom chain · Jielong Lab");
    }

    @Test
    void thePeekEmbedShowsBothModelsOnTheLinksIdiom() {
        navigate("embed/peek", "idiom=一心一意&panel=encoder&hide=input");
        String exchange = _get(Paragraph.class, spec -> spec.withId("peek-exchange")).getText();
        assertThat(exchange).startsWith("The decoder answers 「一心一意」 with 「");
        String reply = exchange.substring(exchange.indexOf("with 「") + 6, exchange.indexOf("with 「") + 10);
        assertThat(corpus.contains(reply)).as(reply).isTrue();
        assertThat(_get(EChart.class, spec -> spec.withId("peek-chart")).getOptionJson()).contains("heatmap");
        assertThat(byId("peek-peeking").getElement().getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(byId("peek-input").getParent().orElseThrow().isVisible()).isFalse();

        navigate("embed/peek", "idiom=abcd");
        assertThat(notes())
                .containsExactly("The link's idiom abcd cannot open the game: Only Chinese characters, please: "
                        + "a b c d are not.");
    }

    @Test
    void anUnknownPathListsWhatCanBeEmbedded() {
        navigate("embed/labs/nothing", "");
        assertThat(notes()).containsExactly("There is nothing to embed at /embed/labs/nothing. These can be embedded:");
        List<String> links = _find(Anchor.class).stream().map(Anchor::getHref).toList();
        assertThat(links).contains("embed/play", "embed/guess", "embed/peek");
        navigate("embed", "");
        assertThat(notes()).isEmpty();
        assertThat(byId("embed-index").isVisible()).isTrue();
    }

    @Test
    void shareBuildsTheLinksAndSnippetsForThePageAsItIs() {
        navigate("embed/play", "mode=sound&difficulty=hard&hide=hint");
        _click(_get(Button.class, spec -> spec.withId("share")));
        String link = _get(TextField.class, spec -> spec.withId("share-link")).getValue();
        String embed = _get(TextField.class, spec -> spec.withId("share-embed-link")).getValue();
        String iframe = _get(TextArea.class, spec -> spec.withId("share-iframe")).getValue();
        String element = _get(TextArea.class, spec -> spec.withId("share-element")).getValue();
        assertThat(link).endsWith("/?lang=en&mode=sound&difficulty=hard&opener=you&guided=true&hide=hint");
        assertThat(embed).endsWith("/embed/play?lang=en&mode=sound&difficulty=hard&opener=you&guided=true&hide=hint");
        assertThat(iframe).startsWith("<iframe src=\"").contains("/embed/play?lang=en&amp;mode=sound")
                .contains("height=\"720\"").contains("title=\"Idiom chain · Jielong Lab\"").endsWith("></iframe>");
        assertThat(element).contains("/web-component/jielong-game.js\"></script>")
                .contains("<jielong-game lang=\"en\" mode=\"sound\" difficulty=\"hard\"");

        _setValue(_get(Checkbox.class, spec -> spec.withId("share-dark")), true);
        assertThat(_get(TextField.class, spec -> spec.withId("share-embed-link")).getValue())
                .contains("?lang=en&theme=dark&mode=sound");
    }

    @Test
    void theSiteOwnPagesShareToo() {
        UI.getCurrent().navigate("guess", QueryParameters.fromString("prompt=一心一"));
        _click(_get(Button.class, spec -> spec.withId("share")));
        assertThat(_get(TextField.class, spec -> spec.withId("share-link")).getValue())
                .endsWith("/guess?lang=en&prompt=%E4%B8%80%E5%BF%83%E4%B8%80");
        assertThat(_get(TextField.class, spec -> spec.withId("share-embed-link")).getValue())
                .endsWith("/embed/guess?lang=en&prompt=%E4%B8%80%E5%BF%83%E4%B8%80");
    }

    private static void navigate(String path, String query) {
        UI.getCurrent().navigate(path, QueryParameters.fromString(query));
    }

    private static List<String> notes() {
        Component notes = byId("link-notes");
        return notes.isVisible() ? notes.getChildren().map(c -> c.getElement().getText()).toList() : List.of();
    }

    static Component byId(String id) {
        return find(UI.getCurrent(), id).orElseThrow(() -> new AssertionError("no component #" + id));
    }

    private static Optional<Component> find(Component root, String id) {
        if (root.getId().filter(id::equals).isPresent()) {
            return Optional.of(root);
        }
        return root.getChildren().map(c -> find(c, id)).flatMap(Optional::stream).findFirst();
    }
}
