package lab.jielong.labs.snowball.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.base.ui.DecodingControls;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.base.ui.Tokens;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.embed.UrlState;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.decode.DecodingConfig;
import lab.jielong.labs.snowball.Generation;
import lab.jielong.labs.snowball.SnowballService;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static lab.jielong.base.ui.Formats.percent;

/**
 * The snowball lab: the visitor's prompt, decoding and the decoder writing one token per step (by a click, or
 * played through server push a few steps a second), each step measured as it happens with the KV cache and
 * recomputing every position: the numbers side by side, the costs per step and summed, the cache growing a row
 * a step, the two proofs, and the closed forms for texts far beyond the context.
 */
@Route(value = "labs/snowball", layout = MainLayout.class)
@Menu(title = "nav.snowball", order = 10)
class SnowballView extends Div implements LocaleChangeObserver, HasDynamicTitle, BeforeEnterObserver {

    /** What the step and total charts show. */
    enum Measure {
        TIME, FLOPS
    }

    private final SnowballService service;
    private Generation generation;
    private SnowballService.Playing playing;
    private Optional<CheckedInput> problem = Optional.empty();

    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final TextField prompt = new TextField();
    private final Select<String> example = new Select<>();
    private final DecodingControls decoding = new DecodingControls("snowball");
    private final Button stepButton = new Button();
    private final Button playButton = new Button();
    private final Button resetButton = new Button();
    private final Div status = new Div();
    private final H3 textHeading = new H3();
    private final Div text = new Div();
    private final Tokens.Legend legend = new Tokens.Legend();
    private final H3 compareHeading = new H3();
    private final Div compare = new Div();
    private final H3 proofHeading = new H3();
    private final Paragraph logitProof = new Paragraph();
    private final Paragraph statesIntro = new Paragraph();
    private final Div states = new Div();
    private final Paragraph statesNote = new Paragraph();
    private final H3 longHeading = new H3();
    private final IntegerField longTokens = new IntegerField();
    private final Paragraph longResult = new Paragraph();
    private final Paragraph longNote = new Paragraph();
    private final Paragraph source = new Paragraph();

    private final Select<Measure> measure = new Select<>();
    private final H3 stepChartHeading = new H3();
    private final EChart stepChart = new EChart();
    private final H3 totalChartHeading = new H3();
    private final EChart totalChart = new EChart();
    private final H3 cacheChartHeading = new H3();
    private final EChart cacheChart = new EChart();
    private final Paragraph cacheHelp = new Paragraph();

