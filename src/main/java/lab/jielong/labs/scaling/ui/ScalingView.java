package lab.jielong.labs.scaling.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.base.ui.VisitorJobs;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.engine.ModelConfig;
import lab.jielong.jobs.TrainingJobs;
import lab.jielong.labs.scaling.Counting;
import lab.jielong.labs.scaling.GridFile;
import lab.jielong.labs.scaling.ParamCounts;
import lab.jielong.labs.scaling.PointRecord;
import lab.jielong.labs.scaling.ScalingFits;
import lab.jielong.labs.scaling.ScalingService;

import java.text.NumberFormat;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scaling laws trained here: the shipped grid and its fit (redone on this server), the way N is counted,
 * the constants beside the published ones, and one more point the visitor trains and watches land.
 */
@Route(value = "labs/scaling", layout = MainLayout.class)
@PageTitle("接龙实验室 · Scaling laws")
@Menu(title = "Scaling laws", order = 30)
class ScalingView extends Div implements LocaleChangeObserver {

    /** Published constants, typed from the papers and labelled as such on the page. */
    static final double CHINCHILLA_ALPHA = 0.34, CHINCHILLA_BETA = 0.28, EPOCH_ALPHA = 0.35, EPOCH_BETA = 0.37;

    private final ScalingService service;
    private final GridFile grid;
    private Counting counting = Counting.ALL;
    /** Which approach-3 fit the charts draw: E fitted, or E held at the measured loss floor. */
    private ScalingFits.Variant variant = ScalingFits.Variant.FIXED_E;
    private ScalingFits.CountingFit fit;
    private ZonedDateTime fittedAt;
    private final List<PointRecord> yours = new ArrayList<>();
    private final List<double[]> curve = new ArrayList<>();
    /** The visitor's point job (the server's shared training queue), while it waits or runs. */
    private Optional<TrainingJobs.Handle<ScalingService.Step, PointRecord>> job = Optional.empty();
    private String trainState = "idle";
    private Object[] trainArgs = {};
    private long lastPush;
    private int fitRequest;
    /** The fit shown when the visitor's last point finished, to say how far the refit moved it. */
    private ScalingFits.CountingFit beforeYourPoint;

    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final Paragraph gridSource = new Paragraph();
    private final RadioButtonGroup<Counting> countingSwitch = new RadioButtonGroup<>();
    private final Paragraph countingNote = new Paragraph();
    private final RadioButtonGroup<ScalingFits.Variant> variantSwitch = new RadioButtonGroup<>();
    private final Paragraph fitSource = new Paragraph();
    private final H3 paramsHeading = new H3();
    private final EChart paramsChart = new EChart();
    private final H3 tokensHeading = new H3();
    private final EChart tokensChart = new EChart();
    private final H3 computeHeading = new H3();
    private final EChart computeChart = new EChart();
    private final H3 constantsHeading = new H3();
    private final Div constants = new Div();
    private final Paragraph whyDiffer = new Paragraph();
    private final H3 addHeading = new H3();
    private final Paragraph addIntro = new Paragraph();
    private final Select<String> size = new Select<>();
    private final Select<Integer> steps = new Select<>();
    private final Button train = new Button();
    private final Button cancel = new Button();
    private final Paragraph trainStatus = new Paragraph();
    private final EChart curveChart = new EChart();

