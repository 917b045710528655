package lab.jielong.game;

import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.TextNormalizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One game of 成语接龙 between a human and the computer: whose turn it is, the chain, the used idioms, the
 * score and, once decided, the outcome. Every move goes through the same checks, in this order: game over,
 * turn, input (TextNormalizer.checkIdiom: empty, markup, not Chinese, length, dictionary), start, repeat.
 *
 * <p>A game is an event log replayed through the rules, which is also its saved form ({@link #save()}):
 * {@code J1<mode><difficulty><opener><guided>[#<seed>]:<event>,<event>…}, e.g.
 * {@code J1CEHG#2a:H一心一意,C意气风发,r,H发扬光大}; the seed (hexadecimal, left out when 0) is what a computer
 * player that samples draws from ({@link Turn#random()}).
 * Events: {@code H<idiom>} human move, {@code C<idiom>} computer move, {@code X<text>} failed computer
 * answer as given ({@code %} and {@code ,} escaped as {@code %25}, {@code %2C}), {@code r} refused human attempt,
 * {@code h} hint, {@code g} gave up. {@link #restore} replays them, so a tampered string cannot make an
 * illegal position: it is refused.
 *
 * <p>House rule: the opening move must leave the other side something to play; an idiom nothing could
 * follow is refused as an opening ({@link RejectionReason#NO_CONTINUATION}), so no game ends on its first move.
 * Later in the game such a move is a fair trap.
 *
 * <p>The side that has to move and has no unused continuation loses at once: the game ends with
 * {@link EndReason#DEAD_END} (nothing in the dictionary starts with it) or {@link EndReason#EXHAUSTED}.
 * A failed computer answer keeps the chain where it was and hands the turn back to the human, who continues
 * from the same idiom; after {@value #MAX_COMPUTER_FAILURES} failures the computer loses.
 *
 * <p>Not thread-safe: one game per visitor session.
 */
public final class Game {

    /** Failed answers after which the computer loses (only an unguided model fails). */
    public static final int MAX_COMPUTER_FAILURES = 3;
    static final String FORMAT = "J1";
    /** A failed answer is kept to this many characters in the history and the saved form. */
    static final int MAX_FAILED_TEXT = 16;

    private final ChainRules rules;
    private final GameConfig config;
    private final long seed;
    private final List<Move> history = new ArrayList<>();
    private final List<Idiom> chain = new ArrayList<>();
    private final Map<String, Move> used = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();
    private Side toMove;
    private Score score = Score.zero();
    private int computerFailures;
    private Outcome outcome;

    private Game(ChainRules rules, GameConfig config, long seed) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        this.toMove = config.opener();
    }

    /** A game with seed 0. */
    public static Game start(ChainRules rules, GameConfig config) {
        return start(rules, config, 0);
    }

    /** A game whose computer player, if it samples, draws from {@code seed} (see {@link Turn#random()}). */
    public static Game start(ChainRules rules, GameConfig config, long seed) {
        return new Game(rules, config, seed);
    }

    // ---------------------------------------------------------------------------------------------
    // state

    public GameConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    /** Whose turn it is (after the game ended: whose turn it would have been). */
    public Side toMove() {
        return toMove;
    }

    public boolean isOver() {
        return outcome != null;
    }

    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** What the next idiom must start with; empty before the first accepted move. */
    public Optional<Requirement> requirement() {
        return lastIdiom().map(last -> Requirement.after(last, config.mode()));
    }

    public Optional<Idiom> lastIdiom() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
    }

    /** Every move, accepted idioms and failed computer answers, oldest first. */
    public List<Move> history() {
        return Collections.unmodifiableList(history);
    }

    /** The accepted idioms, oldest first. */
    public List<Idiom> chain() {
        return Collections.unmodifiableList(chain);
    }

    public Set<String> used() {
        return Collections.unmodifiableSet(used.keySet());
    }

    public Score score() {
        return score;
    }

    public int computerFailures() {
        return computerFailures;
    }

    /** The valid unused continuations for the side to move, best first for the game's difficulty. */
    public Candidates candidates() {
        return rules.candidates(config.mode(), requirement(), used.keySet(), config.difficulty());
    }

    /** No idiom of the dictionary at all meets the current requirement ("no idiom starts with 那个字"). */
    public boolean isDeadEnd() {
        return requirement().map(rules::isDeadEnd).orElse(false);
    }

    // ---------------------------------------------------------------------------------------------
    // moves

    /** The human's move: normalise, validate, apply. A refusal leaves the position as it was. */
    public MoveResult playHuman(String raw) {
        Optional<Rejection> turn = turnProblem(Side.HUMAN);
        if (turn.isPresent()) {
            return refused(turn.get());
        }
        String typed = raw == null ? "" : raw;
        if (typed.length() > ChainRules.MAX_INPUT_LENGTH) {
            return refusedHuman(Rejection.of(RejectionReason.TOO_LONG, "",
                    Integer.toString(ChainRules.MAX_INPUT_LENGTH)), false);
        }
        CheckedInput input = TextNormalizer.checkIdiom(typed, rules.corpus());
        Optional<Rejection> problem = check(input);
        if (problem.isPresent()) {
            return refusedHuman(problem.get(), input.convertedFromTraditional());
        }
        return accept(Side.HUMAN, input.idiom().orElseThrow(), input.convertedFromTraditional());
    }

    /**
     * The position as the side to move sees it: what a {@link ComputerPlayer} answers, and what a hint
     * search for the human starts from.
     */
    public Turn turn() {
        if (isOver()) {
            throw new IllegalStateException("the game is over");
        }
        Candidates candidates = candidates();
        Set<String> excluded = new HashSet<>(used.keySet());
        // idioms a decoder could reach from an allowed first character that are no valid move here: read
        // another way (同音 modes), or at the opening nothing could follow them
        for (char first : candidates.firstCharacters()) {
            for (Idiom idiom : rules.corpus().startingWith(first)) {
                if (!candidates.contains(idiom.word())) {
                    excluded.add(idiom.word());
                }
            }
        }
        return new Turn(config, chain, requirement(), used.keySet(), candidates, excluded, turnSeed());
    }

    /** The game's seed mixed with the move number (SplitMix64's finaliser), so each turn draws differently. */
    private long turnSeed() {
        long z = seed + (history.size() + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Asks {@code player} for the computer's move and plays it. */
    public MoveResult computerMove(ComputerPlayer player) {
        Optional<Rejection> turn = turnProblem(Side.COMPUTER);
        if (turn.isPresent()) {
            return refused(turn.get());
        }
        return playComputer(player.reply(turn()));
    }

    /**
     * The computer's answer (empty: it has none). A valid idiom is played; anything else is recorded as a
     * failed move, the turn passes back to the human and the chain stays where it was.
     */
    public MoveResult playComputer(Optional<String> answer) {
        Optional<Rejection> turn = turnProblem(Side.COMPUTER);
        if (turn.isPresent()) {
            return refused(turn.get());
        }
        String raw = truncate(answer.orElse(""));
        CheckedInput input = TextNormalizer.checkIdiom(raw, rules.corpus());
        Optional<Rejection> problem = check(input);
        if (problem.isEmpty()) {
            return accept(Side.COMPUTER, input.idiom().orElseThrow(), input.convertedFromTraditional());
        }
        Move failed = new Move(history.size() + 1, Side.COMPUTER, input.text(), Optional.empty(), problem);
        history.add(failed);
        events.add("X" + escape(raw));
        computerFailures++;
        toMove = Side.HUMAN;
        if (computerFailures >= MAX_COMPUTER_FAILURES) {
            outcome = new Outcome(Side.HUMAN, EndReason.TOO_MANY_FAILURES, Optional.empty());
        }
        return new MoveResult(Optional.of(failed), problem, Optional.ofNullable(outcome), false);
    }

    /**
     * Up to {@code limit} valid continuations for the human, well-known idioms first, and notes that a hint
     * was used (it ends the streak). Empty, and not noted, when it is not the human's turn.
     */
    public List<Candidate> hint(int limit) {
        if (isOver() || toMove != Side.HUMAN) {
            return List.of();
        }
        recordHint();
        return rules.candidates(config.mode(), requirement(), used.keySet(), Difficulty.EASY).top(limit);
    }

    /** Notes that the human was shown a hint (for services that rank hints themselves, e.g. by the model). */
    public void recordHint() {
        if (!isOver() && toMove == Side.HUMAN) {
            score = score.afterHint();
            events.add("h");
        }
    }

    /** The human gives up and loses; returns the outcome (the existing one if the game had already ended). */
    public Outcome giveUp() {
        if (outcome == null) {
            outcome = new Outcome(Side.COMPUTER, EndReason.GAVE_UP, requirement());
            events.add("g");
        }
        return outcome;
    }

    private Optional<Rejection> turnProblem(Side side) {
        if (isOver()) {
            return Optional.of(Rejection.of(RejectionReason.GAME_OVER, "", ""));
        }
        if (toMove != side) {
            return Optional.of(Rejection.of(RejectionReason.NOT_YOUR_TURN, "", ""));
        }
        return Optional.empty();
    }

    /** The input problems, then start and repeat, then (for the opening move) that something can follow. */
    private Optional<Rejection> check(CheckedInput input) {
        if (!input.ok()) {
            return Optional.of(Rejection.of(RejectionReason.of(input.problem()), input.text(), input.detail()));
        }
        Idiom idiom = input.idiom().orElseThrow();
        Optional<Requirement> required = requirement();
        if (required.isPresent() && !required.get().isMetBy(idiom)) {
            return Optional.of(new Rejection(RejectionReason.WRONG_START, idiom.word(), "", required,
                    Optional.of(idiom), Optional.empty()));
        }
        Move earlier = used.get(idiom.word());
        if (earlier != null) {
            return Optional.of(new Rejection(RejectionReason.ALREADY_USED, idiom.word(), "", required,
                    Optional.of(idiom), Optional.of(earlier)));
        }
        if (chain.isEmpty() && rules.remainingContinuations(idiom, config.mode(), used.keySet()) == 0) {
            return Optional.of(new Rejection(RejectionReason.NO_CONTINUATION, idiom.word(), "",
                    Optional.of(Requirement.after(idiom, config.mode())), Optional.of(idiom), Optional.empty()));
        }
        return Optional.empty();
    }

    private MoveResult accept(Side side, Idiom idiom, boolean converted) {
        Move move = new Move(history.size() + 1, side, idiom.word(), Optional.of(idiom), Optional.empty());
        history.add(move);
        chain.add(idiom);
        used.put(idiom.word(), move);
        events.add(side.code + idiom.word());
        if (side == Side.HUMAN) {
            score = score.afterAccepted();
        }
        toMove = side.other();
        Requirement next = Requirement.after(idiom, config.mode());
        if (!rules.canContinue(next, used.keySet())) {
            EndReason reason = rules.isDeadEnd(next) ? EndReason.DEAD_END : EndReason.EXHAUSTED;
            outcome = new Outcome(side, reason, Optional.of(next));
        }
        return new MoveResult(Optional.of(move), Optional.empty(), Optional.ofNullable(outcome), converted);
    }

    private MoveResult refusedHuman(Rejection rejection, boolean converted) {
        if (rejection.reason().breaksStreak()) {
            score = score.afterRejected();
            events.add("r");
        }
        return new MoveResult(Optional.empty(), Optional.of(rejection), Optional.empty(), converted);
    }

    private static MoveResult refused(Rejection rejection) {
        return new MoveResult(Optional.empty(), Optional.of(rejection), Optional.empty(), false);
    }

    private static String truncate(String text) {
        return text.codePointCount(0, text.length()) <= MAX_FAILED_TEXT
                ? text : text.substring(0, text.offsetByCodePoints(0, MAX_FAILED_TEXT));
    }

    // ---------------------------------------------------------------------------------------------
    // saved form

    /** The compact saved form, e.g. {@code J1CEHG#2a:H一心一意,C意气风发}; see the class comment. */
    public String save() {
        return FORMAT + config.mode().code + config.difficulty().code + config.opener().code
                + (config.guided() ? 'G' : 'F') + (seed == 0 ? "" : "#" + Long.toHexString(seed))
                + ":" + String.join(",", events);
    }

    /** The game {@code saved} describes, replayed move by move; refuses anything the rules would not allow. */
    public static Game restore(ChainRules rules, String saved) {
        String header = FORMAT + "????:";
        int colon = saved == null ? -1 : saved.indexOf(':');
        if (saved == null || saved.length() < header.length() || !saved.startsWith(FORMAT)
                || colon < header.length() - 1
                || colon > header.length() - 1 && saved.charAt(header.length() - 1) != '#') {
            throw new IllegalArgumentException("not a saved game (expected " + header + "…): " + shorten(saved));
        }
        long seed = 0;
        if (colon > header.length() - 1) {
            try {
                seed = Long.parseUnsignedLong(saved.substring(header.length(), colon), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("saved game: the seed is not a hexadecimal number: "
                        + shorten(saved.substring(header.length(), colon)));
            }
        }
        char guided = saved.charAt(FORMAT.length() + 3);
        if (guided != 'G' && guided != 'F') {
            throw new IllegalArgumentException("unknown guided code '" + guided + "', expected G or F");
        }
        GameConfig config = new GameConfig(MatchMode.ofCode(saved.charAt(FORMAT.length())),
                Difficulty.ofCode(saved.charAt(FORMAT.length() + 1)), Side.ofCode(saved.charAt(FORMAT.length() + 2)),
                guided == 'G');
        Game game = new Game(rules, config, seed);
        String body = saved.substring(colon + 1);
        if (body.isEmpty()) {
            return game;
        }
        String[] events = body.split(",", -1);
        for (int i = 0; i < events.length; i++) {
            String event = events[i];
            if (event.isEmpty()) {
                throw new IllegalArgumentException("saved game: event " + (i + 1) + " is empty");
            }
            if (game.isOver()) {
                throw new IllegalArgumentException("saved game: event " + (i + 1) + " comes after the end");
            }
            String payload = event.substring(1);
            switch (event.charAt(0)) {
                case 'H' -> expect(game.playHuman(payload), true, i, event);
                case 'C' -> expect(game.playComputer(Optional.of(payload)), true, i, event);
                case 'X' -> expect(game.playComputer(Optional.of(unescape(payload))), false, i, event);
                case 'r' -> game.replayRefusal(i);
                case 'h' -> game.replayHint(i);
                case 'g' -> game.giveUp();
                default -> throw new IllegalArgumentException(
                        "saved game: unknown event '" + event.charAt(0) + "' at " + (i + 1));
            }
        }
        return game;
    }

    private static void expect(MoveResult result, boolean accepted, int index, String event) {
        if (result.accepted() != accepted || result.move().isEmpty()) {
            throw new IllegalArgumentException("saved game: event " + (index + 1) + " '" + event + "' "
                    + (accepted ? "is refused: " + result.rejection().map(Rejection::reason).orElse(null)
                            : "is not a failed answer"));
        }
    }

    private void replayRefusal(int index) {
        if (toMove != Side.HUMAN) {
            throw new IllegalArgumentException("saved game: refusal at " + (index + 1) + " on the computer's turn");
        }
        score = score.afterRejected();
        events.add("r");
    }

    private void replayHint(int index) {
        if (toMove != Side.HUMAN) {
            throw new IllegalArgumentException("saved game: hint at " + (index + 1) + " on the computer's turn");
        }
        recordHint();
    }

    static String escape(String text) {
        return text.replace("%", "%25").replace(",", "%2C");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("%25", i)) {
                out.append('%');
                i += 2;
            } else if (text.startsWith("%2C", i)) {
                out.append(',');
                i += 2;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() <= 24 ? s : s.substring(0, 23) + "…";
    }
}
