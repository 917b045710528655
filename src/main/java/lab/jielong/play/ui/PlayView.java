package lab.jielong.play.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import lab.jielong.base.ui.BrowserTab;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.base.ui.Pacer;
import lab.jielong.base.ui.VisitorErrors;
import lab.jielong.base.ui.VisitorLimit;
import lab.jielong.classroom.Availability;
import lab.jielong.classroom.ClassroomEvent;
import lab.jielong.classroom.ClassroomService;
import lab.jielong.classroom.Preset;
import lab.jielong.classroom.RoomStatus;
import lab.jielong.corpus.TextNormalizer;
import lab.jielong.embed.EmbedEvents;
import lab.jielong.embed.Embeddable;
import lab.jielong.embed.ShareableState;
import lab.jielong.embed.UrlState;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Difficulty;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Move;
import lab.jielong.game.MoveResult;
import lab.jielong.game.Outcome;
import lab.jielong.game.Rejection;
import lab.jielong.game.Score;
import lab.jielong.game.Side;
import lab.jielong.play.ComputerMove;
import lab.jielong.play.Hint;
import lab.jielong.play.PlayService;
import lab.jielong.work.Busy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static lab.jielong.base.ui.Formats.percent;

/**
 * The Play page: 成语接龙 against the decoder on the left, the "what would an encoder peek at?" panel on
 * the right (below the game on a phone). The game in progress is kept per browser tab ({@link BrowserTab}):
 * two tabs play two games, and a reload finds the tab's game again. The tab also keeps a copy in its
 * {@code sessionStorage}, so a server that does not know the session (it expired, or the visitor's server went
 * away and another one took over) restores the game from there and says so.
 *
 * <p>A link sets the game ({@code ?mode=sound&difficulty=hard&opener=model&guided=false}), the visitor's
 * opening idiom ({@code idiom=一心一意}), the panel's view ({@code panel=encoder}) and hides controls
 * ({@code hide=hint,panel}, see {@link #HIDEABLE}); a game in progress with other settings gives way to a new
 * one. Embedded at {@code /embed/play}, the page reports moves, score and the end of the game to the host.
 *
 * <p>Limits and faults: each move, hint and click in the panel counts against the visitor's rate
 * ({@link VisitorLimit}); the Play and Hint buttons disable themselves until the server has answered. When the
 * models are busy ({@link Busy}) or the model's answer fails, the visitor is told in their language, the game
 * keeps the visitor's move, and Play asks the model again.
 */
@Route(value = "", layout = MainLayout.class)
@Menu(title = "nav.play", order = 1)
@Embeddable(value = "play", title = "title.play", height = 720, element = "jielong-game")
class PlayView extends Div implements LocaleChangeObserver, HasDynamicTitle, BeforeEnterObserver, ShareableState {

    /** What {@code hide=} can name on this page. */
    static final List<String> HIDEABLE = List.of("intro", "settings", "mode", "difficulty", "opener", "guided", "new",
            "hint", "giveup", "score", "panel");

    /** The key of the tab's saved game ({@link BrowserTab}). */
    static final String GAME_KEY = "play.game";

    private final PlayService service;
    private final Pacer pacer;
    private final VisitorLimit limit;
    private Game game;
    /**
     * The messages under the input, for the last exchange (a note on the visitor's move, then the model's
     * answer): keys and arguments, so they can be re-translated. The next move of the visitor clears them.
     */
    private final List<Message> messages = new ArrayList<>();
    /** The hints shown for the current turn (empty: none asked for); redrawn in the visitor's language. */
    private Optional<List<Hint>> shownHints = Optional.empty();
    /** The computer's answer is being shown, character by character: the move controls wait. */
    private boolean modelWriting;
    /**
     * Which answer is being shown. Starting a new game or leaving the page moves it on, so the characters
     * and the ending still scheduled for an older answer are dropped instead of landing on the new game.
     */
    private int shownAnswer;

    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final Select<MatchMode> mode = new Select<>();
    private final Select<Difficulty> difficulty = new Select<>();
    private final Select<Side> opener = new Select<>();
    private final Checkbox guided = new Checkbox();
    private final Button newGame = new Button();
    private final Div history = new Div();
    private final Div streaming = new Div();
    private final TextField input = new TextField();
    private final Button play = new Button();
    private final Button hint = new Button();
    private final Button giveUp = new Button();
    private final Div status = new Div();
    private final Div hints = new Div();
    private final Span score = new Span();
    private final Paragraph scoreHelp = new Paragraph();
    private final Paragraph rules = new Paragraph();
    private final PeekColumn peek;
    private final HorizontalLayout settings;
    /** The link this page was opened with, until the game follows it. */
    private Optional<UrlState> link = Optional.empty();
    /** This page started the game its link asked for: a game the session kept for the tab does not replace it. */
    private boolean followedLink;