    SnowballView(SnowballService service) {
        this.service = service;
        addClassNames("jl-play", "jl-snowball");

        prompt.setId("snowball-prompt");
        prompt.setMaxLength(64);
        prompt.setClearButtonVisible(true);
        prompt.setValue(SnowballService.EXAMPLES.get(1));
        prompt.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        prompt.addValueChangeListener(e -> reset());
        example.setId("snowball-example");
        example.setItems(SnowballService.EXAMPLES);
        example.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                prompt.setValue(e.getValue());
            }
        });
        HorizontalLayout promptRow = new HorizontalLayout(prompt, example);
        promptRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        promptRow.addClassName("jl-move-row");
        decoding.addChangeListener(this::reset);

        stepButton.setId("snowball-step");
        stepButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        stepButton.addClickListener(e -> step());
        playButton.setId("snowball-play");
        playButton.addClickListener(e -> togglePlay());
        resetButton.setId("snowball-reset");
        resetButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        resetButton.addClickListener(e -> reset());
        HorizontalLayout buttons = new HorizontalLayout(stepButton, playButton, resetButton);
        buttons.addClassName("jl-move-row");

        status.setId("snowball-status");
        status.addClassName("jl-status");
        status.getElement().setAttribute("role", "status");
        status.getElement().setAttribute("aria-live", "polite");
        text.setId("snowball-text");
        text.addClassName("jl-tokens");
        legend.setId("snowball-legend");
        compare.setId("snowball-compare");
        compare.addClassName("jl-compare");
        logitProof.setId("snowball-proof-logits");
        logitProof.addClassName("jl-punchline");
        statesIntro.setId("snowball-proof-intro");
        states.setId("snowball-proof-states");
        states.addClassName("jl-compare");
        statesNote.addClassName("jl-note");
        longTokens.setId("snowball-long-tokens");
        longTokens.setValue(4000);
        longTokens.setStepButtonsVisible(true);
        longTokens.setStep(1000);
        longTokens.setManualValidation(true);
        longTokens.addValueChangeListener(e -> redrawLong());
        longResult.setId("snowball-long");
        longNote.addClassName("jl-note");
        source.setId("snowball-source");
        source.addClassName("jl-note");

        Section left = new Section(heading, intro, promptRow, decoding, buttons, status, textHeading, text, legend,
                compareHeading, compare, proofHeading, logitProof, statesIntro, states, statesNote, longHeading,
                longTokens, longResult, longNote, source);
        left.addClassName("jl-game");

        measure.setId("snowball-measure");
        measure.setItems(Measure.values());
        measure.setValue(Measure.TIME);
        measure.addValueChangeListener(e -> redrawCharts());
        stepChart.setId("snowball-step-chart");
        stepChart.setHeight("260px");
        totalChart.setId("snowball-total-chart");
        totalChart.setHeight("260px");
        cacheChart.setId("snowball-cache-chart");
        cacheChart.setHeight("600px");
        cacheHelp.addClassName("jl-note");
        Aside right = new Aside(measure, stepChartHeading, stepChart, totalChartHeading, totalChart, cacheChartHeading,
                cacheChart, cacheHelp);
        right.addClassName("jl-panel");
        right.setId("snowball-charts");
        add(left, right);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopPlaying();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        redraw();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.snowball");
    }

    /** A link's {@code prompt=} (a classroom preset, a course page) becomes the prompt; Step checks it as typed. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        UrlState.of(event).prompt().ifPresent(prompt::setValue);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
        heading.setText(getTranslation("snowball.heading"));
        intro.setText(getTranslation("snowball.intro"));
        prompt.setLabel(getTranslation("snowball.prompt"));
        prompt.setHelperText(getTranslation("snowball.prompt.help", service.maxPromptCharacters()));
        example.setLabel(getTranslation("snowball.example"));
        example.setItemLabelGenerator(e -> e.isEmpty() ? getTranslation("snowball.example.empty") : e);
        stepButton.setText(getTranslation("snowball.step"));
        resetButton.setText(getTranslation("snowball.reset"));
        textHeading.setText(getTranslation("snowball.text"));
        compareHeading.setText(getTranslation("snowball.compare.heading"));
        proofHeading.setText(getTranslation("snowball.proof.heading"));
        longHeading.setText(getTranslation("snowball.long.heading"));
        longTokens.setLabel(getTranslation("snowball.long.tokens"));
        measure.setLabel(getTranslation("snowball.measure"));
        measure.setItemLabelGenerator(m -> getTranslation("snowball.measure." + m.name()));
        stepChartHeading.setText(getTranslation("snowball.chart.step"));
        totalChartHeading.setText(getTranslation("snowball.chart.total"));
        cacheChartHeading.setText(getTranslation("snowball.chart.cache"));
        cacheHelp.setText(getTranslation("snowball.chart.cache.help"));
        redraw();
    }

    // ---------------------------------------------------------------------------------------------
    // actions

    /** Starts a generation on the prompt and decoding as they are, unless one is running. */
    private boolean ensureStarted() {
        if (generation != null && generation.end().filter(e -> e == Generation.End.REPLACED).isEmpty()) {
            return true;
        }
        Optional<DecodingConfig> config = decoding.value();
        if (config.isEmpty()) {
            return false;                           // the wrong field says why
        }
        SnowballService.Started started = service.start(VaadinSession.getCurrent(), prompt.getValue(), config.get());
        problem = started.problem();
        prompt.setInvalid(problem.isPresent());
        generation = started.generation().orElse(null);
        return generation != null;
    }

    private void step() {
        if (playing != null) {
            return;
        }
        if (ensureStarted()) {
            service.step(generation);               // busy: the error handler says so, the generation unchanged
        }
        redraw();
    }

    private void togglePlay() {
        if (playing != null) {
            stopPlaying();
            redraw();
            return;
        }
        if (!ensureStarted() || generation.end().isPresent()) {
            redraw();
            return;
        }
        UI ui = UI.getCurrent();
        Generation played = generation;
        SnowballService.Playing[] handle = new SnowballService.Playing[1];
        handle[0] = service.play(played, step -> {
            inUi(ui, () -> {
                if (generation == played) {
                    redraw();
                }
            });
            return true;
        }, () -> inUi(ui, () -> {
            if (playing == handle[0]) {
                playing = null;
            }
            if (generation == played) {
                redraw();
            }
        }));
        if (!handle[0].stopped()) {
            playing = handle[0];
        }
        redraw();
    }

    /** Runs in the UI's session: at once when this thread already holds it (a play with no pause), else pushed. */
    private static void inUi(UI ui, Command command) {
        if (UI.getCurrent() == ui && ui.getSession().hasLock()) {
            command.execute();
        } else {
            ui.access(command);
        }
    }

    private void stopPlaying() {
        if (playing != null) {
            playing.stop();
            playing = null;
        }
    }

    private void reset() {
        stopPlaying();
        generation = null;
        problem = Optional.empty();
        prompt.setInvalid(false);
        redraw();
    }

    // ---------------------------------------------------------------------------------------------
    // drawing

    private void redraw() {
        boolean running = playing != null;
        boolean ended = generation != null && generation.end().isPresent();
        stepButton.setEnabled(!running && !ended);
        playButton.setEnabled(!ended || running);
        playButton.setText(getTranslation(running ? "snowball.pause" : "snowball.play"));
        playButton.getElement().setAttribute("aria-pressed", Boolean.toString(running));
        drawStatus();
        drawText();
        drawCompare();
        drawProofs();
        redrawCharts();
        redrawLong();
        drawSource();
    }

    private void drawStatus() {
        status.removeAll();
        problem.ifPresent(p -> status
                .add(new Paragraph(getTranslation("input." + p.problem().name(), p.messageArgs().toArray()))));
        if (generation == null) {
            if (problem.isEmpty()) {
                status.add(new Paragraph(getTranslation("snowball.status.ready")));
            }
            return;
        }
        List<Generation.Step> steps = generation.steps();
        Generation.Step first = steps.get(0);
        status.add(new Paragraph(getTranslation("snowball.status.prompt", generation.promptLength(),
                micros(first.cachedMicros()), micros(first.recomputedMicros()))));
        Generation.Step last = steps.get(steps.size() - 1);
        if (last.number() > 0) {
            Paragraph p = new Paragraph(getTranslation("snowball.status.step", last.number(), Tokens.label(last.text()),
                    percent(last.probability()), last.position(), decodingLabel(generation.decoding())));
            p.setId("snowball-last-step");
            status.add(p);
        }
        generation.end().ifPresent(e -> {
            Paragraph p = new Paragraph(getTranslation("snowball.end." + e.name(), generation.config().context()));
            p.setId("snowball-end");
            status.add(p);
        });
    }

    private String decodingLabel(DecodingConfig config) {
        return config.sample() ? getTranslation("snowball.decoding.sampled", config.describe())
                : getTranslation("snowball.decoding.greedy");
    }

    private void drawText() {
        text.removeAll();
        boolean has = generation != null;
        textHeading.setVisible(has);
        text.setVisible(has);
        legend.setVisible(has);
        if (!has) {
            return;
        }
        List<String> tokens = generation.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            Span token = new Span(Tokens.label(tokens.get(i)));
            token.addClassName("jl-token");
            token.addClassName(i < generation.promptLength() ? "jl-prompt-token" : "jl-written-token");
            token.getElement().getClassList().set("jl-selected",
                    i == tokens.size() - 1 && i >= generation.promptLength());
            token.getElement().setAttribute("title", getTranslation("panel.position", i, Tokens.label(tokens.get(i))));
            text.add(token);
        }
    }

    private void drawCompare() {
        compare.removeAll();
        boolean has = generation != null;
        compareHeading.setVisible(has);
        compare.setVisible(has);
        if (!has) {
            return;
        }
        Generation.Step s = generation.last();
        List<Generation.Step> steps = generation.steps();
        double cachedTotal = 0, recomputedTotal = 0;
        for (Generation.Step step : steps.subList(1, steps.size())) {
            cachedTotal += step.cachedMicros();
            recomputedTotal += step.recomputedMicros();
        }
        cells(compare, "jl-compare-head", "", getTranslation("snowball.compare.cached"),
                getTranslation("snowball.compare.recomputed"));
        cells(compare, "compare-positions", getTranslation("snowball.compare.positions"),
                number(s.cached().tokensComputed()), number(s.recomputed().tokensComputed()));
        cells(compare, "compare-flops", getTranslation("snowball.compare.flops"), number(s.cachedFlops()),
                number(s.recomputedFlops()));
        cells(compare, "compare-cache", getTranslation("snowball.compare.cache"), number(s.cached().kvCacheBytes()),
                getTranslation("snowball.compare.none"));
        cells(compare, "compare-time", getTranslation("snowball.compare.time"), micros(s.cachedMicros()),
                micros(s.recomputedMicros()));
        cells(compare, "compare-total", getTranslation("snowball.compare.total", steps.size() - 1),
                micros(cachedTotal), micros(recomputedTotal));
    }

    /** One row of a three-column grid: a label and two values. */
    private static void cells(Div grid, String id, String label, String a, String b) {
        Span l = new Span(label), x = new Span(a), y = new Span(b);
        l.addClassName("jl-compare-label");
        x.addClassName("jl-compare-a");
        y.addClassName("jl-compare-b");
        if (id.startsWith("jl-")) {
            for (Span s : List.of(l, x, y)) {
                s.addClassName(id);
            }
        } else {
            x.setId("snowball-" + id + "-cached");
            y.setId("snowball-" + id + "-recomputed");
        }
        grid.add(l, x, y);
    }

    private void drawProofs() {
        states.removeAll();
        boolean has = generation != null && generation.last().number() > 0;
        proofHeading.setVisible(generation != null);
        logitProof.setVisible(generation != null);
        statesIntro.setVisible(generation != null);
        states.setVisible(has);
        statesNote.setVisible(has);
        if (generation == null) {
            return;
        }
        List<Generation.Step> steps = generation.steps();
        Generation.Step last = steps.get(steps.size() - 1);
        double worst = steps.stream().mapToDouble(Generation.Step::logitDifference).max().orElse(0);
        logitProof.setText(getTranslation("snowball.proof.logits", generation.config().vocabSize(),
                difference(last.logitDifference()), difference(worst), steps.size() - 1));
        if (!has) {
            statesIntro.setText(getTranslation("snowball.proof.none"));
            return;
        }
        statesIntro.setText(getTranslation("snowball.proof.states", Tokens.label(last.text()), last.position()));
        int L = generation.config().nLayer();
        double[] decoderRun = new double[L], peekingRun = new double[L];
        for (Generation.Step s : steps.subList(1, steps.size())) {
            for (int l = 0; l < L; l++) {
                decoderRun[l] = Math.max(decoderRun[l], s.decoderStateChange()[l]);
                if (s.peekingStateChange().length == L) {
                    peekingRun[l] = Math.max(peekingRun[l], s.peekingStateChange()[l]);
                }
            }
        }
        boolean peeking = generation.withPeeking();
        cells(states, "jl-compare-head", "", getTranslation("snowball.proof.decoder"),
                getTranslation("snowball.proof.peeking"));
        for (int l = 0; l < L; l++) {
            cells(states, "states-layer" + (l + 1), getTranslation("snowball.proof.layer", l + 1),
                    difference(last.decoderStateChange()[l]),
                    peeking ? difference(last.peekingStateChange()[l]) : "—");
        }
        double decoderWorst = 0;
        for (double d : decoderRun) {
            decoderWorst = Math.max(decoderWorst, d);
        }
        double peekingLeast = Double.MAX_VALUE;
        for (double d : peekingRun) {
            peekingLeast = Math.min(peekingLeast, d);
        }
        cells(states, "states-run", getTranslation("snowball.proof.run"), difference(decoderWorst),
                peeking ? difference(peekingLeast) + "+" : "—");
        String note = getTranslation(peeking ? "snowball.proof.explain" : "snowball.proof.nopeeking");
        if (decoderWorst > 0) {
            note += " " + getTranslation("snowball.proof.jit");
        }
        statesNote.setText(note);
    }

    private void redrawCharts() {
        boolean has = generation != null && generation.last().number() > 0;    // a step has been written
        for (var c : List.of(measure, stepChartHeading, stepChart, totalChartHeading, totalChart)) {
            c.setVisible(has);
        }
        for (var c : List.of(cacheChartHeading, cacheChart, cacheHelp)) {
            c.setVisible(generation != null);
        }
        if (generation == null) {
            return;
        }
        Measure m = measure.getValue() == null ? Measure.TIME : measure.getValue();
        String unit = getTranslation("snowball.measure." + m.name());
        String[] names = {getTranslation("snowball.compare.cached"), getTranslation("snowball.compare.recomputed")};
        List<Generation.Step> steps = generation.steps();
        if (has) {
            stepChart.setOption(SnowballCharts.perStep(steps, m == Measure.TIME, generation.config().context(), names,
                    unit, getTranslation("snowball.axis.position")));
            totalChart.setOption(SnowballCharts.cumulative(steps, m == Measure.TIME, generation.config().context(),
                    names, unit, getTranslation("snowball.axis.position")));
        }
        cacheChart.setOption(SnowballCharts.cache(generation.cacheNorms(), generation.tokens(),
                generation.config().context(), getTranslation("snowball.chart.cache.key"),
                getTranslation("snowball.chart.cache.value")));
    }

    private void redrawLong() {
        ModelConfig config = generation != null ? generation.config() : service.config();
        Integer n = longTokens.getValue();
        longNote.setText(getTranslation("snowball.long.note", config.context(),
                number(service.perPositionFlops(config))));
        if (n == null || n < 1 || n > SnowballService.MAX_PROJECTED) {
            longTokens.setInvalid(true);
            longTokens.setErrorMessage(getTranslation("snowball.long.invalid", number(SnowballService.MAX_PROJECTED)));
            longResult.setText("");
            return;
        }
        longTokens.setInvalid(false);
        SnowballService.Projection p = service.project(config, n);
        longResult.setText(getTranslation("snowball.long.result", number(n), si(p.cachedFlops()),
                si(p.recomputedFlops()), String.format(getLocale(), "%,.0f", p.ratio()), bytes(p.cacheBytes())));
    }

    private void drawSource() {
        if (generation == null) {
            source.setText(getTranslation("snowball.source.before"));
            return;
        }
        ModelConfig c = generation.config();
        source.setText(
                getTranslation("snowball.source", generation.shipped() ? getTranslation("snowball.models.shipped")
                        : getTranslation("snowball.models.own", generation.source()), c.describe()));
    }

    // ---------------------------------------------------------------------------------------------
    // numbers

    private String number(long n) {
        return String.format(getLocale(), "%,d", n);
    }

    private String micros(double us) {
        return String.format(getLocale(), "%,.1f", us);
    }

    /** 0 exactly as "0", otherwise three significant digits. */
    static String difference(double d) {
        return d == 0 ? "0" : String.format(Locale.ROOT, "%.3g", d);
    }

    /** 2.34 M, 5.1 T: SI prefixes, three significant digits. */
    static String si(double n) {
        String[] prefixes = {" ", " k", " M", " G", " T", " P", " E"};
        int i = 0;
        while (Math.abs(n) >= 1000 && i < prefixes.length - 1) {
            n /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, n >= 100 || i == 0 ? "%.0f%s" : "%.3g%s", n, prefixes[i]);
    }

    /** Bytes in KiB, MiB, GiB. */
    static String bytes(long b) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? b + " " + units[0] : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
