package lab.jielong.guide.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import lab.jielong.base.ui.HtmlTable;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.guide.GuideService;
import lab.jielong.labs.encdec.EncDecLabService;
import lab.jielong.labs.encdec.EncDecResults;
import lab.jielong.labs.scaling.ScalingFits;
import lab.jielong.labs.snowball.SnowballService;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The guide: why large language models are decoder-only, in four arguments (causality, consistency, data
 * efficiency, scaling) and the snowball, each with its comparison table, one analogy, the numbers this playground
 * measured (read through {@link GuideService} from the same files and evaluations the labs use, with their source
 * said) and a link into the page that shows it; then X→Y across domains against X→X′ within one.
 */
@Route(value = "guide", layout = MainLayout.class)
@Menu(title = "nav.guide", order = 80)
class GuideView extends Div implements LocaleChangeObserver, HasDynamicTitle {

    /** The sections, in reading order: the key under {@code guide.<key>.*} and where each links. */
    enum Part {
        CAUSALITY(GuideService.PLAY, GuideService.GUESS, GuideService.TRAINING), CONSISTENCY(GuideService.ENCDEC), DATA(
                GuideService.ENCDEC, GuideService.TRAINING), SCALING(
                        GuideService.SCALING), SNOWBALL(GuideService.SNOWBALL), DOMAINS(GuideService.ENCDEC);

        final List<String> routes;

