package lab.jielong.guess.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import lab.jielong.base.ui.DecodingControls;
import lab.jielong.base.ui.MainLayout;
import lab.jielong.base.ui.Tokens;
import lab.jielong.base.ui.VisitorLimit;
import lab.jielong.base.ui.chart.EChart;
import lab.jielong.classroom.ClassroomEvent;
import lab.jielong.classroom.ClassroomService;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.embed.EmbedEvents;
import lab.jielong.embed.Embeddable;
import lab.jielong.embed.ShareableState;
import lab.jielong.embed.UrlState;
import lab.jielong.engine.decode.DecodingConfig;
import lab.jielong.guess.GuessService;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static lab.jielong.base.ui.Formats.percent;

/**
 * Guess the next character (一心一 → 意): the visitor guesses before the decoder's distribution is revealed,
 * with a running score of visitor vs model (kept in the session, so a reload keeps it); and any text continued
 * step by step, with the distribution the model chose from at each step.
 *
 * <p>A link sets the beginning to guess from ({@code ?prompt=一心一}, also the text to continue) and hides
 * controls ({@code hide=steps,random}, see {@link #HIDEABLE}). Embedded at {@code /embed/guess}, the page reports
 * each guess and the score to the host.
 */
@Route(value = "guess", layout = MainLayout.class)
@Menu(title = "nav.guess", order = 2)
@Embeddable(title = "title.guess", height = 760, element = "jielong-guess")
class GuessView extends Div implements LocaleChangeObserver, HasDynamicTitle, BeforeEnterObserver, ShareableState {

    /** What {@code hide=} can name on this page. */
    static final List<String> HIDEABLE = List.of("intro", "prefix", "random", "score", "steps");

    /** The running score's session attribute. */
    static final String TALLY_KEY = "jielong.guess.tally";

    private final GuessService service;
    private final Random random = new SecureRandom();
    private Optional<GuessService.Round> round = Optional.empty();
    private Optional<GuessService.Reveal> reveal = Optional.empty();
    private Optional<CheckedInput> problem = Optional.empty();
    private GuessService.Tally tally;
    private String continued = "";
    private int steps;
    private Optional<GuessService.Continuation> continuation = Optional.empty();

    private final H2 heading = new H2();
    private final Paragraph intro = new Paragraph();
    private final TextField prefix = new TextField();
    private final Button usePrefix = new Button();
    private final Button randomPrefix = new Button();
    private final Span shown = new Span();
    private final TextField guess = new TextField();
    private final Button guessButton = new Button();
    private final Div result = new Div();
    private final EChart distribution = new EChart();
    private final Paragraph barsLegend = new Paragraph();
    private final Span score = new Span();

    private final H2 stepHeading = new H2();
    private final Paragraph stepIntro = new Paragraph();
    private final TextField stepText = new TextField();
    private final Button nextStep = new Button();
    private final Button resetSteps = new Button();
    private final Span stepShown = new Span();
    private final Paragraph stepNote = new Paragraph();
    private final EChart stepChart = new EChart();
    private final DecodingControls stepDecoding = new DecodingControls("step");
    private final HorizontalLayout prefixRow;
    private final Section stepping;

    private final ClassroomService classroom;
    /** The per-visitor rate of model actions (a round, a guess, a step), as on the Play page. */
    private final VisitorLimit limit;
    /** The visitor's last model action was refused as too fast: said where they acted, until the next action. */
    private boolean tooFastRound, tooFastStep;
    /**
     * The link's prompt whose round this page shows, until the visitor makes another (a custom element hands over
     * its attributes again when any of them changes: the same prompt is not computed again).
     */
    private String linkedPrompt;