    private final ClassroomService classroom;
    private final Paragraph roomLock = new Paragraph();
    /** In a room whose store cannot be reached: said here, and the game goes on. */
    private final Paragraph roomNotice = new Paragraph();
    /** The room's status, watched while the page shows (null outside a room). */
    private Registration watchingRoom;

    PlayView(PlayService service, Pacer pacer, VisitorLimit limit, ClassroomService classroom) {
        this.service = service;
        this.pacer = pacer;
        this.limit = limit;
        this.classroom = classroom;
        this.peek = new PeekColumn(this::examine);
        addClassName("jl-play");

        mode.setId("play-mode");
        mode.setItems(MatchMode.values());
        difficulty.setId("play-difficulty");
        difficulty.setItems(Difficulty.values());
        opener.setId("play-opener");
        opener.setItems(Side.values());
        guided.setId("play-guided");
        newGame.setId("play-new");
        newGame.addClickListener(e -> startNewGame());
        difficulty.addValueChangeListener(e -> showRules());
        settings = new HorizontalLayout(mode, difficulty, opener, guided, newGame);
        settings.setAlignItems(FlexComponent.Alignment.BASELINE);
        settings.addClassName("jl-settings");
        rules.setId("play-rules");
        rules.addClassName("jl-note");
        roomLock.setId("play-room-lock");
        roomLock.addClassName("jl-note");
        roomLock.setVisible(false);
        roomNotice.setId("play-room-notice");
        roomNotice.addClassName("jl-note");
        roomNotice.getElement().setAttribute("role", "status");
        roomNotice.setVisible(false);

        history.setId("play-history");
        history.addClassName("jl-history");
        history.getElement().setAttribute("role", "log");
        streaming.setId("play-streaming");
        streaming.addClassName("jl-streaming");

        input.setId("play-input");
        // longer than the rules accept, so that what is too long is refused with a word, not cut silently
        input.setMaxLength(4 * ChainRules.MAX_INPUT_LENGTH);
        input.setClearButtonVisible(true);
        input.addClassName("jl-input");
        input.addKeyPressListener(Key.ENTER, e -> playHuman());
        play.setId("play-play");
        play.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        play.setDisableOnClick(true);               // a double click is one move; redrawGame() enables it again
        play.addClickListener(e -> playHuman());
        hint.setId("play-hint");
        hint.setDisableOnClick(true);
        hint.addClickListener(e -> showHints());
        giveUp.setId("play-give-up");
        giveUp.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        giveUp.addClickListener(e -> giveUp());
        HorizontalLayout moveRow = new HorizontalLayout(input, play, hint, giveUp);
        moveRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        moveRow.addClassName("jl-move-row");

        status.setId("play-status");
        status.addClassName("jl-status");
        status.getElement().setAttribute("role", "status");
        status.getElement().setAttribute("aria-live", "polite");
        hints.setId("play-hints");
        hints.addClassName("jl-hints");
        score.setId("play-score");
        score.addClassName("jl-score");
        scoreHelp.setId("play-score-help");
        scoreHelp.addClassName("jl-note");

        Section gameColumn = new Section(heading, intro, settings, roomLock, roomNotice, rules, history, streaming,
                moveRow, status, hints,
                score, scoreHelp);
        gameColumn.addClassName("jl-game");
        add(gameColumn, peek);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        watchRoom(ui);
        if (game == null) {
            // back from another page of this tab: its game; a new page load: a new game until the tab is known
            Optional<String> inThisPage = BrowserTab.inThisPage(ui, GAME_KEY);
            show(inThisPage.flatMap(this::restore).orElseGet(() -> service.newGame(GameConfig.defaults())));
            BrowserTab.whenKnownOrInTab(ui, GAME_KEY, (saved, fromTab) -> saved.ifPresent(g -> tabKnown(g, fromTab)));
        } else {
            redrawGame();
        }
    }

