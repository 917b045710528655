package lab.jielong.guide.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.RouteConfiguration;
import lab.jielong.base.ui.KaribuSpringTest;
import lab.jielong.base.ui.Languages;
import lab.jielong.base.ui.NotFoundView;
import lab.jielong.guide.GuideService;
import lab.jielong.labs.encdec.EncDecLabService;
import lab.jielong.labs.encdec.EncDecResults;
import lab.jielong.labs.scaling.ScalingFits;
import lab.jielong.labs.snowball.SnowballService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide without a browser: each section's numbers are the ones its sources hold (the models' records, the
 * encoder-decoder results, the scaling grid and fit, the snowball's closed forms), each section has its analogy,
 * table and link, every link is a route of this application that renders, and the guide reads in Chinese.
 */
class GuideViewTest extends KaribuSpringTest {

    @Autowired
    private GuideService service;

    private ScalingFits.CountingFit fit;

    @BeforeEach
    void open() throws Exception {
        fit = service.scalingFit().get(5, TimeUnit.MINUTES);     // fitted at start-up, in the background
        UI.getCurrent().setLocale(Languages.ENGLISH);
        UI.getCurrent().navigate(GuideView.class);
    }

    private static String text(String id) {
        return _get(Component.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    @Test
    void everyNumberIsReadFromTheFilesAndEvaluationsTheLabsUse() {
        EncDecLabService.ShippedFigures m = service.models();
        assertThat(text("guide-causality-measured")).contains(percent(m.decoder().gameValidOfPossible()))
                .contains(percent(m.peeking().gameValidOfPossible())).contains(two(m.peeking().honestLoss()))
                .contains(two(m.decoder().teacherForcedLoss()));
        assertThat(text("guide-causality-source")).contains(m.decoder().command()).contains(m.peeking().command());

        EncDecResults.Consistency c = service.encDecResults().consistency();
        assertThat(text("guide-consistency-measured")).contains(percent(c.decoder().zeroShotGameValidOfPossible()))
                .contains(percent(c.encdec().zeroShotGameValidOfPossible()))
                .contains(percent(c.decoder().finetunedGameValidOfPossible()))
                .contains(percent(c.encdec().finetunedGameValidOfPossible()));
        assertThat(text("guide-consistency-source")).contains(c.command());
        assertThat(text("guide-consistency-table")).contains("Pre-training (训练)").contains("Fine-tuning (微调)")
                .contains("Inference (推理)");

        EncDecResults.DataEfficiency e = service.encDecResults().efficiency();
        assertThat(text("guide-data-table")).contains(two(e.decoder().supervisedTargetsPerToken()))
                .contains(two(e.encdecSameTokens().supervisedTargetsPerToken()))
                .contains(percent(e.decoder().last().gameValidOfPossible()))
                .contains(percent(m.encdec().gameValidOfPossible()));
        assertThat(text("guide-data-measured")).contains(percent(e.encdecSameFlops().last().gameValidOfPossible()));

        GuideService.Grid g = service.grid();
        assertThat(text("guide-scaling-table")).contains(g.points() + " of " + g.planned())
                .contains(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(g.largestParams()));
        assertThat(text("guide-scaling-fits")).contains(String.format(Locale.ROOT, "%.3f", fit.free().alpha().value()))
                .contains(String.format(Locale.ROOT, "%.3f", fit.free().beta().value()));
        assertThat(text("guide-scaling-source")).contains("grid.json")
                .contains(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(g.corpusIdioms()) + " idioms");

        SnowballService.Projection longText = service.snowball(GuideService.LONG_TEXT);
        assertThat(text("guide-snowball-measured"))
                .contains(String.format(Locale.ROOT, "%.1f", longText.ratio()) + "×");
        assertThat(text("guide-snowball-table"))
                .contains(String.format(Locale.ROOT, "%.2e", (double) longText.cachedFlops()));

        assertThat(text("guide-domains-measured")).contains(percent(m.encdec().gameValidOfPossible()))
                .contains(percent(m.decoder().gameValidOfPossible()));
    }

    /** The cells of a table's body, row by row. */
    private static List<List<String>> cells(String id) {
        Element table = _get(Component.class, spec -> spec.withId(id)).getElement().getChild(0);
        Element body = table.getChildren().filter(e -> e.getTag().equals("tbody")).findFirst().orElseThrow();
        return body.getChildren().map(tr -> tr.getChildren().map(Element::getText).toList()).toList();
    }

    private static String constant(ScalingFits.Constant c) {
        return String.format(Locale.ROOT, "%.3f  [%.3f, %.3f]", c.value(), c.lo(), c.hi());
    }

    @Test
    void theScalingSectionShowsTheFitWithEHeldAtTheFloorBesideTheFitWithEFree() {
        ScalingFits.Law held = fit.fixedE(), free = fit.free();
        assertThat(held.eFixed()).isTrue();
        assertThat(held.bigE().value()).isEqualTo(fit.lossFloor());
        String floor = String.format(Locale.ROOT, "%.3f", fit.lossFloor());
        // one row per constant: its name, the held fit's value, the free fit's value
        assertThat(cells("guide-scaling-fits")).containsExactly(
                List.of("α", constant(held.alpha()), constant(free.alpha())),
                List.of("β", constant(held.beta()), constant(free.beta())),
                List.of("E", floor + " (held, not fitted)", constant(free.bigE())));
        assertThat(text("guide-scaling-fits")).contains("E held at the measured floor, " + floor + " nats per token")
                .contains("E fitted too, as Chinchilla and Epoch AI do");
        String measured = text("guide-scaling-measured");
        assertThat(measured).contains(floor + " nats per token").contains("first column").contains("second column");
        // as on the scaling page, the collapse of the free E is explained only when it happened
        boolean collapsed = free.bigE().value() < 0.5 * fit.lossFloor();
        assertThat(measured.contains("far below the floor of " + floor)).isEqualTo(collapsed);

        UI.getCurrent().setLocale(Languages.CHINESE);
        assertThat(cells("guide-scaling-fits").get(2)).containsExactly("E", floor + "（固定，不拟合）",
                constant(free.bigE()));
        assertThat(text("guide-scaling-fits")).contains("E 固定为测得的下限：每个词元 " + floor + " 奈特")
                .contains("E 也拟合");
        assertThat(text("guide-scaling-measured")).contains("第一列").contains("第二列");
    }

    @Test
    void eachSectionHasItsAnalogyTableAndLinksToPagesThatRender() {
        for (String part : List.of("causality", "consistency", "data", "scaling", "snowball", "domains")) {
            assertThat(text("guide-" + part)).as(part).isNotBlank();
            assertThat(text("guide-" + part + "-table")).as(part).isNotBlank();
        }
        assertThat(text("guide-causality")).contains("猜下一个字 / 接龙");
        assertThat(text("guide-consistency")).contains("边想边写 vs 两个人合作");
        assertThat(text("guide-data")).contains("即兴演讲家 vs 背稿的演讲者");
        assertThat(text("guide-scaling")).contains("背下整个成语词典");
        assertThat(text("guide-snowball")).contains("滚雪球 vs 重新堆雪人");
        List<Anchor> links = _find(Anchor.class, spec -> spec.withClasses("jl-guide-link"));
        assertThat(links).extracting(a -> a.getElement().getAttribute("data-route"))
                .containsExactlyElementsOf(GuideView.routes());
        for (String route : GuideView.routes().stream().distinct().toList()) {
            assertThat(RouteConfiguration.forSessionScope().getRoute(route)).as(route).isPresent();
            UI.getCurrent().navigate(route);
            assertThat(_find(NotFoundView.class)).as(route).isEmpty();
            assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0).getClass())
                    .isEqualTo(RouteConfiguration.forSessionScope().getRoute(route).get());
        }
    }

    @Test
    void theGuideReadsInChinese() {
        UI.getCurrent().setLocale(Languages.CHINESE);
        assertThat(_get(H2.class, spec -> spec.withText("为什么大语言模型都只用解码器？"))).isNotNull();
        assertThat(text("guide-consistency-measured")).startsWith("在这里测得");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("为什么只用解码器？导读 · 接龙实验室");
    }
}