    GuessView(GuessService service, ClassroomService classroom, VisitorLimit limit) {
        this.service = service;
        this.classroom = classroom;
        this.limit = limit;
        addClassName("jl-play");

        this.tally = VaadinSession.getCurrent().getAttribute(TALLY_KEY) instanceof GuessService.Tally kept
                ? kept : GuessService.Tally.zero();
        prefix.setId("guess-prefix");
        // longer than the service accepts: what is too long is refused with a word, not cut silently
        prefix.setMaxLength(GuessService.MAX_RAW);
        prefix.addKeyPressListener(Key.ENTER, e -> typedRound());
        usePrefix.setId("guess-use");
        usePrefix.addClickListener(e -> typedRound());
        randomPrefix.setId("guess-random");
        randomPrefix.addClickListener(e -> randomRound());
        prefixRow = new HorizontalLayout(prefix, usePrefix, randomPrefix);
        prefixRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        prefixRow.addClassName("jl-move-row");

        shown.setId("guess-shown");
        shown.addClassName("jl-idiom");
        shown.addClassName("jl-guess-prompt");
        guess.setId("guess-input");
        guess.setMaxLength(GuessService.MAX_RAW);
        guess.addKeyPressListener(Key.ENTER, e -> guess());
        guessButton.setId("guess-go");
        guessButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        guessButton.addClickListener(e -> guess());
        HorizontalLayout guessRow = new HorizontalLayout(shown, guess, guessButton);
        guessRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        guessRow.addClassName("jl-move-row");

        result.setId("guess-result");
        result.addClassName("jl-status");
        result.getElement().setAttribute("role", "status");
        result.getElement().setAttribute("aria-live", "polite");
        distribution.setId("guess-chart");
        distribution.setHeight("300px");
        barsLegend.setId("guess-bars-legend");
        barsLegend.addClassNames("jl-note", "jl-bars-legend");
        score.setId("guess-score");
        score.addClassName("jl-score");
        Tokens.Legend guessLegend = new Tokens.Legend();
        guessLegend.setId("guess-legend");
        Section guessing = new Section(heading, intro, prefixRow, guessRow, result, distribution, barsLegend,
                guessLegend, score);
        guessing.addClassName("jl-game");

        stepText.setId("step-text");
        stepText.setMaxLength(GuessService.MAX_RAW);
        stepText.setValue("一心一");
        stepText.addValueChangeListener(e -> resetContinuation());
        nextStep.setId("step-next");
        nextStep.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        nextStep.addClickListener(e -> step());
        resetSteps.setId("step-reset");
        resetSteps.addClickListener(e -> resetContinuation());
        stepDecoding.addChangeListener(this::resetContinuation);
        HorizontalLayout stepRow = new HorizontalLayout(stepText, nextStep, resetSteps);
        stepRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        stepRow.addClassName("jl-move-row");
        stepShown.setId("step-shown");
        stepShown.addClassName("jl-idiom");
        stepNote.setId("step-note");
        stepNote.getElement().setAttribute("aria-live", "polite");
        stepChart.setId("step-chart");
        stepChart.setHeight("300px");
        Tokens.Legend stepLegend = new Tokens.Legend();
        stepLegend.setId("step-legend");
        stepping = new Section(stepHeading, stepIntro, stepRow, stepDecoding, stepShown, stepNote, stepChart,
                stepLegend);
        stepping.addClassName("jl-panel");
        add(guessing, stepping);
        guess.setEnabled(false);                    // until there is a round: the link's, or a random one
        guessButton.setEnabled(false);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("title.guess");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        UrlState state = UrlState.of(event);
        Set<String> hidden = state.hidden(HIDEABLE);
        heading.setVisible(!hidden.contains("intro"));
        intro.setVisible(!hidden.contains("intro"));
        prefixRow.setVisible(!hidden.contains("prefix"));
        randomPrefix.setVisible(!hidden.contains("random"));
        score.setVisible(!hidden.contains("score"));
        stepping.setVisible(!hidden.contains("steps"));
        getElement().getClassList().set("jl-no-panel", hidden.contains("steps"));
        openingRound(state);
    }

    /**
     * The round the page opens with: the link's prompt (a refused one is noted), else a random one. Computing it is
     * model work, so it takes from the visitor's allowance as a click does: a reload is a new page, and reloading a
     * link in a loop is told it is too fast. The round of a prompt this page still shows is not computed again.
     */
    private void openingRound(UrlState state) {
        Optional<String> prompt = state.prompt();
        Optional<CheckedInput> refused = prompt.flatMap(service::refusal);
        refused.ifPresent(p -> state.note("embed.note.prompt", prompt.get(),
                getTranslation("input." + p.problem().name(), p.messageArgs().toArray())));
        boolean newPrompt = prompt.isPresent() && refused.isEmpty() && !prompt.get().equals(linkedPrompt);
        if (!newPrompt && round.isPresent()) {
            return;                                 // nothing to compute
        }
        if (!allowed(false)) {
            return;                                 // the page says so where the round would be
        }
        if (newPrompt) {
            linkedPrompt = prompt.get();
            GuessService.RoundResult typed = service.round(linkedPrompt);
            prefix.setValue(typed.round().orElseThrow().prefix());
            showRound(typed.round(), Optional.empty());
            stepText.setValue(typed.round().orElseThrow().prefix());
        } else {
            showRound(Optional.of(service.randomRound(random)), Optional.empty());
        }
    }

    @Override
    public Map<String, String> sharedState() {
        return round.filter(r -> r.source().isEmpty())
                .map(r -> Map.of(UrlState.PROMPT, r.prefix())).orElse(Map.of());
    }

