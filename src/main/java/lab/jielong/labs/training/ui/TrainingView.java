package lab.jielong.labs.training.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.base.ui.VisitorJobs;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.classroom.ClassroomEvent;
import lab.jielong.classroom.ClassroomService;
import lab.jielong.classroom.RoomStatus;
import lab.jielong.jobs.TrainingJobs;
import lab.jielong.labs.training.TrainingLabService;
import lab.jielong.labs.training.TrainingLabService.Answer;
import lab.jielong.labs.training.TrainingLabService.LabEvent;
import lab.jielong.labs.training.TrainingLabService.LabRun;
import lab.jielong.labs.training.TrainingLabService.Plan;
import lab.jielong.labs.training.TrainingLabService.Snapshot;
import lab.jielong.labs.training.TrainingLabService.Step;
import lab.jielong.labs.training.TrainingLabService.TrainingData;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The training lab: the visitor starts a run (idiom chains, or their own pasted text) and watches the decoder
 * and the peeking model train side by side, streamed from the job's thread by server push a few times a second:
 * both training losses, the peeking model's honest loss, tokens per second, and both models' answers to the
 * same prompts. A finished run can play the game in this visitor's session, or (a text run) write on here.
 */
@Route(value = "labs/training", layout = MainLayout.class)
@Menu(title = "nav.training", order = 20)
class TrainingView extends Div implements LocaleChangeObserver, HasDynamicTitle {

    /** The visitor's last finished run, kept in their session so they can come back to it. */
    static final String SESSION_KEY = "jielong.training.run";
    /** At most this many pushes a second while a run streams. */
    static final long PUSH_EVERY_MS = 250;
    /** At most this many points per curve are sent to the browser. */
    static final int MAX_POINTS = 300;

    enum Source {
        IDIOMS, TEXT
    }

    private final TrainingLabService service;

    // the run shown: its plan, what has arrived, how it stands
    private Optional<Plan> plan = Optional.empty();
    private Optional<TrainingJobs.Handle<LabEvent, LabRun>> handle = Optional.empty();
    private final List<Step> steps = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private Optional<TrainingJobs.End<LabRun>> end = Optional.empty();
    private int queuePosition;
    private Optional<LabRun> run = Optional.empty();
    /** A status message other than the run's own: a key and its arguments. */
    private Optional<Message> notice = Optional.empty();
    /** The snapshot and language the answers were drawn for. */
    private Optional<Object> drawnAnswers = Optional.empty();
    /** Events from the job's thread, waiting for the next push. Guarded by itself. */
    private final List<Runnable> inbox = new ArrayList<>();
    private long lastPush;
    /** The page's UI while attached; read by the job's thread. */
    private volatile UI ui;

    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final RadioButtonGroup<Source> source = new RadioButtonGroup<>();
    private final TextArea text = new TextArea();
    private final Paragraph planText = new Paragraph();
    private final Paragraph bounds = new Paragraph();
    private final Button start = new Button();
    private final Button stop = new Button();
    private final Paragraph status = new Paragraph();

    private final Span decoderTitle = new Span(), peekingTitle = new Span();
    private final Paragraph decoderFigures = new Paragraph(), peekingFigures = new Paragraph();
    private final Paragraph speed = new Paragraph();
    private final EChart chart = new EChart();
    private final Paragraph chartNote = new Paragraph();
    private final H3 answersHeading = new H3();
    private final Div answers = new Div();

    private final Section after = new Section();
    private final H3 afterHeading = new H3();
    private final Paragraph afterText = new Paragraph();
    private final Button use = new Button();
    private final Paragraph using = new Paragraph();
    private final TextField writePrompt = new TextField();
    private final Button write = new Button();
    private final Div written = new Div();
    private Optional<TrainingLabService.Writing> writing = Optional.empty();

    private final ClassroomService classroom;