    /**
     * The tab is known and the session kept a game for it (the page was reloaded), or the tab itself kept it (the
     * session had ended: expired, or the server restarted): that game comes back, unless the visitor already started
     * playing on this page. From the tab, the visitor is told why (and a game the rules refuse is not restored).
     */
    private void tabKnown(String saved, boolean fromTab) {
        if (followedLink || saved.equals(game.save()) || !game.history().isEmpty() || modelWriting) {
            save();
            return;
        }
        Optional<Game> restored = restore(saved);
        if (restored.isEmpty()) {
            messages.add(new Message("play.notRestored", List.of()));
            save();
            redrawGame();
            return;
        }
        if (fromTab) {
            messages.add(new Message("play.restoredFromTab", List.of()));
        }
        show(restored.get());
    }

    /** Makes {@code shown} the game of this page: its settings, the panel, the computer's move if due. */
    private void show(Game shown) {
        stopShowingAnswer();
        game = shown;
        shownHints = Optional.empty();
        settingsFromGame();
        peek.showPanel(game.chain().isEmpty() ? Optional.empty() : panelOrNothing(), -1);
        save();
        redrawGame();
        if (!followLink() && !followRoomLock() && !game.isOver() && game.toMove() == Side.COMPUTER) {
            computerMove();
        }
    }

    /**
     * In a classroom whose leader locked a Play preset: the settings are the preset's and cannot be changed here
     * (a game with other settings gives way to a new one). True if it started a game.
     */
    private boolean followRoomLock() {
        Optional<RoomStatus> here = classroom.here();
        showRoom(here);                             // the store down: the lock last read still holds
        Optional<Preset.Play> locked = here.flatMap(RoomStatus::lockedPreset)
                .filter(Preset.Play.class::isInstance).map(Preset.Play.class::cast);
        List.of(mode, difficulty, opener).forEach(c -> c.setReadOnly(locked.isPresent()));
        guided.setReadOnly(locked.isPresent());
        roomLock.setVisible(locked.isPresent());
        if (locked.isEmpty()) {
            return false;
        }
        Preset.Play p = locked.get();
        GameConfig wanted = new GameConfig(p.mode(), p.difficulty(), p.opener(), p.guided());
        if (wanted.equals(game.config())) {
            return false;
        }
        mode.setValue(p.mode());
        difficulty.setValue(p.difficulty());
        opener.setValue(p.opener());
        guided.setValue(p.guided());
        startNewGame();
        return true;
    }