    @Override
    public List<String> hideableControls() {
        return HIDEABLE;
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
        heading.setText(getTranslation("guess.heading"));
        intro.setText(getTranslation("guess.intro"));
        prefix.setLabel(getTranslation("guess.prefix"));
        prefix.setPlaceholder("一心一");
        usePrefix.setText(getTranslation("guess.use"));
        randomPrefix.setText(getTranslation("guess.random"));
        guess.setLabel(getTranslation("guess.input"));
        guess.setPlaceholder(getTranslation("guess.input.placeholder"));
        guessButton.setText(getTranslation("guess.go"));
        stepHeading.setText(getTranslation("step.heading"));
        stepIntro.setText(getTranslation("step.intro"));
        stepText.setLabel(getTranslation("step.text"));
        stepText.setHelperText(getTranslation("step.text.help", service.maxContinuedText()));
        nextStep.setText(getTranslation("step.next"));
        resetSteps.setText(getTranslation("step.reset"));
        redraw();
        redrawSteps();
    }

    // ---------------------------------------------------------------------------------------------
    // guessing

    private void typedRound() {
        if (!allowed(false)) {
            return;
        }
        GuessService.RoundResult typed = service.round(prefix.getValue());
        typed.round().ifPresent(r -> linkedPrompt = null);
        showRound(typed.round(), typed.problem());
    }

    private void randomRound() {
        if (allowed(false)) {
            linkedPrompt = null;
            showRound(Optional.of(service.randomRound(random)), Optional.empty());
        }
    }

    /**
     * Takes one model action from the visitor's allowance ({@link VisitorLimit}); refused, the page says so (under
     * the round, or under the steps) and nothing is computed.
     */
    private boolean allowed(boolean stepping) {
        boolean allowed = limit.allow();
        tooFastRound = !allowed && !stepping;
        tooFastStep = !allowed && stepping;
        if (!allowed) {
            redraw();
            redrawSteps();
        }
        return allowed;
    }

    private void showRound(Optional<GuessService.Round> newRound, Optional<CheckedInput> newProblem) {
        if (newRound.isPresent()) {
            round = newRound;
            reveal = Optional.empty();
            guess.clear();
            guess.setEnabled(true);
            guessButton.setEnabled(true);
            guess.focus();
        }
        problem = newProblem;
        prefix.setInvalid(newProblem.isPresent());
        redraw();
    }

    private void guess() {
        if (round.isEmpty() || reveal.isPresent() || !allowed(false)) {
            return;
        }
        GuessService.GuessResult r = service.guess(round.get(), guess.getValue(), tally);
        problem = r.problem();
        guess.setInvalid(problem.isPresent());
        r.reveal().ifPresent(v -> {
            reveal = Optional.of(v);
            tally = v.tally();
            VaadinSession.getCurrent().setAttribute(TALLY_KEY, tally);
            guess.setEnabled(false);
            guessButton.setEnabled(false);
            randomPrefix.focus();
        });
        redraw();
        r.reveal().ifPresent(v -> classroom.recordHere(ClassroomEvent.guessRound(v.playerRight(), v.modelRight())));
        r.reveal().ifPresent(this::report);
    }

    /** The guess and the score, for a host page (nothing happens unless the page is embedded). */
    private void report(GuessService.Reveal v) {
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("widget", "guess");
        move.put("prefix", v.round().prefix());
        move.put("guess", String.valueOf(v.guess()));
        move.put("right", v.playerRight());
        move.put("probability", v.guessProbability());
        move.put("rank", v.guessRank());
        move.put("modelGuess", v.round().modelGuess().map(GuessService.Prediction::text).orElse(""));
        move.put("modelRight", v.modelRight());
        move.put("answers", v.round().answers().stream().map(String::valueOf).toList());
        EmbedEvents.post(this, EmbedEvents.MOVE, move,
                EmbedEvents.Statement.answered(String.valueOf(v.guess()), v.playerRight()));
        EmbedEvents.post(this, EmbedEvents.SCORE, Map.of("widget", "guess", "you", tally.player(),
                "model", tally.model(), "rounds", tally.rounds()),
                EmbedEvents.Statement.scored(tally.player(), (double) tally.rounds()));
    }

