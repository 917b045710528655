package lab.jielong.play;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.Move;
import lab.jielong.game.MoveResult;
import lab.jielong.game.Outcome;
import lab.jielong.game.Rejection;
import lab.jielong.game.Side;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import lab.jielong.work.Busy;
import lab.jielong.work.ModelWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The Play page's service: games of 成语接龙 against the decoder, hints ranked by the model, and the
 * side panel's attention data (decoder vs peeking model).
 *
 * <p>The models come from {@link ModelService#current()} at each call (the shipped ones, or the visitor's
 * own); they are shared and read-only, and every call opens its own inference sessions, so calls may run
 * on many threads. A {@link Game} is not thread-safe: callers serialise calls on one game (a Vaadin view
 * does, under its session lock). Input size is bounded by the rules ({@link ChainRules#MAX_INPUT_LENGTH}).
 *
 * <p>Every model computation (the computer's move, hints, the panel, the unaided answers) runs on the server's
 * one bounded executor ({@link ModelWork}), which may refuse it with {@link Busy}; the caller waits for it, so
 * its game is still changed by one thread at a time. The hint search expands at most {@code jielong.play.hint-budget}
 * trie nodes.
 */
@Service
public class PlayService {

    /** Hints shown at once. */
    public static final int HINTS = 5;
    /**
     * Trie nodes one hint search may expand (each copies one inference session, about 210 KB with the shipped
     * decoder, and feeds it a token). Measured with {@code bench --section hints}: five hints took at most 34 over
     * 100 searches of real games, and 12 at the median; 64 leaves room and holds at most 14 MB of sessions (their run
     * scratch is shared: {@code InferenceSession.Scratch}).
     */
    public static final int HINT_BUDGET = 64;

    private final ChainRules rules;
    private final ModelService models;
    private final ModelWork work;
    private final int hintBudget;
    private final RandomGenerator seeds = new SecureRandom();

    /** For commands and tests: model work in the caller's thread, the default hint budget. */
    public PlayService(IdiomCorpus corpus, ModelService models) {
        this(corpus, models, ModelWork.direct(), HINT_BUDGET);
    }

    @Autowired
    public PlayService(IdiomCorpus corpus, ModelService models, ModelWork work,
            @Value("${jielong.play.hint-budget:" + HINT_BUDGET + "}") int hintBudget) {
        this.rules = new ChainRules(Objects.requireNonNull(corpus, "corpus"));
        this.models = Objects.requireNonNull(models, "models");
        this.work = Objects.requireNonNull(work, "work");
        if (hintBudget < 1) {
            throw new IllegalArgumentException("jielong.play.hint-budget must be positive, got " + hintBudget);
        }
        this.hintBudget = hintBudget;
    }

    // ---------------------------------------------------------------------------------------------
    // games

    public ChainRules rules() {
        return rules;
    }

    /**
     * A new game with a fresh random seed (the computer samples its answers, so games vary); when the computer
     * opens, ask for {@link #computerMove} next.
     */
    public Game newGame(GameConfig config) {
        return newGame(config, seeds.nextLong());
    }

    /** A new game whose computer draws its answers from {@code seed}: the same seed, the same answers. */
    public Game newGame(GameConfig config, long seed) {
        return Game.start(rules, config, seed);
    }

    /** The game a saved string describes (the view keeps {@link Game#save()} in the session). */
    public Game restore(String saved) {
        return Game.restore(rules, saved);
    }

    /** The visitor's move: normalised, validated and applied by the rules. */
    public MoveResult playHuman(Game game, String typed) {
        return game.playHuman(typed);
    }

    /**
     * The computer's move: the decoder writes it character by character, calling {@code listener} for each.
     * Guided (the default), it can only write a valid unused idiom, weighed by the difficulty; unguided, it
     * answers unaided and the game records an invalid answer as a failed move and goes on.
     */
    public ComputerMove computerMove(Game game, CharacterListener listener) {
        Models m = models.current();                              // the visitor's, found on the caller's thread
        return work.call(() -> computerMove(m, game, listener));
    }

    private ComputerMove computerMove(Models m, Game game, CharacterListener listener) {
        long start = System.nanoTime();
        DecoderPlayer decoder = new DecoderPlayer(m, listener);
        MoveResult result = game.computerMove(decoder);           // out of turn: refused, the decoder not asked
        Optional<DecoderMoves.Written> written = decoder.written();
        String answer = written.map(DecoderMoves.Written::text).orElse("");
        return new ComputerMove(result, answer, game.config().guided(),
                written.isPresent() && rules.corpus().contains(answer),
                written.map(DecoderMoves.Written::probabilities).orElse(List.of()),
                written.map(DecoderMoves.Written::trace), System.nanoTime() - start);
    }

    /**
     * Up to {@code limit} valid continuations for the visitor, most probable for the decoder first; counts as
     * a hint (it ends the streak). Empty when it is not the visitor's turn.
     */
    public List<Hint> hint(Game game, int limit) {
        if (game.isOver() || game.toMove() != Side.HUMAN || limit <= 0) {
            return List.of();
        }
        List<Hint> hints = searchHints(game, limit, hintBudget).hints();
        game.recordHint();
        return hints;
    }

    /**
     * The hint search with its cost, at most {@code budget} trie nodes expanded, without counting as a hint (for
     * {@code bench}). Empty when it is not the visitor's turn.
     */
    public HintSearch searchHints(Game game, int limit, int budget) {
        if (game.isOver() || game.toMove() != Side.HUMAN || limit <= 0) {
            return new HintSearch(List.of(), 0, 0, 0, false, 0);
        }
        Models m = models.current();
        return work.call(() -> DecoderMoves.mostProbable(m.decoder(), m.vocabulary(), m.dictionary(), game.turn(),
                rules.corpus(), Math.min(limit, 50), budget));
    }

    /** The hint search's budget: trie nodes expanded at most ({@code jielong.play.hint-budget}). */
    public int hintBudget() {
        return hintBudget;
    }

    public Outcome giveUp(Game game) {
        return game.giveUp();
    }

    /**
     * A chain replayed through the rules, so that the computer is to move after it.
     *
     * @param game     the game after the chain (the sides alternate, the computer answers the last idiom;
     *                 an empty chain: the computer opens)
     * @param problem  why the rules refused the idiom at {@code failedAt}, if one was refused (then {@code game}
     *                 is not to be played on)
     * @param failedAt index in the chain of the refused idiom, -1 when all were accepted
     */
    public record Replay(Game game, Optional<Rejection> problem, int failedAt) {
    }

    /**
     * Plays {@code chain} (idioms as typed, each checked as a move) into a new game with {@code config}'s mode,
     * difficulty and guidance; who opened follows from the chain's length. Used idioms are the chain's.
     */
    public Replay replay(List<String> chain, GameConfig config) {
        Side opener = chain.size() % 2 == 0 ? Side.COMPUTER : Side.HUMAN;
        Game game = Game.start(rules, config.withOpener(opener));
        for (int i = 0; i < chain.size(); i++) {
            MoveResult result = game.toMove() == Side.HUMAN
                    ? game.playHuman(chain.get(i))
                    : game.playComputer(Optional.of(chain.get(i)));   // refused: recorded as failed, reported
            if (!result.accepted()) {
                return new Replay(game, result.rejection(), i);
            }
        }
        return new Replay(game, Optional.empty(), -1);
    }

    // ---------------------------------------------------------------------------------------------
    // side panel

    /**
     * At the computer's turn, what each model writes unaided for it: both the decoder and the peeking model
     * decode greedily over the whole vocabulary (at most four characters, stopping at a special token) from the
     * move's prompt, and each answer is judged by the rules as if played here (on a copy of the game). Empty when
     * it is not the computer's turn. The game is not changed.
     */
    public Optional<FreeAnswers> freeAnswers(Game game) {
        return freeAnswersWork(models.current(), game).map(work::call);
    }

    /** The work of {@link #freeAnswers} with models {@code m}, reading the game now; empty when there is none. */
    private Optional<Supplier<FreeAnswers>> freeAnswersWork(Models m, Game game) {
        if (game.isOver() || game.toMove() != Side.COMPUTER) {
            return Optional.empty();
        }
        int[] prompt = ChainTokens.prompt(game.chain(), m.vocabulary());
        String position = game.save();
        return Optional.of(() -> new FreeAnswers(ChainTokens.names(prompt, m.vocabulary()),
                freeAnswer(m.decoder(), m.vocabulary(), prompt, position),
                freeAnswer(m.peeking(), m.vocabulary(), prompt, position)));
    }

    private FreeAnswers.Answer freeAnswer(Gpt model, Vocabulary vocabulary, int[] prompt, String position) {
        InferenceSession session = model.newSession().lastOutputOnly();
        session.feed(prompt);
        Decoding.Answer answer = Decoding.free(session, vocabulary, Idiom.LENGTH, Sampler.greedy(), null);
        MoveResult judged = Game.restore(rules, position).playComputer(Optional.of(answer.text()));
        boolean valid = judged.move().map(Move::accepted).orElse(false);
        Optional<Rejection> why = valid ? Optional.empty()
                : judged.move().flatMap(Move::failure).or(judged::rejection);
        return new FreeAnswers.Answer(answer.text(), ChainTokens.names(answer.tokens(), vocabulary), valid, why);
    }

    /**
     * The panel for the game's last two idioms ({@code BOS X SEP Y}), examining the position before the last
     * character (where the peeking model, trained seeing the answer, looks at it).
     */
    public Panel panel(Game game) {
        Models m = models.current();
        int[] tokens = ChainTokens.text(game.chain(), m.vocabulary());
        return work.call(() -> panel(m, tokens, tokens.length - 2));
    }

    /**
     * The panel for what the decoder read and wrote in {@code move}: its recorded attention plus the peeking
     * model's runs (the same numbers as {@link #panel(Game)} right after the move, one decoder run fewer).
     */
    public Panel panel(ComputerMove move) {
        return work.call(panelWork(models.current(), move));
    }

    private Supplier<Panel> panelWork(Models m, ComputerMove move) {
        DecoderTrace trace = move.trace().orElseThrow(() -> new IllegalArgumentException("the move was refused"));
        int[] tokens = trace.tokens();
        int position = trace.beforeLast() == null ? -1 : tokens.length - 2;
        return () -> panelOf(m, tokens, trace.attention(), position, trace.beforeLast());
    }

    /** What the page shows once the computer's answer is written: the side panel, both models' unaided answers. */
    public record AfterMove(Panel panel, Optional<FreeAnswers> freeAnswers) {
    }

    /**
     * {@link #panel(ComputerMove)} and {@link #freeAnswers} for {@code before} (the position the move answered), as
     * one piece of model work that starts now and is not waited for ({@link ModelWork#submit}): a page shows it
     * when it is done, without holding a thread while it runs. The models are the current visitor's, found on the
     * caller's thread; {@code before} is read now, so the caller may change its own game meanwhile.
     */
    public CompletableFuture<AfterMove> afterMove(ComputerMove move, Game before) {
        Models m = models.current();
        Supplier<Panel> panel = panelWork(m, move);
        Optional<Supplier<FreeAnswers>> answers = freeAnswersWork(m, before);
        return work.submit(() -> new AfterMove(panel.get(), answers.map(Supplier::get)));
    }

    /**
     * The panel for any text (normalised Chinese, at most a few idioms long), laid out as a chain
     * ({@code BOS c1 c2 c3 c4 SEP c5 …}), examining the position before the last character.
     */
    public Panel panel(String text) {
        Models m = models.current();
        int[] tokens = ChainFormat.encode(text, m.vocabulary(), false);
        if (tokens.length > m.decoder().config.context() || tokens.length > m.peeking().config.context()) {
            throw new IllegalArgumentException(
                    "text of " + text.length() + " characters does not fit the models' context");
        }
        return work.call(() -> panel(m, tokens, tokens.length - 2));
    }

    /** The same at {@code position}, a token index (out of range: no future-removed guesses). */
    public Panel panel(Game game, int position) {
        Models m = models.current();
        int[] tokens = ChainTokens.text(game.chain(), m.vocabulary());
        return work.call(() -> panel(m, tokens, position));
    }

    private Panel panel(Models m, int[] tokens, int position) {
        PeekPanel.Run causal = PeekPanel.run(m.decoder(), tokens, position);
        return panelOf(m, tokens, causal.attention(), position, causal.probabilitiesAfterPosition());
    }

    /** The panel from the decoder's side (already computed) plus the peeking model's runs. */
    private Panel panelOf(Models m, int[] tokens, float[][][][] decoderAttention, int position,
            float[] decoderAfterPosition) {
        boolean cut = decoderAfterPosition != null && position >= 0 && position < tokens.length - 1;
        Vocabulary vocabulary = m.vocabulary();
        PeekPanel.Run full = PeekPanel.run(m.peeking(), tokens, cut ? position : -1);
        double[][][] byHead = PeekPanel.futureShareByHead(full.attention());
        Optional<FutureRemoved> future = Optional.empty();
        if (cut) {
            int actual = tokens[position + 1];
            float[] p = full.probabilitiesAfterPosition();
            float[] d = decoderAfterPosition;
            int pBest = PeekPanel.argmax(p);
            int dBest = PeekPanel.argmax(d);
            future = Optional.of(new FutureRemoved(position, vocabulary.token(actual),
                    new Prediction(vocabulary.token(pBest), p[pBest]),
                    new Prediction(vocabulary.token(dBest), d[dBest]),
                    p[actual], d[actual]));
        }
        return new Panel(ChainTokens.names(tokens, vocabulary), decoderAttention, full.attention(), byHead,
                PeekPanel.futureShare(byHead), future);
    }
}
