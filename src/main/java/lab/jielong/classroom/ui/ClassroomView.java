package lab.jielong.classroom.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.shared.Registration;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.classroom.Availability;
import lab.jielong.classroom.ClassroomService;
import lab.jielong.classroom.Counter;
import lab.jielong.classroom.Opening;
import lab.jielong.classroom.Preset;
import lab.jielong.classroom.QrCode;
import lab.jielong.classroom.RoomReport;
import lab.jielong.classroom.RoomSnapshot;
import lab.jielong.game.Difficulty;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Side;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static lab.jielong.base.ui.Formats.percent;

/**
 * The leader's page: open a room, show its code, join link and QR code, push a preset to everyone (and lock
 * it), and watch the room's anonymous aggregates as charts, updated live through server push at most a few
 * times a second.
 */
@Route(value = "classroom", layout = MainLayout.class)
@Menu(title = "nav.classroom", order = 90)
class ClassroomView extends Div implements LocaleChangeObserver, HasDynamicTitle {

    /** Labs a preset may open, by route under {@code labs/}; offered only when that page exists here. */
    static final List<String> LABS = List.of("snowball", "training", "scaling", "encdec");

    private final ClassroomService classroom;
    private final String seenBase;
    private Optional<String> code;
    private Optional<RoomReport> report = Optional.empty();
    /** The last message of an action (opening, pushing), as a key and its argument. */
    private Optional<String> notice = Optional.empty();
    private Registration watching;

    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final Button open = new Button();
    private final Paragraph status = new Paragraph();

    private final Span codeLabel = new Span();
    private final Span codeText = new Span();
    private final Anchor link = new Anchor();
    private final Image qr = new Image();
    private final Paragraph joinHelp = new Paragraph();
    private final Paragraph localWarning = new Paragraph();
    private final Paragraph lifetime = new Paragraph();
    private final Span people = new Span();

    private final H3 presetHeading = new H3();
    private final Select<String> page = new Select<>();
    private final Select<MatchMode> mode = new Select<>();
    private final Select<Difficulty> difficulty = new Select<>();
    private final Select<Side> opener = new Select<>();
    private final Checkbox guided = new Checkbox();
    private final TextField text = new TextField();
    private final Select<String> lab = new Select<>();
    private final Checkbox lock = new Checkbox();
    private final Button push = new Button();
    private final Button clear = new Button();
    private final Paragraph pushed = new Paragraph();

    private final Chart movesChart = new Chart("moves");
    private final Chart idiomsChart = new Chart("idioms");
    private final Chart gamesChart = new Chart("games");
    private final Chart guessesChart = new Chart("guesses");
    private final Chart trainingChart = new Chart("training");
    private final Paragraph source = new Paragraph();
    private final Button close = new Button();
    private final Div room = new Div();

    /** One chart with its title and a sentence that says what it counts. */
    private static final class Chart extends Div {
        final String name;
        final H3 title = new H3();
        final Paragraph summary = new Paragraph();
        final EChart chart = new EChart();

        Chart(String name) {
            this.name = name;
            addClassName("jl-room-chart");
            summary.setId("chart-" + name + "-summary");
            summary.addClassName("jl-note");
            chart.setId("chart-" + name);
            chart.setHeight("220px");
            add(title, summary, chart);
        }
    }