    ScalingView(ScalingService service) {
        this.service = service;
        this.grid = service.grid();
        addClassName("jl-scaling");

        gridSource.setId("scaling-source");
        gridSource.addClassName("jl-note");
        countingSwitch.setId("scaling-counting");
        countingSwitch.setItems(Counting.values());
        countingSwitch.setValue(counting);
        countingSwitch.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() != counting) {
                counting = e.getValue();
                requestFit();
            }
        });
        countingNote.setId("scaling-counting-note");
        variantSwitch.setId("scaling-variant");
        variantSwitch.setItems(ScalingFits.Variant.values());
        variantSwitch.setValue(variant);
        variantSwitch.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() != variant) {
                variant = e.getValue();
                render();
            }
        });
        fitSource.setId("scaling-fit-source");
        fitSource.addClassName("jl-note");
        fitSource.getElement().setAttribute("aria-live", "polite");
        paramsChart.setId("scaling-chart-params");
        tokensChart.setId("scaling-chart-tokens");
        computeChart.setId("scaling-chart-compute");
        for (EChart c : List.of(paramsChart, tokensChart, computeChart)) {
            c.setHeight("380px");
        }
        constants.setId("scaling-constants");
        constants.addClassName("jl-constants");
        whyDiffer.setId("scaling-why");

        size.setId("scaling-size");
        size.setItems(service.extraSizes());
        size.setValue(service.extraSizes().get(Math.min(2, service.extraSizes().size() - 1)));
        steps.setId("scaling-steps");
        steps.setItems(service.extraSteps());
        steps.setValue(service.extraSteps().get(Math.min(2, service.extraSteps().size() - 1)));
        train.setId("scaling-train");
        train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        train.addClickListener(e -> startTraining());
        cancel.setId("scaling-cancel");
        cancel.setEnabled(false);
        cancel.addClickListener(e -> job.ifPresent(TrainingJobs.Handle::stop));
        HorizontalLayout controls = new HorizontalLayout(size, steps, train, cancel);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.addClassName("jl-move-row");
        trainStatus.setId("scaling-train-status");
        trainStatus.getElement().setAttribute("role", "status");
        trainStatus.getElement().setAttribute("aria-live", "polite");
        curveChart.setId("scaling-chart-curve");
        curveChart.setHeight("220px");
        curveChart.setVisible(false);

        Section data = new Section(heading, intro, gridSource, countingSwitch, countingNote, variantSwitch, fitSource,
                paramsHeading, paramsChart, tokensHeading, tokensChart, computeHeading, computeChart);
        data.addClassName("jl-game");
        Section side = new Section(constantsHeading, constants, whyDiffer, addHeading, addIntro, controls, trainStatus,
                curveChart);
        side.addClassName("jl-panel");
        add(data, side);
        addClassName("jl-play");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        requestFit();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        job.ifPresent(h -> h.stop(TrainingJobs.Stop.PAGE_CLOSED));   // nobody is watching: free the slot
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        heading.setText(t("scaling.heading"));
        intro.setText(t("scaling.intro", grid.corpus().trainingIdioms(), num(grid.lossFloor().natsPerToken(), 3)));
        gridSource.setText(gridSourceText());
        countingSwitch.setLabel(t("scaling.counting"));
        countingSwitch.setItemLabelGenerator(c -> t("scaling.counting." + c.key()));
        countingNote.setText(embeddingShareText());
        variantSwitch.setLabel(t("scaling.variant"));
        variantSwitch
                .setItemLabelGenerator(v -> t("scaling.variant." + v.key(), num(grid.lossFloor().natsPerToken(), 3)));
        paramsHeading.setText(t("scaling.chart.params.heading"));
        tokensHeading.setText(t("scaling.chart.tokens.heading"));
        computeHeading.setText(t("scaling.chart.compute.heading"));
        constantsHeading.setText(t("scaling.constants.heading"));
        whyDiffer.setText(t("scaling.why"));
        addHeading.setText(t("scaling.add.heading"));
        addIntro.setText(t("scaling.add.intro", service.extraSteps().get(service.extraSteps().size() - 1),
                service.jobs().limits().maxJobs(), service.jobs().limits().queueSize(),
                service.jobs().limits().maxTime().toMinutes()));
        size.setLabel(t("scaling.add.size"));
        size.setItemLabelGenerator(s -> s + " · " + String.format(getLocale(), "%,d", ParamCounts.of(
                ModelConfig.named(s, grid.corpus().vocabSize())).get(counting)));
        steps.setLabel(t("scaling.add.steps"));
        steps.setItemLabelGenerator(s -> t("scaling.add.steps.item", s, String.format(getLocale(), "%,d", s * 1024)));
        train.setText(t("scaling.add.train"));
        cancel.setText(t("scaling.add.cancel"));
        renderTrainStatus();
        render();
    }

    // ---------------------------------------------------------------- the fit

    /** Asks for the fit of the current counting (with the visitor's points) and shows it when it is there. */
    private void requestFit() {
        int request = ++fitRequest;
        fit = null;
        CompletableFuture<ScalingFits.CountingFit> f = service.refit(counting, List.copyOf(yours));
        if (f.isDone() && !f.isCompletedExceptionally()) {
            showFit(f.join(), request);
            return;
        }
        render();
        Optional<UI> ui = getUI();
        ui.ifPresent(u -> f.whenComplete((result, error) -> u.access(() -> {
            if (error != null) {
                fitSource.setText(t("scaling.fit.failed", String.valueOf(error.getMessage())));
            } else {
                showFit(result, request);
            }
        })));
    }

    private void showFit(ScalingFits.CountingFit f, int request) {
        if (request != fitRequest) {
            return;   // an older request (another counting) finished late
        }
        fit = f;
        fittedAt = ZonedDateTime.now();
        if (beforeYourPoint != null && beforeYourPoint.counting().equals(f.counting()) && trainState.equals("done")) {
            Object[] done = trainArgs;
            setTrainState("moved", new Object[] {done[0], done[1], done[2], done[3], done[4],
                    num(beforeYourPoint.free().alpha().value(), 3), num(f.free().alpha().value(), 3),
                    num(beforeYourPoint.free().beta().value(), 3), num(f.free().beta().value(), 3),
                    num(beforeYourPoint.free().bigE().value(), 3), num(f.free().bigE().value(), 3)});
            beforeYourPoint = null;
        }
        render();
    }

    private void render() {
        if (getLocale() == null) {
            return;
        }
        countingNote.setText(embeddingShareText());
        ScalingCharts.Labels l = new ScalingCharts.Labels(t("scaling.axis.loss"), t("scaling.axis.params"),
                t("scaling.axis.tokens"), t("scaling.axis.compute"), t("scaling.series.fitted"),
                t("scaling.series.band"),
                t("scaling.series.yours"), t("scaling.series.approach2"), t("scaling.series.frontier"),
                t("scaling.series.floor"), t("scaling.series.e"), t("scaling.series.level"), t("scaling.series.size"));
        paramsChart.setOption(ScalingCharts.lossVsParams(grid.points(), yours, counting, fit, variant, l));
        tokensChart.setOption(ScalingCharts.lossVsTokens(grid.points(), yours, counting, fit, variant, l));
        computeChart.setOption(ScalingCharts.lossVsCompute(grid.points(), yours, counting, fit, variant,
                grid.lossFloor().natsPerToken(), l));
        if (fit == null) {
            fitSource.setText(
                    t("scaling.fit.running", t("scaling.counting." + counting.key()), ScalingService.RESAMPLES));
        } else {
            fitSource.setText(t("scaling.fit.source", t("scaling.counting." + counting.key()),
                    fittedAt.format(DateTimeFormatter.ofPattern("HH:mm:ss")), fit.points(), yours.size(),
                    ScalingService.RESAMPLES, fit.free().resamplesConverged()));
        }
        renderConstants();
    }

    private void renderConstants() {
        constants.removeAll();
        Element table = new Element("table");
        Element head = new Element("tr");
        for (String h : List.of(t("scaling.constants.name"), t("scaling.constants.here"),
                t("scaling.constants.here.fixed", num(grid.lossFloor().natsPerToken(), 3)),
                t("scaling.constants.chinchilla"),
                t("scaling.constants.epoch"))) {
            head.appendChild(new Element("th").setText(h));
        }
        table.appendChild(head);
        if (fit == null) {
            constants.getElement().appendChild(table);
            return;
        }
        ScalingFits.Law free = fit.free(), fixed = fit.fixedE();
        row(table, "α", free.alpha(), fixed.alpha(), num(CHINCHILLA_ALPHA, 2), num(EPOCH_ALPHA, 2));
        row(table, "β", free.beta(), fixed.beta(), num(CHINCHILLA_BETA, 2), num(EPOCH_BETA, 2));
        row(table, "E", free.bigE(), fixed.bigE(), "—", "—");
        row(table, "A", free.bigA(), fixed.bigA(), "—", "—");
        row(table, "B", free.bigB(), fixed.bigB(), "—", "—");
        row(table, t("scaling.constants.a3"), free.nOptExponent(), fixed.nOptExponent(), "—", "—");
        ScalingFits.Approach2 ap2 = fit.approach2();
        Element a2 = new Element("tr");
        a2.appendChild(new Element("td").setText(t("scaling.constants.a2")));
        a2.appendChild(new Element("td").setAttribute("colspan", "2").setText(ap2.found()
                ? t("scaling.constants.a2.value", num(ap2.a(), 3), num(ap2.b(), 3), ap2.budgetsWithMinimum())
                : t("scaling.constants.a2.none", ap2.budgetsWithMinimum(), ap2.budgets())));
        a2.appendChild(new Element("td").setText("—"));
        a2.appendChild(new Element("td").setText("—"));
        table.appendChild(a2);
        constants.getElement().appendChild(table);
        Paragraph note = new Paragraph(t("scaling.constants.note", num(grid.lossFloor().natsPerToken(), 3)));
        note.addClassName("jl-note");
        constants.add(note);
        // the free fit puts E far below the floor no model can beat: say why
        double lowest = grid.points().stream().mapToDouble(PointRecord::loss).min().orElse(Double.NaN);
        if (fit.freeECollapsed()) {
            Paragraph collapse = new Paragraph(t("scaling.constants.collapse", num(free.bigE().value(), 2),
                    num(grid.lossFloor().natsPerToken(), 3), num(lowest, 3)));
            collapse.setId("scaling-collapse");
            collapse.addClassName("jl-note");
            constants.add(collapse);
        }
        // a fit whose E collapses to 0 or whose N term has no finite bound cannot separate the two: say so
        if (!Double.isFinite(free.bigA().value()) || !Double.isFinite(free.alpha().hi()) || free.alpha().hi() > 10) {
            long largest = grid.points().stream().mapToLong(r -> r.n(counting)).max().orElse(0);
            Paragraph weak = new Paragraph(t("scaling.constants.weak", fit.points(), grid.run().pointsPlanned(),
                    String.format(getLocale(), "%,d", largest)));
            weak.setId("scaling-weak");
            weak.addClassName("jl-note");
            constants.add(weak);
        }
    }

    private void row(Element table, String name, ScalingFits.Constant free, ScalingFits.Constant fixed,
            String chinchilla,
            String epoch) {
        Element tr = new Element("tr");
        tr.appendChild(new Element("td").setText(name));
        tr.appendChild(valueCell(num(free.value(), 3), "  [" + num(free.lo(), 3) + ", " + num(free.hi(), 3) + "]"));
        boolean held = fixed.lo() == fixed.value() && fixed.hi() == fixed.value();   // E of the fixed-E fit: no interval
        tr.appendChild(held ? valueCell(num(fixed.value(), 3), " (" + t("scaling.constants.held") + ")")
                : valueCell(num(fixed.value(), 3), "  [" + num(fixed.lo(), 3) + ", " + num(fixed.hi(), 3) + "]"));
        tr.appendChild(new Element("td").setText(chinchilla));
        tr.appendChild(new Element("td").setText(epoch));
        table.appendChild(tr);
    }

    /** A fitted value with its interval (or note) on the line below, neither broken inside a number. */
    private static Element valueCell(String value, String below) {
        Element td = new Element("td");
        td.appendChild(new Element("span").setText(value).setAttribute("class", "jl-v"));
        td.appendChild(new Element("span").setText(below).setAttribute("class", "jl-ci"));
        return td;
    }

    // ---------------------------------------------------------------- one more point

    private void startTraining() {
        if (job.isPresent()) {
            return;
        }
        String s = size.getValue();
        Integer n = steps.getValue();
        if (s == null || n == null) {
            setTrainState("choose", new Object[] {});
            return;
        }
        UI ui = UI.getCurrent();
        synchronized (curve) {
            curve.clear();
        }
        TrainingJobs.Submission<ScalingService.Step, PointRecord> submitted =
                service.trainExtraPoint(VisitorJobs.owner(), s, n, new PointFeed(ui, s, n));
        if (submitted.refusal().isPresent()) {
            setTrainState("refused." + submitted.refusal().get().name(),
                    new Object[] {service.jobs().limits().queueSize()});
            return;
        }
        job = submitted.handle();
        curveChart.setVisible(true);
        int position = job.get().queuePosition();
        if (position > 0) {
            setTrainState("queued", new Object[] {position, service.jobs().limits().maxJobs()});
        } else {
            setTrainState("started", new Object[] {s, n});
        }
    }

    /**
     * The point job's events, on the job's thread: steps are pushed at most every 300 ms, queue moves and
     * the end at once.
     */
    private final class PointFeed implements TrainingJobs.Listener<ScalingService.Step, PointRecord> {
        private final UI ui;
        private final String size;
        private final int total;

        PointFeed(UI ui, String size, int total) {
            this.ui = ui;
            this.size = size;
            this.total = total;
        }

        @Override
        public void queued(int position) {
            push(() -> setTrainState("queued", new Object[] {position, service.jobs().limits().maxJobs()}));
        }

        @Override
        public void started() {
            push(() -> setTrainState("started", new Object[] {size, total}));
        }

        @Override
        public void event(ScalingService.Step step) {
            synchronized (curve) {
                curve.add(new double[] {step.step(), step.loss()});
            }
            long now = System.nanoTime();
            if (now - lastPush > 300_000_000L || step.step() == step.steps()) {
                lastPush = now;
                push(() -> {
                    setTrainState("running", new Object[] {size, step.step(), step.steps(), num(step.loss(), 3)});
                    showCurve();
                });
            }
        }

        @Override
        public void ended(TrainingJobs.End<PointRecord> how) {
            push(() -> {
                job = Optional.empty();
                switch (how.state()) {
                    case COMPLETED -> {
                        PointRecord record = how.result().orElseThrow();
                        yours.add(record);
                        beforeYourPoint = fit;
                        setTrainState("done", new Object[] {record.size(), record.training().steps(),
                                String.format(getLocale(), "%,d", record.tokens()), num(record.loss(), 3),
                                String.format(Locale.ROOT, "%.0f", record.timing().trainSeconds())});
                        requestFit();
                    }
                    case STOPPED ->
                        setTrainState("stopped." + how.stop().orElseThrow().name(), new Object[] {how.steps(),
                                String.format(Locale.ROOT, "%.0f", how.seconds())});
                    default -> setTrainState("failed", new Object[] {how.failure().orElse("?")});
                }
            });
        }

        private void push(Runnable change) {
            try {
                ui.access(change::run);
            } catch (UIDetachedException e) {
                // the page is gone; its detach has stopped the job
            }
        }
    }

    private void showCurve() {
        List<double[]> copy;
        synchronized (curve) {
            copy = List.copyOf(curve);
        }
        curveChart.setOption(ScalingCharts.trainingCurve(copy, t("scaling.axis.step"), t("scaling.axis.trainloss")));
    }

    private void setTrainState(String state, Object[] args) {
        trainState = state;
        trainArgs = args;
        renderTrainStatus();
    }

    private void renderTrainStatus() {
        boolean running = job.isPresent();
        boolean allowed = service.extraPointsAllowed();
        train.setEnabled(!running && allowed);
        cancel.setEnabled(running);
        size.setEnabled(!running && allowed);
        steps.setEnabled(!running && allowed);
        if (!allowed) {
            trainStatus.setText(t("scaling.add.state.unavailable"));
            return;
        }
        trainStatus.setText(trainState.equals("idle") ? "" : t("scaling.add.state." + trainState, trainArgs));
    }

    // ---------------------------------------------------------------- wording

    private String gridSourceText() {
        GridFile.Run run = grid.run();
        String date = LocalDateTime.ofInstant(java.time.Instant.parse(run.created()), ZoneId.systemDefault())
                .format(DateTimeFormatter.ISO_LOCAL_DATE);
        String text = t("scaling.source", date, run.pointsDone(), run.pointsPlanned(),
                String.format(Locale.ROOT, "%.0f", run.trainSecondsTotal() / 60),
                run.loadAverageMeanOfPoints() == null ? "—" : num(run.loadAverageMeanOfPoints(), 2), run.cpus());
        return run.complete() ? text : text + " " + t("scaling.source.partial", run.missing().size());
    }

    private String embeddingShareText() {
        List<String> sizes = grid.design().sizes();
        ParamCounts small = ParamCounts.of(ModelConfig.named(sizes.get(0), grid.corpus().vocabSize()));
        ParamCounts large = ParamCounts.of(ModelConfig.named(sizes.get(sizes.size() - 1), grid.corpus().vocabSize()));
        return t("scaling.counting.note", sizes.get(0), pct(small.embeddingShare()), sizes.get(sizes.size() - 1),
                pct(large.embeddingShare()));
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    /** v to this many significant digits; scientific notation outside 0.001 … 100,000. */
    static String num(double v, int significant) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%." + (significant - 1) + "e", v).replace("e+", "e");
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(significant)).stripTrailingZeros()
                .toPlainString();
    }

    private static String pct(double share) {
        return NumberFormat.getPercentInstance(Locale.ROOT).format(share);
    }
}