        Part(String... routes) {
            this.routes = List.of(routes);
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final GuideService service;
    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final Div parts = new Div();
    private ScalingFits.CountingFit fit;

    GuideView(GuideService service) {
        this.service = service;
        addClassName("jl-guide");
        parts.setId("guide-parts");
        add(heading, intro, parts);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        fit = service.scalingFit().getNow(null);
        if (fit == null) {
            // fitted at start-up in the background: the scaling section says so until it is done
            service.scalingFit().thenAccept(f -> ui.access(() -> {
                fit = f;
                redraw();
            }));
        }
        redraw();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.guide");
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
        redraw();
    }

    private void redraw() {
        heading.setText(getTranslation("guide.heading"));
        intro.setText(getTranslation("guide.intro"));
        parts.removeAll();
        for (Part p : Part.values()) {
            parts.add(part(p));
        }
    }

    private Section part(Part p) {
        String k = "guide." + p.key();
        Paragraph analogy = new Paragraph(getTranslation(k + ".analogy"));
        analogy.addClassName("jl-analogy");
        Paragraph argument = new Paragraph(getTranslation(k + ".argument"));
        HtmlTable table = new HtmlTable("guide-" + p.key() + "-table");
        Paragraph measured = new Paragraph();
        measured.setId("guide-" + p.key() + "-measured");
        Paragraph source = new Paragraph();
        source.setId("guide-" + p.key() + "-source");
        source.addClassName("jl-note");
        List<Component> more = new ArrayList<>();     // what a section shows below its table (the scaling fits)
        fill(p, table, more, measured, source);
        Div links = new Div();
        links.addClassName("jl-guide-links");
        for (String route : p.routes) {
            Anchor a = new Anchor(route.isEmpty() ? "./" : route, getTranslation(k + ".link." + linkKey(route)));
            a.addClassName("jl-guide-link");
            a.getElement().setAttribute("router-link", true);
            a.getElement().setAttribute("data-route", route);
            links.add(new Paragraph(a));
        }
        Section s = new Section(new H3(getTranslation(k + ".heading")), analogy, argument, table);
        s.add(more);
        s.add(measured, source, links);
        s.setId("guide-" + p.key());
        return s;
    }

    private static String linkKey(String route) {
        return route.isEmpty() ? "play" : route.substring(route.lastIndexOf('/') + 1);
    }

    /**
     * The section's comparison table and its measured numbers, each from its file; {@code more} takes what the
     * section shows below its table.
     */
    private void fill(Part p, HtmlTable table, List<Component> more, Paragraph measured, Paragraph source) {
        NumberFormat n = NumberFormat.getIntegerInstance(getLocale());
        EncDecLabService.ShippedFigures m = service.models();
        EncDecResults r = service.encDecResults();
        String k = "guide." + p.key();
        List<String> twoArchitectures =
                List.of("", getTranslation("guide.col.decoder"), getTranslation("guide.col.encdec"));
        switch (p) {
            case CAUSALITY -> {
                table.show(twoArchitectures, rows(k, "objective", "format", "attention", "tasks"));
                measured.setText(getTranslation(k + ".measured", percent(m.decoder().gameValidOfPossible()),
                        percent(m.peeking().gameValidOfPossible()), two(m.decoder().teacherForcedLoss()),
                        two(m.decoder().honestLoss()), two(m.peeking().teacherForcedLoss()),
                        two(m.peeking().honestLoss())));
                source.setText(getTranslation("guide.source.models", m.decoder().command(), m.peeking().command()));
            }
            case CONSISTENCY -> {
                table.show(List.of(getTranslation("encdec.stages.stage"), getTranslation("guide.col.encdec"),
                        getTranslation("guide.col.decoder"), getTranslation("guide.col.inconsistency")),
                        List.of(stageRow(k, "pretrain"), stageRow(k, "finetune"), stageRow(k, "inference")));
                EncDecResults.Consistency c = r.consistency();
                measured.setText(getTranslation(k + ".measured", percent(c.decoder().zeroShotGameValidOfPossible()),
                        percent(c.encdec().zeroShotGameValidOfPossible()),
                        percent(c.decoder().finetunedGameValidOfPossible()),
                        percent(c.encdec().finetunedGameValidOfPossible()), n.format(c.pretrainChains()),
                        n.format(c.finetunePairs())));
                source.setText(getTranslation("guide.source.results", c.command(), c.seed()));
            }
            case DATA -> {
                EncDecResults.DataEfficiency e = r.efficiency();
                table.show(twoArchitectures, List.of(
                        row(getTranslation(k + ".row.data"), getTranslation(k + ".decoder.data"),
                                getTranslation(k + ".encdec.data")),
                        row(getTranslation(k + ".row.targets"), two(e.decoder().supervisedTargetsPerToken()),
                                two(e.encdecSameTokens().supervisedTargetsPerToken())),
                        row(getTranslation(k + ".row.sameTokens", n.format(e.decoder().tokens())),
                                percent(e.decoder().last().gameValidOfPossible()),
                                percent(e.encdecSameTokens().last().gameValidOfPossible())),
                        row(getTranslation(k + ".row.shipped"),
                                getTranslation(k + ".shipped", percent(m.decoder().gameValidOfPossible()),
                                        n.format(m.decoder().steps()),
                                        n.format(Math.round(m.decoder().trainSeconds()))),
                                getTranslation(k + ".shipped", percent(m.encdec().gameValidOfPossible()),
                                        n.format(m.encdec().steps()),
                                        n.format(Math.round(m.encdec().trainSeconds()))))));
                measured.setText(
                        getTranslation(k + ".measured", percent(e.encdecSameFlops().last().gameValidOfPossible()),
                                n.format(e.encdecSameFlops().tokens())));
                source.setText(getTranslation("guide.source.results", e.command(), e.seed()) + " "
                        + getTranslation("guide.source.models", m.decoder().command(), m.encdec().command()));
            }
            case SCALING -> {
                GuideService.Grid g = service.grid();
                List<List<Object>> rows = new ArrayList<>(List.of(
                        row(getTranslation(k + ".row.points"), getTranslation(k + ".points", g.points(), g.planned())),
                        row(getTranslation(k + ".row.params"), n.format(g.smallestParams()) + " – "
                                + n.format(g.largestParams())),
                        row(getTranslation(k + ".row.best"), two(g.bestLoss()) + " (" + g.bestSize() + ")")));
                if (fit == null) {
                    rows.add(row(getTranslation(k + ".row.fit"), getTranslation(k + ".fitting")));
                }
                table.show(List.of(getTranslation(k + ".col.what"), getTranslation(k + ".col.value")), rows);
                if (fit == null) {
                    measured.setText(getTranslation(k + ".measured"));
                } else {
                    // the scaling lab's two approach-3 fits side by side: E held at the measured floor (what its
                    // charts draw first) and E fitted as well, as the papers do
                    ScalingFits.Law held = fit.fixedE(), free = fit.free();
                    String floor = String.format(Locale.ROOT, "%.3f", held.bigE().value());
                    HtmlTable fits = new HtmlTable("guide-scaling-fits");
                    fits.show(List.of(getTranslation(k + ".col.constant"), getTranslation(k + ".col.held", floor),
                            getTranslation(k + ".col.free")),
                            List.of(
                                    row("α", constant(held.alpha()), constant(free.alpha())),
                                    row("β", constant(held.beta()), constant(free.beta())),
                                    row("E", getTranslation(k + ".held", floor), constant(free.bigE()))));
                    more.add(fits);
                    String text = getTranslation(k + ".measured.fits", floor);
                    // as on the scaling page: when the fitted E falls far below the floor no model beats, say why
                    if (fit.freeECollapsed()) {
                        text += " " + getTranslation(k + ".collapse", String.format(Locale.ROOT, "%.3f",
                                free.bigE().value()), floor, two(g.bestLoss()));
                    }
                    measured.setText(text);
                }
                source.setText(getTranslation(k + ".source", g.created().length() >= 10 ? g.created().substring(0, 10)
                        : g.created(), g.corpusIdioms()));
            }
            case SNOWBALL -> {
                int t = service.context();
                SnowballService.Projection shortText = service.snowball(t),
                        longText = service.snowball(GuideService.LONG_TEXT);
                table.show(List.of(getTranslation(k + ".col.length"), getTranslation(k + ".col.cached"),
                        getTranslation(k + ".col.recomputed"), getTranslation(k + ".col.ratio")),
                        List.of(projection(shortText, n), projection(longText, n)));
                measured.setText(getTranslation(k + ".measured", n.format(t), one(shortText.ratio()),
                        n.format(GuideService.LONG_TEXT), one(longText.ratio())));
                source.setText(getTranslation(k + ".source"));
            }
            case DOMAINS -> {
                table.show(List.of("", getTranslation(k + ".col.across"), getTranslation(k + ".col.within")),
                        rows(k, "examples", "reading", "data", "fits"));
                measured.setText(getTranslation(k + ".measured", percent(m.encdec().gameValidOfPossible()),
                        percent(m.decoder().gameValidOfPossible()), n.format(m.encdec().parameters()),
                        n.format(m.decoder().parameters())));
                source.setText(getTranslation("guide.source.models", m.decoder().command(), m.encdec().command()));
            }
            default -> throw new IllegalStateException(p.name());
        }
    }

    /** Rows {@code <k>.row.<name>} with cells {@code <k>.decoder.<name>} and {@code <k>.encdec.<name>}. */
    private List<List<Object>> rows(String k, String... names) {
        List<List<Object>> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(row(getTranslation(k + ".row." + name), getTranslation(k + ".a." + name),
                    getTranslation(k + ".b." + name)));
        }
        return rows;
    }

    private List<Object> stageRow(String k, String stage) {
        return row(getTranslation("encdec.stage." + stage), getTranslation(k + ".encdec." + stage),
                getTranslation(k + ".decoder." + stage), getTranslation(k + ".gap." + stage));
    }

    private List<Object> projection(SnowballService.Projection p, NumberFormat n) {
        return row(n.format(p.tokens()), sci(p.cachedFlops()), sci(p.recomputedFlops()), one(p.ratio()) + "×");
    }

    private static List<Object> row(Object... cells) {
        return List.of(cells);
    }

    private static String constant(ScalingFits.Constant c) {
        return String.format(Locale.ROOT, "%.3f  [%.3f, %.3f]", c.value(), c.lo(), c.hi());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String one(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    /** Every link of the guide, in order (each a route of this application). */
    static List<String> routes() {
        List<String> all = new ArrayList<>();
        for (Part p : Part.values()) {
            all.addAll(p.routes);
        }
        return all;
    }
}