    /** The game a saved string describes; empty (and said so) when it cannot be restored. */
    private Optional<Game> restore(String saved) {
        try {
            return Optional.of(service.restore(saved));
        } catch (IllegalArgumentException e) {
            messages.add(new Message("play.notRestored", List.of()));
            return Optional.empty();
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        UrlState state = UrlState.of(event);
        Set<String> hidden = state.hidden(HIDEABLE);
        heading.setVisible(!hidden.contains("intro"));
        intro.setVisible(!hidden.contains("intro"));
        settings.setVisible(!hidden.contains("settings"));
        mode.setVisible(!hidden.contains("mode"));
        difficulty.setVisible(!hidden.contains("difficulty"));
        opener.setVisible(!hidden.contains("opener"));
        guided.setVisible(!hidden.contains("guided"));
        newGame.setVisible(!hidden.contains("new"));
        hint.setVisible(!hidden.contains("hint"));
        giveUp.setVisible(!hidden.contains("giveup"));
        score.setVisible(!hidden.contains("score"));
        peek.setVisible(!hidden.contains("panel"));
        getElement().getClassList().set("jl-no-panel", hidden.contains("panel"));
        state.panel()
                .ifPresent(v -> peek.showView(v.equals("encoder") ? PeekColumn.Side.PEEKING : PeekColumn.Side.DECODER));
        link = Optional.of(state);
        if (game != null) {
            followLink();                           // the page was already showing: a new link, same view
        }
    }

    /**
     * Starts the game the link asks for, unless the game in progress is already it (a refresh): its settings
     * over the defaults, and the visitor's opening idiom if it names one. True if it started a game.
     */
    private boolean followLink() {
        Optional<UrlState> followed = link;
        link = Optional.empty();
        if (followed.isEmpty()) {
            return false;
        }
        UrlState state = followed.get();
        GameConfig wanted = state.setsGame() ? state.gameConfig() : game.config();
        Optional<String> opening = state.idiom();
        if (opening.isPresent() && wanted.opener() == Side.COMPUTER) {
            state.note("embed.note.idiomIgnored", opening.get());
            opening = Optional.empty();
        }
        boolean sameOpening = opening.map(this::openedWith).orElse(true);
        if (wanted.equals(game.config()) && sameOpening) {
            return false;
        }
        followedLink = true;
        mode.setValue(wanted.mode());
        difficulty.setValue(wanted.difficulty());
        opener.setValue(wanted.opener());
        guided.setValue(wanted.guided());
        startNewGame();
        opening.ifPresent(idiom -> {
            input.setValue(idiom);
            playHuman().flatMap(MoveResult::rejection).ifPresent(r -> state.note("embed.note.idiom", idiom,
                    getTranslation(r.messageKey(), r.messageArgs().toArray())));
        });
        return true;
    }

    /** The game in progress opened with {@code idiom}, played by the visitor. */
    private boolean openedWith(String idiom) {
        return !game.history().isEmpty() && game.history().get(0).side() == Side.HUMAN
                && TextNormalizer.checkIdiom(idiom, service.rules().corpus()).idiom()
                        .map(i -> i.word().equals(game.history().get(0).text())).orElse(false);
    }

    @Override
    public Map<String, String> sharedState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put(UrlState.MODE, mode.getValue().id());
        state.put(UrlState.DIFFICULTY, difficulty.getValue().id());
        state.put(UrlState.OPENER, opener.getValue().id());
        state.put(UrlState.GUIDED, Boolean.toString(guided.getValue()));
        if (peek.view() == PeekColumn.Side.PEEKING) {
            state.put(UrlState.PANEL, "encoder");
        }
        return state;
    }

    @Override
    public List<String> hideableControls() {
        return HIDEABLE;
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopShowingAnswer();                       // the move itself is already made and saved
        if (watchingRoom != null) {
            watchingRoom.remove();
            watchingRoom = null;
        }
    }

    /**
     * In a room: hears when its status changes (on the classroom's thread, pushed), so the page says when the room
     * cannot be reached, and no longer says so when it is back. Moves are reported all along: the classroom keeps
     * them until the store is back, and the leader's figures catch up.
     */
    private void watchRoom(UI ui) {
        if (watchingRoom != null) {
            watchingRoom.remove();
            watchingRoom = null;
        }
        classroom.seatHere().ifPresent(seat -> watchingRoom = classroom.watchStatus(seat,
                status -> ui.access(() -> showRoom(Optional.of(status)))));
    }