    TrainingView(TrainingLabService service, ClassroomService classroom) {
        this.service = service;
        this.classroom = classroom;
        addClassName("jl-lab");

        source.setId("training-source");
        source.setItems(Source.values());
        source.setValue(Source.IDIOMS);
        source.addValueChangeListener(e -> {
            text.setVisible(e.getValue() == Source.TEXT);
            notice = Optional.empty();
            redraw();
        });
        text.setId("training-text");
        text.setVisible(false);
        text.setWidthFull();
        text.setMaxLength(TrainingLabService.MAX_TEXT * 2);
        text.addClassName("jl-text");
        start.setId("training-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> start());
        stop.setId("training-stop");
        stop.addClickListener(e -> handle.ifPresent(TrainingJobs.Handle::stop));
        HorizontalLayout buttons = new HorizontalLayout(start, stop);
        buttons.addClassName("jl-move-row");
        status.setId("training-status");
        status.addClassName("jl-status");
        status.getElement().setAttribute("role", "status");
        status.getElement().setAttribute("aria-live", "polite");
        planText.setId("training-plan");
        planText.addClassName("jl-note");
        bounds.setId("training-bounds");
        bounds.addClassName("jl-note");
        Section setup = new Section(heading, intro, source, text, planText, buttons, status, bounds);
        setup.setId("training-setup");

        decoderFigures.setId("training-decoder");
        peekingFigures.setId("training-peeking");
        decoderTitle.addClassName("jl-duo-title");
        peekingTitle.addClassName("jl-duo-title");
        Div decoderBox = new Div(decoderTitle, decoderFigures);
        Div peekingBox = new Div(peekingTitle, peekingFigures);
        decoderBox.addClassName("jl-duo-decoder");
        peekingBox.addClassName("jl-duo-peeking");
        Div duo = new Div(decoderBox, peekingBox);
        duo.addClassName("jl-duo");
        speed.setId("training-speed");
        speed.addClassName("jl-note");
        chart.setId("training-chart");
        chart.setHeight("360px");
        chartNote.addClassName("jl-note");
        answersHeading.setId("training-answers-heading");
        answers.setId("training-answers");
        answers.addClassName("jl-answers");
        Section live = new Section(duo, speed, chart, chartNote, answersHeading, answers);
        live.setId("training-live");

        after.setId("training-after");
        use.setId("training-use");
        use.addClickListener(e -> toggleModels());
        using.setId("training-using");
        writePrompt.setId("training-write-prompt");
        writePrompt.addKeyPressListener(Key.ENTER, e -> write());
        write.setId("training-write");
        write.addClickListener(e -> write());
        HorizontalLayout writeRow = new HorizontalLayout(writePrompt, write);
        writeRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        writeRow.addClassName("jl-move-row");
        written.setId("training-written");
        after.add(afterHeading, afterText, use, using, writeRow, written);
        after.addClassName("jl-panel-below");

        setup.add(after);                                // below the setup; the live figures beside it
        add(setup, live);
        run = Optional.ofNullable(VaadinSession.getCurrent()).map(s -> (LastRun) s.getAttribute(SESSION_KEY))
                .map(LastRun::run);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        ui = event.getUI();
        redraw();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        handle.ifPresent(h -> h.stop(TrainingJobs.Stop.PAGE_CLOSED));   // nobody is watching: free the slot
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.training");
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        getUI().ifPresent(u -> u.getPage().setTitle(getPageTitle()));
        heading.setText(getTranslation("training.heading"));
        intro.setText(getTranslation("training.intro"));
        source.setLabel(getTranslation("training.source"));
        source.setItemLabelGenerator(s -> s == Source.IDIOMS
                ? getTranslation("training.source.IDIOMS", number(service.idiomChains().pool().size()))
                : getTranslation("training.source.TEXT"));
        text.setLabel(getTranslation("training.text", number(TrainingLabService.MAX_TEXT)));
        text.setPlaceholder(getTranslation("training.text.placeholder"));
        start.setText(getTranslation("training.start"));
        stop.setText(getTranslation("training.stop"));
        decoderTitle.setText(getTranslation("training.decoder"));
        peekingTitle.setText(getTranslation("training.peeking"));
        answersHeading.setText(getTranslation("training.answers"));
        afterHeading.setText(getTranslation("training.after"));
        writePrompt.setLabel(getTranslation("training.write.prompt"));
        write.setText(getTranslation("training.write"));
        redraw();
    }

    // ---------------------------------------------------------------------------------------------
    // starting and following a run

    private void start() {
        if (handle.isPresent() && !handle.get().state().ended()) {
            return;
        }
        TrainingData data;
        if (source.getValue() == Source.TEXT) {
            TrainingLabService.CheckedText checked = service.checkText(text.getValue());
            if (checked.data().isEmpty()) {
                text.setInvalid(true);
                notice = Optional.of(new Message(checked.problemKey().orElseThrow(), checked.messageArgs().toArray()));
                redraw();
                return;
            }
            text.setInvalid(false);
            data = checked.data().get();
        } else {
            data = service.idiomChains();
        }
        steps.clear();
        snapshots.clear();
        end = Optional.empty();
        queuePosition = 0;
        notice = Optional.empty();
        plan = Optional.of(service.plan(data));
        String room = classroom.here().map(RoomStatus::code).orElse(null);     // the job's thread has no session
        TrainingJobs.Submission<LabEvent, LabRun> submitted = service.start(VisitorJobs.owner(), data, new Feed(room));
        handle = submitted.handle();
        if (submitted.refusal().isEmpty()) {
            classroom.record(room, ClassroomEvent.trainingStarted());
        }
        submitted.refusal().ifPresent(r -> {
            plan = Optional.empty();
            notice = Optional.of(new Message("training.refused." + r.name(),
                    service.jobs().limits().queueSize()));
        });
        redraw();
    }

    /**
     * The job's events, arriving on its thread: kept in the inbox and shown by one push at most every
     * {@value #PUSH_EVERY_MS} ms (the job takes ~10 steps a second); queue moves and the end are pushed at once.
     */
    private final class Feed implements TrainingJobs.Listener<LabEvent, LabRun> {
        /** The visitor's classroom when the run was started, or null. */
        private final String room;

        Feed(String room) {
            this.room = room;
        }

        @Override
        public void queued(int position) {
            deliver(() -> queuePosition = position, true);
        }

        @Override
        public void started() {
            deliver(() -> queuePosition = 0, true);
        }

        @Override
        public void event(LabEvent event) {
            deliver(() -> {
                if (event instanceof Step s) {
                    steps.add(s);
                } else if (event instanceof Snapshot s) {
                    snapshots.add(s);
                }
            }, event instanceof Snapshot);
        }

        @Override
        public void ended(TrainingJobs.End<LabRun> how) {
            classroom.record(room, ClassroomEvent.trainingFinished());
            deliver(() -> finished(how), true);
        }

        private void deliver(Runnable change, boolean now) {
            long t = System.currentTimeMillis();
            synchronized (inbox) {
                inbox.add(change);
                if (!now && t - lastPush < PUSH_EVERY_MS) {
                    return;
                }
                lastPush = t;
            }
            UI target = ui;
            if (target == null) {
                return;
            }
            try {
                target.access(TrainingView.this::applyInbox);
            } catch (UIDetachedException e) {
                // the page is gone; its detach has stopped the job
            }
        }
    }

    private void applyInbox() {
        List<Runnable> changes;
        synchronized (inbox) {
            changes = new ArrayList<>(inbox);
            inbox.clear();
        }
        if (!changes.isEmpty()) {
            changes.forEach(Runnable::run);
            redraw();
        }
    }

    private void finished(TrainingJobs.End<LabRun> how) {
        end = Optional.of(how);
        how.result().filter(r -> r.steps() > 0).ifPresent(r -> {
            run = Optional.of(r);
            writing = Optional.empty();
            VaadinSession session = VaadinSession.getCurrent();
            if (session != null) {
                session.setAttribute(SESSION_KEY, new LastRun(r));
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // after a run

    private void toggleModels() {
        if (service.visitorModels().isPresent()) {
            service.useShipped();
        } else {
            run.filter(service::playable).ifPresent(service::useForVisitor);
        }
        redraw();
    }

    private void write() {
        run.ifPresent(r -> writing = Optional.of(service.write(r, writePrompt.getValue())));
        redraw();
    }

    // ---------------------------------------------------------------------------------------------
    // drawing

    private void redraw() {
        boolean active = handle.isPresent() && !handle.get().state().ended();
        start.setEnabled(!active);
        stop.setEnabled(active);
        source.setEnabled(!active);
        text.setEnabled(!active);
        Plan shown = plan.orElseGet(() -> source.getValue() == Source.IDIOMS
                ? service.plan(service.idiomChains()) : null);
        planText.setText(shown == null ? getTranslation("training.plan.text")
                : describe(shown));
        TrainingJobs jobs = service.jobs();
        bounds.setText(getTranslation("training.bounds", jobs.limits().maxJobs(),
                number(shown == null ? service.plan(service.idiomChains()).steps() : shown.steps()),
                jobs.limits().maxTime().toMinutes()));
        status.setText(statusText());

        Optional<Step> last = steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
        Optional<Snapshot> snap = snapshots.isEmpty() ? Optional.empty()
                : Optional.of(snapshots.get(snapshots.size() - 1));
        decoderFigures.setText(last.map(s -> getTranslation("training.figures.decoder", loss(s.decoderLoss()),
                snap.map(p -> loss(p.decoderLoss())).orElse("—"))).orElse(getTranslation("training.figures.none")));
        peekingFigures.setText(last.map(s -> getTranslation("training.figures.peeking", loss(s.peekingLoss()),
                snap.map(p -> loss(p.peekingHonestLoss())).orElse("—")))
                .orElse(getTranslation("training.figures.none")));
        speed.setText(last.map(s -> getTranslation("training.speed", s.step(), s.steps(), number(s.tokensPerSecond()),
                String.format(Locale.ROOT, "%.0f", s.elapsedSeconds()))).orElse(""));
        speed.setVisible(last.isPresent());
        chart.setVisible(!steps.isEmpty() || !snapshots.isEmpty());
        if (chart.isVisible()) {
            chart.setOption(lossChart());
        }
        chartNote.setText(getTranslation("training.chart.note"));
        chartNote.setVisible(chart.isVisible());
        answersHeading.setVisible(snap.isPresent());
        answersHeading.setText(snap.map(s -> getTranslation("training.answers", s.step())).orElse(""));
        Optional<Object> answersKey = snap.map(s -> List.of(s, getLocale()));
        if (!answersKey.equals(drawnAnswers)) {             // rebuilt when a snapshot arrives, not on every push
            answers.removeAll();
            snap.ifPresent(s -> drawAnswers(s.answers()));
            drawnAnswers = answersKey;
        }
        drawAfter();
    }

    private String statusText() {
        if (notice.isPresent()) {
            return getTranslation(notice.get().key(), notice.get().args());
        }
        if (handle.isEmpty()) {
            return getTranslation("training.status.idle");
        }
        if (end.isPresent()) {
            TrainingJobs.End<LabRun> e = end.get();
            String seconds = String.format(Locale.ROOT, "%.0f", e.seconds());
            return switch (e.state()) {
                case FAILED -> getTranslation("training.status.failed", e.failure().orElse("?"));
                case STOPPED -> getTranslation("training.status.stopped." + e.stop().orElseThrow().name(), e.steps(),
                        seconds);
                default -> getTranslation("training.status.completed", e.steps(), seconds);
            };
        }
        if (queuePosition > 0) {
            return getTranslation("training.status.queued", queuePosition, service.jobs().limits().maxJobs());
        }
        return getTranslation(steps.isEmpty() ? "training.status.starting" : "training.status.running");
    }

    private String describe(Plan p) {
        String data = p.data() instanceof TrainingData.OwnText t
                ? getTranslation("training.plan.ownText", number(t.characters()), number(t.vocabulary().size() - 5))
                        + (t.converted() ? " " + getTranslation("training.plan.converted") : "")
                : getTranslation("training.plan.idioms", number(service.idiomChains().pool().size()),
                        number(service.trainingIdioms()));
        return getTranslation("training.plan", p.model().dModel(), p.model().nLayer(), p.model().nHead(),
                p.model().dFf(), number(p.parameters()), p.training().batchSize(), p.model().context(),
                String.valueOf(p.training().learningRate()), number(p.steps()), p.training().seed(), data);
    }

    private void drawAnswers(List<Answer> list) {
        boolean text = list.stream().anyMatch(a -> a.expected().isPresent())
                || plan.map(p -> p.data() instanceof TrainingData.OwnText).orElse(false);
        Div header = row(getTranslation("training.answers.prompt"), getTranslation("training.decoder.short"),
                getTranslation("training.peeking.short"));
        header.addClassName("jl-answers-head");
        answers.add(header);
        for (Answer a : list) {
            String prompt = text ? a.prompt() + "…" : a.prompt() + " →";
            Div row = row(prompt, mark(a.decoder(), a.decoderValid()), mark(a.peeking(), a.peekingValid()));
            answers.add(row);
            a.expected().ifPresent(x -> {
                Paragraph goesOn = new Paragraph(getTranslation("training.answers.expected", x));
                goesOn.addClassName("jl-note");
                answers.add(goesOn);
            });
        }
        Paragraph legend = new Paragraph(getTranslation(text ? "training.answers.legend.text"
                : "training.answers.legend.idioms"));
        legend.addClassName("jl-note");
        answers.add(legend);
    }

    private static Div row(String prompt, String decoder, String peeking) {
        Span p = new Span(prompt), d = new Span(decoder), k = new Span(peeking);
        p.addClassName("jl-answer-prompt");
        d.addClassName("jl-answer-decoder");
        k.addClassName("jl-answer-peeking");
        Div row = new Div(p, d, k);
        row.addClassName("jl-answer");
        return row;
    }

    private static String mark(String answer, boolean valid) {
        return (answer.isEmpty() ? "—" : answer) + (valid ? " ✓" : " ✗");
    }

    private void drawAfter() {
        boolean idle = handle.isEmpty() || handle.get().state().ended();
        after.setVisible(run.isPresent() && idle);
        if (run.isEmpty()) {
            return;
        }
        LabRun r = run.get();
        boolean playable = service.playable(r);
        Optional<String> own = service.visitorModels();
        afterText.setText(getTranslation(playable ? "training.after.idioms" : "training.after.text", r.steps()));
        use.setVisible(playable || own.isPresent());
        use.setText(getTranslation(own.isPresent() ? "training.use.shipped" : "training.use.own"));
        use.getElement().setAttribute("aria-pressed", Boolean.toString(own.isPresent()));
        using.removeAll();
        using.setText(getTranslation(own.isPresent() ? "training.using.own" : "training.using.shipped"));
        if (own.isPresent()) {
            using.add(new Span(" "), new Anchor("", getTranslation("nav.play")), new Span(" · "),
                    new Anchor("guess", getTranslation("nav.guess")));
        }
        writePrompt.setVisible(!playable);
        write.setVisible(!playable);
        written.setVisible(!playable);
        written.removeAll();
        writing.ifPresent(w -> {
            if (w.problemKey().isPresent()) {
                written.add(new Paragraph(getTranslation(w.problemKey().get(), w.messageArgs().toArray())));
                writePrompt.setInvalid(true);
                return;
            }
            writePrompt.setInvalid(false);
            written.add(row(w.prompt() + "…", w.decoder().isEmpty() ? "—" : w.decoder(),
                    w.peeking().isEmpty() ? "—" : w.peeking()));
        });
        if (writePrompt.isEmpty() && r.plan().data() instanceof TrainingData.OwnText t) {
            writePrompt.setPlaceholder(t.prompts().get(0));
        }
    }

    /** Both training losses at every step, and the losses on the evaluation rows at every snapshot. */
    private Map<String, Object> lossChart() {
        int stride = Math.max(1, (steps.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<Object> decoder = new ArrayList<>(), peeking = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (i % stride == 0 || i == steps.size() - 1) {
                Step s = steps.get(i);
                decoder.add(List.of(s.step(), round(s.decoderLoss())));
                peeking.add(List.of(s.step(), round(s.peekingLoss())));
            }
        }
        List<Object> decoderEval = snapshots.stream().map(s -> (Object) List.of(s.step(), round(s.decoderLoss())))
                .toList();
        List<Object> honest = snapshots.stream().map(s -> (Object) List.of(s.step(), round(s.peekingHonestLoss())))
                .toList();
        String decoderColour = "#1a73e8", peekingColour = "#d93025";
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("grid", Map.of("left", 48, "right", 16, "top", 84, "bottom", 36));   // room for a wrapped legend
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 0, "left", 0, "itemWidth", 18, "textStyle", Map.of("fontSize", 12)));
        option.put("xAxis", Map.of("type", "value", "name", getTranslation("training.chart.step"),
                "nameLocation", "middle", "nameGap", 22, "min", 0,
                "max", plan.map(Plan::steps).orElse(steps.size())));
        option.put("yAxis", Map.of("type", "value", "name", getTranslation("training.chart.loss"), "min", 0,
                "nameLocation", "middle", "nameGap", 30));
        option.put("series", List.of(
                line(getTranslation("training.chart.decoder"), decoder, decoderColour, "solid", false),
                line(getTranslation("training.chart.peeking"), peeking, peekingColour, "solid", false),
                line(getTranslation("training.chart.decoderEval"), decoderEval, decoderColour, "dashed", true),
                line(getTranslation("training.chart.honest"), honest, peekingColour, "dashed", true)));
        return option;
    }

    private static Map<String, Object> line(String name, List<Object> data, String colour, String type,
            boolean symbols) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("type", "line");
        series.put("name", name);
        series.put("data", data);
        series.put("showSymbol", symbols);
        series.put("symbolSize", 5);
        series.put("color", colour);
        series.put("lineStyle", Map.of("type", type, "width", symbols ? 2 : 1.5));
        return series;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }

    private static String loss(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private String number(double v) {
        return String.format(getLocale() == null ? Locale.ROOT : getLocale(), "%,.0f", v);
    }

    private record Message(String key, Object... args) {
    }

    /**
     * The last run, as the session keeps it: like {@code SessionModels}, the models are not part of a serialised
     * session (they are large and can be trained again); a session restored from disk has no last run.
     */
    static final class LastRun implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient LabRun run;

        LastRun(LabRun run) {
            this.run = run;
        }

        LabRun run() {
            return run;
        }
    }
}