    ClassroomView(ClassroomService classroom) {
        this.classroom = classroom;
        this.seenBase = seenBase();
        addClassName("jl-classroom");

        open.setId("room-open");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.addClickListener(e -> openRoom());
        status.setId("room-status");
        status.getElement().setAttribute("role", "status");
        status.getElement().setAttribute("aria-live", "polite");
        Section start = new Section(heading, intro, open, status);
        start.addClassName("jl-room-start");

        codeText.setId("room-code");
        codeText.addClassName("jl-room-code");
        link.setId("room-link");
        link.setTarget(AnchorTarget.BLANK);
        qr.setId("room-qr");
        qr.addClassName("jl-room-qr");
        joinHelp.addClassName("jl-note");
        localWarning.setId("room-local-warning");
        localWarning.addClassName("jl-room-warning");
        lifetime.setId("room-lifetime");
        lifetime.addClassName("jl-note");
        people.setId("room-people");
        people.addClassName("jl-room-people");
        Div codeBox = new Div(codeLabel, codeText, link, joinHelp, localWarning, lifetime, people);
        codeBox.addClassName("jl-room-codebox");
        Div join = new Div(qr, codeBox);
        join.addClassName("jl-room-join");

        page.setId("preset-page");
        page.setItems(pages());
        page.setValue("play");
        page.addValueChangeListener(e -> showPresetFields());
        mode.setId("preset-mode");
        mode.setItems(MatchMode.values());
        mode.setValue(MatchMode.SAME_CHARACTER);
        difficulty.setId("preset-difficulty");
        difficulty.setItems(Difficulty.values());
        difficulty.setValue(Difficulty.EASY);
        opener.setId("preset-opener");
        opener.setItems(Side.values());
        opener.setValue(Side.HUMAN);
        guided.setId("preset-guided");
        guided.setValue(true);
        text.setId("preset-text");
        text.setMaxLength(Preset.MAX_TEXT);
        lab.setId("preset-lab");
        lab.setItems(labs());
        labs().stream().findFirst().ifPresent(lab::setValue);
        lock.setId("preset-lock");
        push.setId("preset-push");
        push.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        push.addClickListener(e -> pushPreset());
        clear.setId("preset-clear");
        clear.addClickListener(e -> push(Optional.empty(), false));
        pushed.setId("preset-current");
        pushed.getElement().setAttribute("aria-live", "polite");
        HorizontalLayout fields = new HorizontalLayout(page, mode, difficulty, opener, guided, lab, text);
        fields.addClassName("jl-settings");
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout actions = new HorizontalLayout(lock, push, clear);
        actions.addClassName("jl-settings");
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        Section presets = new Section(presetHeading, fields, actions, pushed);
        presets.addClassName("jl-room-presets");

        Div charts = new Div(movesChart, idiomsChart, gamesChart, guessesChart, trainingChart);
        charts.addClassName("jl-room-charts");
        source.setId("room-source");
        source.addClassName("jl-note");
        close.setId("room-close");
        close.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        close.addClickListener(e -> closeRoom());
        room.setId("room");
        room.add(join, presets, charts, source, close);
        add(start, room);

        code = classroom.leadingHere();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("classroom.title");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        code.ifPresent(c -> watch(event.getUI(), c));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        unwatch();
    }

    private void watch(UI ui, String room) {
        unwatch();
        report = Optional.of(classroom.report(room));
        watching = classroom.watch(room, r -> ui.access(() -> {
            if (r.newerThan(report)) {
                report = Optional.of(r);
                redraw();
            }
        }));
        redraw();
    }