    /** Says whether the room (if any) can be reached. */
    private void showRoom(Optional<RoomStatus> status) {
        roomNotice.setVisible(status.map(s -> s.availability() == Availability.UNAVAILABLE).orElse(false));
        roomNotice.setText(getTranslation("join.unavailable"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.play");
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
        heading.setText(getTranslation("play.heading"));
        roomLock.setText(getTranslation("play.roomLock"));
        roomNotice.setText(getTranslation("join.unavailable"));
        intro.setText(getTranslation("play.intro", service.rules().corpus().size()));
        mode.setLabel(getTranslation("play.mode"));
        mode.setItemLabelGenerator(m -> getTranslation("mode." + m.name()));
        difficulty.setLabel(getTranslation("play.difficulty"));
        difficulty.setItemLabelGenerator(d -> getTranslation("difficulty." + d.name()));
        opener.setLabel(getTranslation("play.opener"));
        opener.setItemLabelGenerator(s -> getTranslation("play.opener." + s.name()));
        guided.setLabel(getTranslation("play.guided"));
        guided.setTooltipText(getTranslation("play.guided.help"));
        newGame.setText(getTranslation("play.new"));
        input.setLabel(getTranslation("play.input.label"));
        showRules();
        play.setText(getTranslation("play.play"));
        hint.setText(getTranslation("play.hint"));
        giveUp.setText(getTranslation("play.giveUp"));
        peek.translate();
        if (game != null) {
            redrawGame();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // actions

    private void startNewGame() {
        stopShowingAnswer();
        GameConfig config =
                new GameConfig(mode.getValue(), difficulty.getValue(), opener.getValue(), guided.getValue());
        game = service.newGame(config);
        messages.clear();
        messages.add(new Message("play.started", List.of(new Message("mode." + config.mode().name(), List.of()))));
        shownHints = Optional.empty();
        peek.showPanel(Optional.empty(), -1);
        save();
        redrawGame();
        if (game.toMove() == Side.COMPUTER && !limit.allow()) {
            tooFast();                  // the model opens when the visitor presses Play (playHuman asks it then)
        } else if (game.toMove() == Side.COMPUTER) {
            computerMove();
        } else {
            input.focus();
        }
    }

    /**
     * The visitor's move from the input; empty while the model's answer is still being shown, when the visitor is
     * over their rate, or when the model still owes its answer (it was busy, or failed): then it is asked again.
     */
    private Optional<MoveResult> playHuman() {
        String typed = input.getValue();
        if (modelWriting) {
            redrawGame();
            return Optional.empty();
        }
        if (!limit.allow()) {
            tooFast();
            return Optional.empty();
        }
        if (!game.isOver() && game.toMove() == Side.COMPUTER) {
            messages.clear();
            computerMove();
            return Optional.empty();
        }
        MoveResult result = service.playHuman(game, typed);
        messages.clear();
        if (!result.accepted()) {
            Rejection rejection = result.rejection().orElseThrow();
            messages.add(new Message(rejection.messageKey(), rejection.messageArgs()));
            input.setInvalid(true);
            save();                                  // a refusal ends the streak: the score changed
            redrawGame();
            input.focus();
            report(Side.HUMAN, result, typed, Optional.empty());
            return Optional.of(result);
        }
        shownHints = Optional.empty();
        input.setInvalid(false);
        input.clear();
        if (result.convertedFromTraditional()) {
            result.move().ifPresent(m -> messages.add(new Message("play.traditional", List.of(m.text()))));
        }
        save();
        redrawGame();
        report(Side.HUMAN, result, typed, Optional.empty());
        if (!game.isOver()) {
            computerMove();
        }
        return Optional.of(result);
    }

    /**
     * The decoder writes its answer; its characters are shown one by one, then the move and the panel. The
     * move is made and saved at once; only showing it takes time, and {@link #shownAnswer} says whether the
     * scheduled steps still belong to what the page shows.
     */
    private void computerMove() {
        String before = game.save();               // the position both models' unaided answers are for
        List<Character> characters = new ArrayList<>();
        List<Double> probabilities = new ArrayList<>();
        ComputerMove move;
        try {
            move = service.computerMove(game,
                    (character, index, probability) -> {
                        characters.add(character);
                        probabilities.add(probability);
                    });
        } catch (Busy e) {
            modelOwesAnswer(new Message("play.modelBusy", List.of()));
            return;
        } catch (RuntimeException e) {
            String incident = VisitorErrors.incident(e, "the model's move failed");
            modelOwesAnswer(new Message("play.fault", List.of(incident)));
            return;
        }
        save();
        // the panel and both models' unaided answers: model work that starts now, beside the characters being shown
        CompletableFuture<PlayService.AfterMove> after = move.trace().isPresent()
                ? service.afterMove(move, service.restore(before)) : CompletableFuture.completedFuture(null);
        int answer = ++shownAnswer;
        modelWriting = true;
        streaming.removeAll();
        streaming.add(sideBadge(Side.COMPUTER));
        Span written = new Span();
        written.addClassName("jl-idiom");
        streaming.add(written, new Span(getTranslation("play.writing")));
        setMoveControlsEnabled(false);
        List<Runnable> steps = new ArrayList<>();
        for (int i = 0; i < characters.size(); i++) {
            char c = characters.get(i);
            double p = probabilities.get(i);
            steps.add(() -> {
                if (answer == shownAnswer) {
                    Span span = new Span(String.valueOf(c));
                    span.getElement().setAttribute("title", percent(p));
                    written.add(span);
                }
            });
        }
        UI ui = UI.getCurrent();
        pacer.play(ui, steps, after, (figures, failure) -> {
            if (answer == shownAnswer) {
                finishComputerMove(move, figures, failure);
            }
        });
    }

    /**
     * The model could not answer (busy, or it failed): the game keeps the visitor's move and waits for the model,
     * the visitor reads why, and Play asks again.
     */
    private void modelOwesAnswer(Message why) {
        messages.add(why);
        save();
        redrawGame();
        input.focus();
    }

    /** The visitor is over their rate: told so, nothing done. */
    private void tooFast() {
        messages.removeIf(m -> m.key().equals(VisitorLimit.MESSAGE_KEY));
        messages.add(new Message(VisitorLimit.MESSAGE_KEY, List.of()));
        redrawGame();
    }

    /** The panel for the game, or nothing when the models are busy (the visitor is told). */
    private Optional<lab.jielong.play.Panel> panelOrNothing() {
        try {
            return Optional.of(service.panel(game));
        } catch (Busy e) {
            messages.add(new Message(Busy.MESSAGE_KEY, List.of()));
            return Optional.empty();
        }
    }

    /** Drops what is still scheduled for the answer being shown; the caller redraws. */
    private void stopShowingAnswer() {
        shownAnswer++;
        modelWriting = false;
        streaming.removeAll();
    }

    /**
     * The answer is written: the move, and the panel and unaided answers worked out meanwhile ({@code figures}; null
     * when the move had none, or the work failed: {@code panelFailure}). Only shows: the models were asked before.
     */
    private void finishComputerMove(ComputerMove move, PlayService.AfterMove figures, Throwable panelFailure) {
        modelWriting = false;
        streaming.removeAll();
        MoveResult result = move.result();
        // added after the note on the visitor's move, which stays until the visitor moves again
        if (!move.guided() && result.move().map(m -> !m.accepted()).orElse(false)) {
            Rejection failure = result.move().get().failure().orElseThrow();
            messages.add(new Message("play.free.invalid", List.of(move.answer(),
                    new Message(failure.messageKey(), failure.messageArgs()))));
        } else if (result.move().isPresent()) {
            messages.add(new Message(move.guided() ? "play.model.guided" : "play.model.free",
                    List.of(move.answer(), percent(move.probability()))));
        }
        if (figures != null) {
            peek.showPanel(Optional.of(figures.panel()), -1);
            peek.showFreeAnswers(figures.freeAnswers());
        } else if (panelFailure != null && VisitorErrors.busy(panelFailure).isPresent()) {
            messages.add(new Message(Busy.MESSAGE_KEY, List.of()));          // the move stands; the panel waits
        } else if (panelFailure != null) {
            messages.add(new Message("error.action",
                    List.of(VisitorErrors.incident(panelFailure, "the side panel failed"))));
        }
        save();
        setMoveControlsEnabled(true);
        redrawGame();
        input.focus();
        report(Side.COMPUTER, result, move.answer(), Optional.of(move));
    }

    private void showHints() {
        if (modelWriting || game.isOver()) {
            redrawGame();
            return;
        }
        if (!limit.allow()) {
            tooFast();
            return;
        }
        try {
            shownHints = Optional.of(service.hint(game, PlayService.HINTS));
        } catch (Busy e) {
            messages.add(new Message(Busy.MESSAGE_KEY, List.of()));
        }
        save();
        redrawGame();
    }

    /** The hints asked for, in the visitor's language; those that would end the game at once are marked ■. */
    private void drawHints() {
        hints.removeAll();
        if (shownHints.isEmpty()) {
            return;
        }
        List<Hint> found = shownHints.get();
        if (found.isEmpty()) {
            hints.add(new Span(getTranslation("play.hints.none")));
            return;
        }
        hints.add(new Span(getTranslation("play.hints.heading")));
        for (Hint h : found) {
            String text = h.idiom().word() + " " + percent(h.probability()) + (h.endsTheGame() ? " ■" : "");
            Button choice = new Button(text, e -> {
                input.setValue(h.idiom().word());
                input.focus();
            });
            choice.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            choice.addClassName("jl-hint");
            choice.getElement().getClassList().set("jl-hint-ends", h.endsTheGame());
            choice.setTooltipText(h.idiom().pinyinText() + (h.endsTheGame()
                    ? " · " + getTranslation("play.hints.endsShort") : ""));
            hints.add(choice);
        }
        if (found.stream().anyMatch(Hint::endsTheGame)) {
            Span ends = new Span(getTranslation("play.hints.ends"));
            ends.addClassName("jl-note");
            ends.setId("play-hints-ends");
            hints.add(ends);
        }
    }

    /** The difficulty's house rules, under the settings (for the difficulty chosen for the next game). */
    private void showRules() {
        Difficulty chosen = difficulty.getValue() == null ? Difficulty.EASY : difficulty.getValue();
        rules.setText(getTranslation("play.rules." + chosen.name(), ChainRules.HARD_WARMUP));
    }

    private void giveUp() {
        if (modelWriting || game.isOver()) {
            return;
        }
        Outcome outcome = service.giveUp(game);
        messages.clear();
        shownHints = Optional.empty();
        save();
        redrawGame();
        reportEnd(outcome);
    }

    /** The visitor picked a position in the panel's text: examine it with the future removed. */
    private void examine(int position) {
        if (modelWriting || game.chain().isEmpty()) {
            return;
        }
        if (!limit.allow()) {
            tooFast();
            return;
        }
        try {
            peek.showPanel(Optional.of(service.panel(game, position)), position);
        } catch (Busy e) {
            messages.add(new Message(Busy.MESSAGE_KEY, List.of()));
            redrawGame();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // events for a host page (nothing happens unless the page is embedded)

    /** A move (or a refused attempt) of {@code side}, then the score, then the end if it came. */
    private void report(Side side, MoveResult result, String text, Optional<ComputerMove> computer) {
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("widget", "play");
        move.put("side", side.id());
        Optional<Move> played = result.move();
        move.put("text", played.map(Move::text).orElse(text));
        move.put("valid", result.accepted());
        played.filter(Move::accepted).ifPresent(m -> {
            move.put("number", m.number());
            move.put("pinyin", m.pinyinText());
        });
        result.rejection().ifPresent(r -> {
            move.put("reason", r.reason().name());
            move.put("message", getTranslation(r.messageKey(), r.messageArgs().toArray()));
        });
        computer.ifPresent(c -> {
            move.put("guided", c.guided());
            move.put("probability", c.probability());
        });
        move.put("mode", game.config().mode().id());
        played.filter(Move::accepted).ifPresentOrElse(
                m -> classroom.recordHere(ClassroomEvent.move(m.text(), ClassroomEvent.Player.of(side), true)),
                () -> classroom.recordHere(ClassroomEvent.move(text, ClassroomEvent.Player.of(side), false)));
        EmbedEvents.post(this, EmbedEvents.MOVE, move, side == Side.HUMAN
                ? EmbedEvents.Statement.answered(played.map(Move::text).orElse(text), result.accepted()) : null);
        if (result.accepted() || side == Side.COMPUTER) {
            EmbedEvents.post(this, EmbedEvents.SCORE, Map.of("widget", "play", "points", game.score().points(),
                    "streak", game.score().streak(), "best", game.score().bestStreak()),
                    EmbedEvents.Statement.scored(game.score().points(), null));
        }
        result.outcome().ifPresent(this::reportEnd);
    }

    private void reportEnd(Outcome outcome) {
        classroom.recordHere(ClassroomEvent.gameOver(ClassroomEvent.Player.of(outcome.winner())));
        EmbedEvents.post(this, EmbedEvents.GAME_OVER, Map.of("widget", "play", "winner", outcome.winner().id(),
                "reason", outcome.reason().name(),
                "message", getTranslation(outcome.messageKey(), outcome.messageArgs().toArray()),
                "points", game.score().points(), "moves", game.history().size()),
                EmbedEvents.Statement.completed(outcome.winner() == Side.HUMAN, game.score().points()));
    }

    // ---------------------------------------------------------------------------------------------
    // drawing

    private void redrawGame() {
        history.removeAll();
        for (Move move : game.history()) {
            history.add(moveRow(move));
        }
        Optional<String> required = game.requirement().map(r -> r.display());
        input.setPlaceholder(required.map(r -> getTranslation("play.input.next", r))
                .orElse(getTranslation("play.input.first")));
        input.setHelperText(required.map(r -> getTranslation("play.input.help." + game.config().mode().name(), r))
                .orElse(""));
        boolean over = game.isOver();
        input.setEnabled(!over && !modelWriting);
        play.setEnabled(!over && !modelWriting);
        hint.setEnabled(!over && !modelWriting);
        giveUp.setEnabled(!over && !modelWriting);
        status.removeAll();
        for (Message m : messages) {
            Paragraph line = new Paragraph(translate(m));
            line.addClassName("jl-message");
            status.add(line);
        }
        game.outcome().ifPresent(o -> status.add(outcome(o)));
        drawHints();
        score.setText(getTranslation("play.score", game.score().points(), game.score().streak(),
                game.score().bestStreak()));
        scoreHelp.setText(getTranslation("play.score.help", Score.pointsFor(Score.MAX_STREAK_BONUS + 1),
                pointsInARow()));
    }

    /** The points of moves in a row, from the scoring rule: "1, 2, 3, 4, 5, 5". */
    private static String pointsInARow() {
        List<String> points = new ArrayList<>();
        for (int streak = 1; streak <= Score.MAX_STREAK_BONUS + 2; streak++) {
            points.add(Integer.toString(Score.pointsFor(streak)));
        }
        return String.join(", ", points);
    }

    /** A message in the visitor's language, with the messages among its arguments translated too. */
    private String translate(Message m) {
        Object[] args = m.args().stream().map(a -> a instanceof Message inner ? translate(inner) : a).toArray();
        return getTranslation(m.key(), args);
    }

    private Div moveRow(Move move) {
        Div row = new Div();
        row.addClassName("jl-move");
        row.addClassName(move.side() == Side.HUMAN ? "jl-move-human" : "jl-move-model");
        Span idiom = new Span(move.text());
        idiom.addClassName("jl-idiom");
        row.add(sideBadge(move.side()), idiom);
        if (move.accepted()) {
            Span pinyin = new Span(move.pinyinText());
            pinyin.addClassName("jl-pinyin");
            row.add(pinyin);
        } else {
            // the reason stays on the row: the message under the input changes with the next move
            row.addClassName("jl-move-failed");
            Rejection failure = move.failure().orElseThrow();
            Span why = new Span(getTranslation("play.move.failed",
                    getTranslation(failure.messageKey(), failure.messageArgs().toArray())));
            why.addClassName("jl-why");
            row.add(why);
        }
        return row;
    }

    private Span sideBadge(Side side) {
        Span badge = new Span(getTranslation("side." + side.name()));
        badge.addClassName("jl-side");
        badge.getElement().getThemeList().add(side == Side.HUMAN ? "badge" : "badge contrast");
        return badge;
    }

    private Paragraph outcome(Outcome outcome) {
        Paragraph p = new Paragraph(getTranslation(outcome.messageKey(), outcome.messageArgs().toArray()));
        p.addClassName(outcome.winner() == Side.HUMAN ? "jl-win" : "jl-loss");
        p.setId("play-outcome");
        return p;
    }

    private void setMoveControlsEnabled(boolean enabled) {
        input.setEnabled(enabled);
        play.setEnabled(enabled);
        hint.setEnabled(enabled);
        giveUp.setEnabled(enabled);
    }

    // ---------------------------------------------------------------------------------------------
    // the tab's game

    private void save() {
        String saved = game.save();
        getUI().or(() -> Optional.ofNullable(UI.getCurrent())).ifPresent(ui -> BrowserTab.save(ui, GAME_KEY, saved));
    }

    /** The saved game this page holds (for tests). */
    static Optional<String> saved(UI ui) {
        return BrowserTab.inThisPage(ui, GAME_KEY);
    }

    private void settingsFromGame() {
        mode.setValue(game.config().mode());
        difficulty.setValue(game.config().difficulty());
        opener.setValue(game.config().opener());
        guided.setValue(game.config().guided());
    }

    /** A message key with its arguments (which may be messages themselves). */
    private record Message(String key, List<?> args) {
    }
}
