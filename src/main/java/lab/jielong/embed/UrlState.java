package lab.jielong.embed;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Difficulty;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Side;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The state a link carries in its query parameters, the same on every page and its embedded twin
 * ({@code /?mode=sound&difficulty=hard}, {@code /embed/play?mode=sound&hide=hint}); documented in
 * {@code docs/embed.md}.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><td>{@code lang}</td><td>{@code zh} | {@code en}</td><td>the page's language (else the visitor's choice)</td></tr>
 * <tr><td>{@code theme}</td><td>{@code light} | {@code dark}</td><td>colours</td></tr>
 * <tr><td>{@code mode}</td><td>{@code char} 同字 | {@code sound} 同音 | {@code tone} 同音同调</td><td>Play</td></tr>
 * <tr><td>{@code difficulty}</td><td>{@code easy} | {@code hard}</td><td>Play</td></tr>
 * <tr><td>{@code opener}</td><td>{@code you} | {@code model}</td><td>who opens (Play)</td></tr>
 * <tr><td>{@code guided}</td><td>{@code true} | {@code false}</td><td>guided or free decoding (Play)</td></tr>
 * <tr><td>{@code idiom}</td><td>an idiom</td><td>the visitor's opening move (Play), the idiom examined (Peek)</td></tr>
 * <tr><td>{@code prompt}</td><td>Chinese text</td><td>the beginning to guess from (Guess)</td></tr>
 * <tr><td>{@code panel}</td><td>{@code decoder} | {@code encoder}</td><td>which attention the side panel shows</td></tr>
 * <tr><td>{@code hide}</td><td>names, comma-separated</td><td>controls to hide; each page lists its own</td></tr>
 * <tr><td>{@code xapi}</td><td>{@code true} | {@code false}</td><td>add xAPI statements to the events an embed posts</td></tr>
 * </table>
 *
 * <p>A value that is not understood falls back to the default and leaves a {@link Note} that the page shows;
 * unknown parameter names are ignored silently (hosts add their own). One instance per navigation, shared by
 * the frame, which applies {@code lang} and {@code theme} and shows the notes, and the view, which applies the
 * rest and may add notes of its own ({@link #note}).
 */
public final class UrlState {

    public static final String LANG = "lang";
    public static final String THEME = "theme";
    public static final String MODE = "mode";
    public static final String DIFFICULTY = "difficulty";
    public static final String OPENER = "opener";
    public static final String GUIDED = "guided";
    public static final String IDIOM = "idiom";
    public static final String PROMPT = "prompt";
    public static final String PANEL = "panel";
    public static final String HIDE = "hide";
    public static final String XAPI = "xapi";
    /** Lumo's dark variant, set on the page's theme list. */
    static final String DARK = "dark";

    /** Controls of the embed page itself that {@code hide} may name on any embedded page. */
    public static final Set<String> PAGE_CONTROLS = Set.of("share", "footer");

    /** The parameters this class knows, in the order a link lists them. */
    public static final List<String> ORDER = List.of(LANG, THEME, MODE, DIFFICULTY, OPENER, GUIDED, IDIOM, PROMPT,
            PANEL, HIDE, XAPI);

    /** Longest text a link may pass in {@code idiom} or {@code prompt}. */
    public static final int MAX_TEXT = ChainRules.MAX_INPUT_LENGTH;

    /** A remark about a link parameter: a translation key and its arguments. */
    public record Note(String key, List<String> args) {
        public Note {
            args = List.copyOf(args);
        }
    }

    private final String location;
    private final Map<String, List<String>> parameters;
    private final List<Note> notes = new ArrayList<>();

    private final Optional<Locale> language;
    private final boolean dark;
    private final Optional<MatchMode> mode;
    private final Optional<Difficulty> difficulty;
    private final Optional<Side> opener;
    private final Optional<Boolean> guided;
    private final Optional<String> idiom;
    private final Optional<String> prompt;
    private final Optional<String> panel;
    private final Set<String> hidden;
    private final boolean xapi;

    private UrlState(String location, Map<String, List<String>> parameters) {
        this.location = location;
        this.parameters = parameters;
        this.language = choice(
                LANG, v -> v.toLowerCase(Locale.ROOT).startsWith("zh") ? Optional.of(Locale.SIMPLIFIED_CHINESE)
                        : v.toLowerCase(Locale.ROOT).startsWith("en") ? Optional.of(Locale.ENGLISH)
                                : Optional.<Locale>empty(),
                null, "zh, en");
        this.dark = choice(THEME, v -> v.equalsIgnoreCase("dark") ? Optional.of(true)
                : v.equalsIgnoreCase("light") ? Optional.of(false) : Optional.<Boolean>empty(), "light", "light, dark")
                .orElse(false);
        GameConfig defaults = GameConfig.defaults();
        this.mode = choice(MODE, MatchMode::parse, defaults.mode().id(), "char, sound, tone");
        this.difficulty = choice(DIFFICULTY, Difficulty::parse, defaults.difficulty().id(), "easy, hard");
        this.opener = choice(OPENER, Side::parse, defaults.opener().id(), "you, model");
        this.guided = choice(GUIDED, UrlState::bool, Boolean.toString(defaults.guided()), "true, false");
        this.idiom = text(IDIOM);
        this.prompt = text(PROMPT);
        this.panel = choice(PANEL, v -> v.equalsIgnoreCase("decoder") || v.equalsIgnoreCase("encoder")
                ? Optional.of(v.toLowerCase(Locale.ROOT)) : Optional.<String>empty(), "decoder", "decoder, encoder");
        Set<String> names = new LinkedHashSet<>();
        for (String value : values(HIDE)) {
            Arrays.stream(value.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                    .forEach(names::add);
        }
        this.hidden = Collections.unmodifiableSet(names);
        this.xapi = choice(XAPI, UrlState::bool, "false", "true, false").orElse(false);
    }

    /** The state of a location (a fresh parse, not shared). */
    public static UrlState of(Location location) {
        return new UrlState(location.getPathWithQueryParameters(), location.getQueryParameters().getParameters());
    }

    /** The state of query parameters alone. */
    public static UrlState of(QueryParameters parameters) {
        return new UrlState("?" + parameters.getQueryString(), parameters.getParameters());
    }

    /** The state of the navigation under way, shared by the frame and the view of one UI. */
    public static UrlState of(BeforeEvent event) {
        return shared(event.getUI(), event.getLocation());
    }

    /** The same after navigation: the instance the frame and the view have filled with notes. */
    public static UrlState of(AfterNavigationEvent event) {
        return shared(event.getLocationChangeEvent().getUI(), event.getLocation());
    }

    private static UrlState shared(UI ui, Location location) {
        UrlState cached = ComponentUtil.getData(ui, UrlState.class);
        if (cached != null && cached.location.equals(location.getPathWithQueryParameters())) {
            return cached;
        }
        UrlState state = of(location);
        ComponentUtil.setData(ui, UrlState.class, state);
        return state;
    }

    // ---------------------------------------------------------------------------------------------
    // values

    public Optional<Locale> language() {
        return language;
    }

    public boolean dark() {
        return dark;
    }

    public Optional<MatchMode> mode() {
        return mode;
    }

    public Optional<Difficulty> difficulty() {
        return difficulty;
    }

    public Optional<Side> opener() {
        return opener;
    }

    public Optional<Boolean> guided() {
        return guided;
    }

    /** The game the link asks for: its settings over the defaults. */
    public GameConfig gameConfig() {
        GameConfig d = GameConfig.defaults();
        return new GameConfig(mode.orElse(d.mode()), difficulty.orElse(d.difficulty()), opener.orElse(d.opener()),
                guided.orElse(d.guided()));
    }

    /** Whether the link sets any of the game's settings ({@code mode}, {@code difficulty}, {@code opener}, {@code guided}). */
    public boolean setsGame() {
        return mode.isPresent() || difficulty.isPresent() || opener.isPresent() || guided.isPresent();
    }

    /** The idiom the link passes, as written (the page checks it and notes a refusal). */
    public Optional<String> idiom() {
        return idiom;
    }

    /** The text the link passes as a prompt, as written (the page checks it). */
    public Optional<String> prompt() {
        return prompt;
    }

    /** {@code decoder} or {@code encoder}. */
    public Optional<String> panel() {
        return panel;
    }

    public boolean xapi() {
        return xapi;
    }

    /** Every name in {@code hide}, in lower case. */
    public Set<String> hidden() {
        return hidden;
    }

    /**
     * The names in {@code hide} that this page knows; each name neither it nor the embed page
     * ({@link #PAGE_CONTROLS}) knows leaves a note listing {@code known}. Call once per page.
     */
    public Set<String> hidden(Collection<String> known) {
        Set<String> found = new LinkedHashSet<>();
        for (String name : hidden) {
            if (known.contains(name)) {
                found.add(name);
            } else if (!PAGE_CONTROLS.contains(name)) {
                note("embed.note.hide", name, String.join(", ", known));
            }
        }
        return found;
    }

    /** The raw parameters, for what this class does not know. */
    public Map<String, List<String>> parameters() {
        return parameters;
    }

    /** Applies the page-wide settings to {@code ui}: the language (for this tab only) and the colours. */
    public void applyTo(UI ui) {
        language.ifPresent(ui::setLocale);
        ui.getElement().getThemeList().set(DARK, dark);
        // The UI's element is the body; the page's own background belongs to <html>, which needs the theme too.
        ui.getPage().executeJs("document.documentElement.toggleAttribute('theme', $0);"
                + "if ($0) document.documentElement.setAttribute('theme', 'dark')", dark);
    }

    // ---------------------------------------------------------------------------------------------
    // notes

    /** Adds a note for the page to show: a translation key and its arguments (once, however often it is added). */
    public void note(String key, String... args) {
        Note note = new Note(key, List.of(args));
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    public List<Note> notes() {
        return List.copyOf(notes);
    }

    // ---------------------------------------------------------------------------------------------

    private List<String> values(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /**
     * The last value of {@code name} read by {@code parse}; a value it refuses leaves a note naming the default
     * ({@code fallback}), or saying it is ignored when there is no default to name (null).
     */
    private <T> Optional<T> choice(String name, Function<String, Optional<T>> parse, String fallback, String choices) {
        List<String> given = values(name);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String value = given.get(given.size() - 1).trim();
        Optional<T> parsed = value.isEmpty() ? Optional.empty() : parse.apply(value);
        if (parsed.isEmpty()) {
            if (fallback == null) {
                note("embed.note.ignored", name, shorten(value), choices);
            } else {
                note("embed.note.value", name, shorten(value), fallback, choices);
            }
        }
        return parsed;
    }

    private Optional<String> text(String name) {
        List<String> given = values(name);
        if (given.isEmpty() || given.get(given.size() - 1).isBlank()) {
            return Optional.empty();
        }
        String value = given.get(given.size() - 1).trim();
        if (value.length() > MAX_TEXT) {
            note("embed.note.long", name, Integer.toString(MAX_TEXT));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static Optional<Boolean> bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Optional.of(true);
            case "false", "0", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static String shorten(String value) {
        return value.length() <= 24 ? value : value.substring(0, 23) + "…";
    }
}