    private void unwatch() {
        if (watching != null) {
            watching.remove();
            watching = null;
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        heading.setText(getTranslation("classroom.heading"));
        intro.setText(getTranslation("classroom.intro"));
        open.setText(getTranslation("classroom.open"));
        codeLabel.setText(getTranslation("classroom.code"));
        qr.setAlt(getTranslation("classroom.qr.alt"));
        presetHeading.setText(getTranslation("classroom.preset.heading"));
        page.setLabel(getTranslation("classroom.preset.page"));
        page.setItemLabelGenerator(p -> getTranslation("classroom.preset.page." + p));
        mode.setLabel(getTranslation("play.mode"));
        mode.setItemLabelGenerator(m -> getTranslation("mode." + m.name()));
        difficulty.setLabel(getTranslation("play.difficulty"));
        difficulty.setItemLabelGenerator(d -> getTranslation("difficulty." + d.name()));
        opener.setLabel(getTranslation("play.opener"));
        opener.setItemLabelGenerator(s -> getTranslation("classroom.opener." + s.name()));
        guided.setLabel(getTranslation("play.guided"));
        lab.setLabel(getTranslation("classroom.preset.lab"));
        lab.setItemLabelGenerator(l -> Presets.describe(this, new Preset.Lab(l, "")));
        lock.setLabel(getTranslation("classroom.preset.lock"));
        push.setText(getTranslation("classroom.preset.push"));
        clear.setText(getTranslation("classroom.preset.clear"));
        close.setText(getTranslation("classroom.close"));
        movesChart.title.setText(getTranslation("classroom.chart.moves"));
        idiomsChart.title.setText(getTranslation("classroom.chart.idioms"));
        gamesChart.title.setText(getTranslation("classroom.chart.games"));
        guessesChart.title.setText(getTranslation("classroom.chart.guesses"));
        trainingChart.title.setText(getTranslation("classroom.chart.training"));
        showPresetFields();
        redraw();
    }

    // ---------------------------------------------------------------------------------------------
    // actions

    private void openRoom() {
        Opening opening = classroom.openHere();
        notice = opening.outcome() == Opening.Outcome.OPENED ? Optional.empty()
                : Optional.of("classroom.opening." + opening.outcome().name());
        code = opening.code();
        if (code.isPresent()) {
            watch(UI.getCurrent(), code.get());
        } else {
            redraw();
        }
    }

    private void closeRoom() {
        code.ifPresent(c -> {
            Availability result = classroom.closeRoom(c);
            if (result == Availability.UNAVAILABLE) {
                notice = Optional.of("classroom.availability.UNAVAILABLE");
            } else {
                unwatch();
                code = Optional.empty();
                report = Optional.empty();
                notice = Optional.of("classroom.closed");
            }
            redraw();
        });
    }

    private void pushPreset() {
        String text = this.text.getValue();
        Preset preset = switch (page.getValue() == null ? "play" : page.getValue()) {
            case "guess" -> new Preset.Guess(text);
            case "lab" -> new Preset.Lab(lab.getValue() == null ? labs().get(0) : lab.getValue(), text);
            default -> new Preset.Play(mode.getValue(), difficulty.getValue(), opener.getValue(), guided.getValue());
        };
        push(Optional.of(preset), lock.getValue());
    }

    private void push(Optional<Preset> preset, boolean locked) {
        code.ifPresent(c -> {
            Availability result = classroom.push(c, preset, locked);
            notice = result == Availability.OPEN ? Optional.empty()
                    : Optional.of("classroom.availability." + result.name());
            if (result == Availability.OPEN) {
                // show it at once; the next update confirms it from the store
                report = Optional.of(classroom.report(c));
            }
            redraw();
        });
    }

    // ---------------------------------------------------------------------------------------------
    // drawing

    private List<String> pages() {
        return labs().isEmpty() ? List.of("play", "guess") : List.of("play", "guess", "lab");
    }

    private static List<String> labs() {
        RouteConfiguration routes = RouteConfiguration.forApplicationScope();
        return LABS.stream().filter(l -> routes.getRoute("labs/" + l).isPresent()).toList();
    }

    private void showPresetFields() {
        String chosen = page.getValue() == null ? "play" : page.getValue();
        boolean play = chosen.equals("play");
        mode.setVisible(play);
        difficulty.setVisible(play);
        opener.setVisible(play);
        guided.setVisible(play);
        lab.setVisible(chosen.equals("lab"));
        text.setVisible(!play);
        text.setLabel(getTranslation(chosen.equals("lab") ? "classroom.preset.prompt" : "classroom.preset.prefix"));
        text.setPlaceholder("一心一");
    }

    private void redraw() {
        status.setText(notice.map(this::getTranslation).orElse(""));
        boolean leading = code.isPresent() && report.map(r -> r.availability() != Availability.ENDED).orElse(true);
        room.setVisible(leading);
        open.setVisible(!leading);
        if (code.isPresent() && !leading) {
            status.setText(getTranslation("classroom.ended", code.get()));
        }
        if (!leading) {
            return;
        }
        String c = code.get();
        codeText.setText(c);
        String joinLink = classroom.joinLink(c, seenBase);
        link.setHref(joinLink);
        link.setText(joinLink);
        QrCode qrCode = classroom.qrCode(joinLink);
        if (!qrCode.text().equals(qr.getElement().getAttribute("data-text"))) {
            qr.setSrc(qrCode.dataUrl());
            qr.getElement().setAttribute("data-text", qrCode.text());
        }
        String joinPage = joinLink.substring(0, joinLink.length() - c.length() - 1);
        joinHelp.setText(getTranslation("classroom.join.help", joinPage, c));
        boolean local = classroom.settings().publicUrl().isEmpty() && isLoopback(seenBase);
        localWarning.setVisible(local);
        localWarning.setText(local ? getTranslation("classroom.local.warning") : "");

        RoomReport r = report.orElseGet(() -> classroom.report(c));
        if (r.availability() == Availability.UNAVAILABLE) {
            status.setText(getTranslation("classroom.availability.UNAVAILABLE"));
            return;
        }
        RoomSnapshot s = r.snapshot().orElseThrow();
        Duration left = Duration.between(Instant.now(), s.expires());
        lifetime.setText(
                getTranslation("classroom.lifetime", Math.max(0, left.toHours()), Math.max(0, left.toMinutesPart())));
        people.setText(getTranslation("classroom.people", s.present(), s.joined(), s.capacity(),
                classroom.settings().presentWindow().toMinutes()));
        pushed.setText(s.preset().map(p -> getTranslation(s.locked() ? "classroom.preset.current.locked"
                : "classroom.preset.current", Presets.describe(this, p)))
                .orElse(getTranslation("classroom.preset.none")));

        long moves = s.movesPlayed();
        show(movesChart, moves > 0, getTranslation("classroom.summary.moves", moves,
                s.count(Counter.MOVES_BY_ATTENDEES) + s.count(Counter.REFUSED_MOVES_BY_ATTENDEES),
                s.count(Counter.REFUSED_MOVES_BY_ATTENDEES),
                s.count(Counter.MOVES_BY_MODEL) + s.count(Counter.INVALID_MOVES_BY_MODEL)),
                () -> RoomCharts.moves(this, s));
        show(idiomsChart, !s.topIdioms().isEmpty(),
                getTranslation(s.topIdioms().isEmpty() ? "classroom.summary.idioms.none"
                        : "classroom.summary.idioms", s.topIdioms().size()),
                () -> RoomCharts.idioms(s));
        show(gamesChart, s.gamesFinished() > 0, s.modelWinRate()
                .map(rate -> getTranslation("classroom.summary.games", percent(rate), s.gamesFinished()))
                .orElse(getTranslation("classroom.summary.games.none")), () -> RoomCharts.games(this, s));
        show(guessesChart, s.guessRounds() > 0, s.attendeesBeatModelRate()
                .map(rate -> getTranslation("classroom.summary.guesses", percent(rate), s.guessRounds()))
                .orElse(getTranslation("classroom.summary.guesses.none")), () -> RoomCharts.guesses(this, s));
        long started = s.count(Counter.TRAINING_RUNS_STARTED);
        show(trainingChart, started > 0,
                getTranslation(started > 0 ? "classroom.summary.training" : "classroom.summary.training.none",
                        started, s.count(Counter.TRAINING_RUNS_FINISHED), s.trainingRunsRunning()),
                () -> RoomCharts.training(this, s));
        long perSecond = Math.max(1, 1000 / Math.max(1, classroom.settings().updateInterval().toMillis()));
        source.setText(getTranslation("classroom.source", perSecond));
    }

    private static void show(Chart chart, boolean any, String summary, Supplier<Object> option) {
        chart.summary.setText(summary);
        chart.chart.setVisible(any);
        if (any) {
            chart.chart.setOption(option.get());
        }
    }

    /** The address the leader's browser used to reach this page, without the path: the join link's base. */
    private static String seenBase() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        if (request == null) {
            return "http://localhost:8080";
        }
        return ServletUriComponentsBuilder.fromContextPath(request.getHttpServletRequest()).toUriString();
    }

    private static boolean isLoopback(String base) {
        try {
            String host = URI.create(base).getHost();
            return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