    private void redraw() {
        shown.setText(round.map(r -> r.prefix() + " ？").orElse(""));
        result.removeAll();
        problem.ifPresent(p -> result.add(new Paragraph(getTranslation("input." + p.problem().name(),
                p.messageArgs().toArray()))));
        if (tooFastRound) {
            Paragraph wait = new Paragraph(getTranslation(VisitorLimit.MESSAGE_KEY));
            wait.setId("guess-too-fast");
            result.add(wait);
        }
        round.filter(r -> !r.unknown().isEmpty())
                .ifPresent(r -> result.add(new Paragraph(getTranslation("guess.unknown", r.unknown().size()))));
        distribution.setVisible(reveal.isPresent());
        barsLegend.setVisible(reveal.isPresent());
        barsLegend.setText(getTranslation("guess.bars.legend"));
        reveal.ifPresent(v -> {
            GuessService.Round r = v.round();
            String model = r.modelGuess().map(GuessService.Prediction::text).orElse("—");
            String modelP = r.modelGuess().map(p -> percent(p.probability())).orElse("");
            result.add(new Paragraph(getTranslation(v.playerRight() ? "guess.you.right" : "guess.you.wrong",
                    v.guess(), percent(v.guessProbability()), v.guessRank())));
            result.add(new Paragraph(getTranslation(v.modelRight() ? "guess.model.right" : "guess.model.wrong",
                    model, modelP)));
            result.add(new Paragraph(r.answers().isEmpty() ? getTranslation("guess.answers.none")
                    : getTranslation("guess.answers",
                            String.join(" ", r.answers().stream().map(String::valueOf).toList()))));
            distribution.setOption(barChart(r.top(), r.answers(), getTranslation("guess.chart")));
        });
        score.setText(getTranslation("guess.score", tally.player(), tally.model(), tally.rounds()));
    }

    // ---------------------------------------------------------------------------------------------
    // step by step

    private void resetContinuation() {
        steps = 0;
        continued = stepText.getValue();
        continuation = Optional.empty();
        redrawSteps();
    }

    private void step() {
        Optional<DecodingConfig> decoding = stepDecoding.value();
        if (decoding.isEmpty()) {
            return;                                 // the wrong field says why
        }
        if (!allowed(true)) {
            return;
        }
        if (!stepText.getValue().equals(continued) && steps == 0) {
            continued = stepText.getValue();
        }
        steps = Math.min(steps + 1, GuessService.MAX_STEPS);
        // the whole continuation again, one step longer: with a seed, sampling replays the earlier steps exactly
        continuation = Optional.of(service.continueText(continued, steps, decoding.get()));
        redrawSteps();
    }

    private void redrawSteps() {
        stepChart.setVisible(false);
        stepNote.setText("");
        stepShown.setText(continued);
        continuation.ifPresent(c -> {
            if (c.problem().isPresent()) {
                CheckedInput p = c.problem().get();
                stepNote.setText(getTranslation("input." + p.problem().name(), p.messageArgs().toArray()));
                stepText.setInvalid(true);
                return;
            }
            stepText.setInvalid(false);
            stepShown.setText(c.finalText());
            if (c.steps().isEmpty()) {
                stepNote.setText(getTranslation("step.full"));
                return;
            }
            GuessService.Step last = c.steps().get(c.steps().size() - 1);
            String decoding = stepDecoding.value().map(d -> d.sample() ? getTranslation("step.sampled", d.describe())
                    : getTranslation("step.greedy")).orElse("");
            stepNote.setText(getTranslation("step.chose", Tokens.label(last.chosen().text()),
                    percent(last.chosen().probability()), c.steps().size()) + " " + decoding);
            stepChart.setVisible(true);
            stepChart.setOption(barChart(last.top(), Set.of(), getTranslation("step.chart")));
        });
        if (tooFastStep) {
            stepNote.setText(getTranslation(VisitorLimit.MESSAGE_KEY));
        }
        nextStep.setEnabled(steps < GuessService.MAX_STEPS);
    }

    // ---------------------------------------------------------------------------------------------

    /** Horizontal bars of the model's most likely next tokens; the dictionary's answers in green. */
    private Map<String, Object> barChart(List<GuessService.Prediction> top, Set<Character> answers, String name) {
        // ECharts draws a category axis bottom-up: reverse, so the most likely token is on top.
        List<GuessService.Prediction> shownTop = new ArrayList<>(top.subList(0, Math.min(8, top.size())));
        Collections.reverse(shownTop);
        List<String> labels = shownTop.stream().map(p -> Tokens.label(p.text())).toList();
        List<Object> values = shownTop.stream().map(p -> (Object) Map.of(
                "value", Math.round(p.probability() * 1000) / 10.0,
                "itemStyle",
                Map.of("color", !p.special() && answers.contains(p.text().charAt(0)) ? "#188038" : "#1a73e8")))
                .toList();
        return Map.of(
                "animation", false,
                "grid", Map.of("left", 64, "right", 40, "top", 8, "bottom", 24),
                "tooltip", Map.of("trigger", "axis"),
                "xAxis", Map.of("type", "value", "max", 100, "axisLabel", Map.of("formatter", "{value}%")),
                "yAxis", Map.of("type", "category", "data", labels, "axisLabel", Map.of("fontSize", 15)),
                "series", List.of(Map.of("type", "bar", "name", name, "data", values,
                        "label", Map.of("show", true, "position", "right", "formatter", "{c}%"))));
    }
}
