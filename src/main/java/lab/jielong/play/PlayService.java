package lab.jielong.play;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.decode.IdiomTrie;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.io.ShippedModels;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MoveResult;
import lab.jielong.game.Outcome;
import lab.jielong.game.Side;
import lab.jielong.game.Turn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Play page's service: games of 成语接龙 against the decoder, hints ranked by the model, and the
 * side panel's attention data (decoder vs peeking model).
 *
 * <p>The models are shared and read-only, loaded on first use; every call opens its own inference sessions,
 * so calls may run on many threads. A {@link Game} is not thread-safe: callers serialise calls on one game (a Vaadin view
 * does, under its session lock). Input size is bounded by the rules ({@link ChainRules#MAX_INPUT_LENGTH}).
 */
@Service
public class PlayService {

    /** Hints shown at once. */
    public static final int HINTS = 5;

    private final ChainRules rules;
    /** The models, loaded on first use: the rules work without them, and start-up does not wait for them. */
    private final Supplier<Models> models;

    /** The shared, read-only models and what is built from them once. */
    private record Models(Gpt decoder, Gpt peeking, Vocabulary vocabulary, IdiomTrie dictionary) {
    }

    /** With the shipped models ({@code /models/decoder.ckpt}, {@code /models/peeking.ckpt} on the classpath). */
    @Autowired
    public PlayService(IdiomCorpus corpus) {
        this(corpus, memoize(() -> shipped(corpus)));
    }

    /** With these models (tests, benchmarks). */
    PlayService(IdiomCorpus corpus, Gpt decoder, Gpt peeking, Vocabulary vocabulary) {
        this(corpus, constant(check(corpus, decoder, peeking, vocabulary)));
    }

    private PlayService(IdiomCorpus corpus, Supplier<Models> models) {
        this.rules = new ChainRules(Objects.requireNonNull(corpus, "corpus"));
        this.models = models;
    }

    private static Models shipped(IdiomCorpus corpus) {
        ShippedModels shipped = ShippedModels.fromClasspath();
        Vocabulary vocabulary = shipped.vocabulary(ShippedModels.DECODER);
        if (!shipped.vocabulary(ShippedModels.PEEKING).characters().equals(vocabulary.characters())) {
            throw new IllegalStateException("the shipped decoder and peeking model have different vocabularies");
        }
        return check(corpus, shipped.model(ShippedModels.DECODER), shipped.model(ShippedModels.PEEKING), vocabulary);
    }

    private static Supplier<Models> constant(Models models) {
        return () -> models;
    }

    private static Models check(IdiomCorpus corpus, Gpt decoder, Gpt peeking, Vocabulary vocabulary) {
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(peeking, "peeking");
        Objects.requireNonNull(vocabulary, "vocabulary");
        if (!decoder.config.causal() || peeking.config.causal()) {
            throw new IllegalArgumentException("expected a decoder (causal) and a peeking model, got "
                    + decoder.config.describe() + " and " + peeking.config.describe());
        }
        for (Gpt model : List.of(decoder, peeking)) {
            if (model.config.vocabSize() != vocabulary.size()) {
                throw new IllegalArgumentException(model.config.describe() + " does not match the vocabulary of "
                        + vocabulary.size() + " tokens");
            }
        }
        return new Models(decoder, peeking, vocabulary,
                new IdiomTrie(vocabulary, corpus.idioms().stream().map(Idiom::word).toList()));
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    // ---------------------------------------------------------------------------------------------
    // values

    /** Called for each character of the computer's answer as the decoder produces it. */
    @FunctionalInterface
    public interface CharacterListener {
        /**
         * @param character   the character
         * @param index       0..3 within the answer
         * @param probability the decoder's probability for it (guided: renormalised over the allowed characters)
         */
        void onCharacter(char character, int index, double probability);
    }

    /**
     * The computer's move.
     *
     * @param result        what the game made of it: accepted, or a failed move (unguided answers only)
     * @param answer        the text the decoder produced
     * @param guided        whether decoding was restricted to valid unused idioms
     * @param idiom         the answer is a dictionary idiom (it may still break the rules: wrong start, used)
     * @param probabilities the decoder's probability of each character, as streamed
     * @param trace         the decoder's side of the panel, recorded while it wrote: pass it to {@link #panel(ComputerMove)}
     * @param nanos         server time of the move (generate with attention recorded, validate, apply)
     */
    public record ComputerMove(MoveResult result, String answer, boolean guided, boolean idiom,
                               List<Double> probabilities, Optional<DecoderTrace> trace, long nanos) {

        /** The product of the character probabilities: for guided play the share among valid idioms. */
        public double probability() {
            return probabilities.stream().mapToDouble(Double::doubleValue).reduce(1, (a, b) -> a * b);
        }
    }

    /**
     * A hint: a valid unused continuation with the decoder's probability for it, renormalised over the valid
     * continuations.
     */
    public record Hint(Idiom idiom, double probability) {
    }

    /**
     * What the decoder read and wrote in a move, recorded on the way, so the panel needs no second decoder run.
     * Holds the move's inference session until the panel has been made; safe to use from one thread at a time.
     */
    public static final class DecoderTrace {
        private final InferenceSession session;
        private int[] unfed;
        private boolean beforeLastUnfed;
        private float[] beforeLast;
        private float[][][][] attention;

        /**
         * @param unfed           tokens the move chose but did not feed (the model had nothing left to decide)
         * @param beforeLastUnfed the distribution before the last unfed token is still to be read
         * @param beforeLast      that distribution, when the move already read it (free decoding)
         */
        DecoderTrace(InferenceSession session, int[] unfed, boolean beforeLastUnfed, float[] beforeLast) {
            this.session = session;
            this.unfed = unfed;
            this.beforeLastUnfed = beforeLastUnfed && unfed.length > 0;
            this.beforeLast = beforeLast;
        }

        /** {@code BOS X SEP} and the answer. */
        public synchronized int[] tokens() {
            int[] fed = session.tokens();
            int[] all = java.util.Arrays.copyOf(fed, fed.length + unfed.length);
            System.arraycopy(unfed, 0, all, fed.length, unfed.length);
            return all;
        }

        /** The decoder's attention over {@link #tokens()}, [layer][head][T][T]. */
        public synchronized float[][][][] attention() {
            complete();
            return attention;
        }

        /** The decoder's unrestricted next-token distribution before the answer's last character; null if none. */
        public synchronized float[] beforeLast() {
            complete();
            return beforeLast;
        }

        /** Feeds what the move left unfed, reading the distribution before the last token on the way. */
        private void complete() {
            if (attention != null) {
                return;
            }
            if (unfed.length > 0) {
                int n = unfed.length;
                if (n > 1) {
                    session.feed(unfed, 0, n - 1);
                }
                if (beforeLastUnfed) {
                    beforeLast = session.probabilities();
                }
                session.feed(unfed, n - 1, 1);
                unfed = new int[0];
            }
            attention = PeekPanel.trim(session.attention(), session.length());
        }
    }

    /** A next-token guess: the token (a character or {@code <sep>}) and its probability. */
    public record Prediction(String token, double probability) {
    }

    /**
     * The side panel for one chain text.
     *
     * @param tokens            the tokens of the text as the models read it: {@code <bos> 一 心 一 意 <sep> 意 …}
     * @param decoderAttention  [layer][head][T][T] of the decoder (row t: what t attends to; zero right of t)
     * @param peekingAttention  [layer][head][T][T] of the peeking model on the full text
     * @param futureShareByHead [layer][head][T]: the share of the peeking model's attention at t on positions after t
     * @param futureShare       [T]: the same, averaged over layers and heads
     * @param future            at one position, both models' guesses with the future removed
     */
    public record Panel(List<String> tokens, float[][][][] decoderAttention, float[][][][] peekingAttention,
                        double[][][] futureShareByHead, double[] futureShare, Optional<FutureRemoved> future) {
    }

    /**
     * Position {@code position} with everything after it cut off.
     *
     * @param position         the last position the models see
     * @param actual           the token that really comes next in the text
     * @param peeking          the peeking model's most likely next token (it was trained seeing the answer)
     * @param decoder          the decoder's most likely next token
     * @param peekingOnActual  the peeking model's probability for the actual next token
     * @param decoderOnActual  the decoder's probability for it
     */
    public record FutureRemoved(int position, String actual, Prediction peeking, Prediction decoder,
                                double peekingOnActual, double decoderOnActual) {
    }

    // ---------------------------------------------------------------------------------------------
    // games

    public ChainRules rules() {
        return rules;
    }

    /** A new game; when the computer opens, ask for {@link #computerMove} next. */
    public Game newGame(GameConfig config) {
        return Game.start(rules, config);
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
        long start = System.nanoTime();
        if (game.isOver() || game.toMove() != Side.COMPUTER) {
            MoveResult refused = game.playComputer(Optional.empty());   // refused, changes nothing
            return new ComputerMove(refused, "", game.config().guided(), false, List.of(), Optional.empty(),
                    System.nanoTime() - start);
        }
        Models m = models.get();
        Turn turn = game.turn();
        DecoderMoves.Written written = turn.config().guided()
                ? DecoderMoves.guided(m.decoder(), m.vocabulary(), m.dictionary(), turn, listener)
                : DecoderMoves.free(m.decoder(), m.vocabulary(), turn, listener);
        MoveResult result = game.playComputer(Optional.of(written.text()));
        return new ComputerMove(result, written.text(), turn.config().guided(), rules.corpus().contains(written.text()),
                written.probabilities(), Optional.of(written.trace()), System.nanoTime() - start);
    }

    /**
     * Up to {@code limit} valid continuations for the visitor, most probable for the decoder first; counts as
     * a hint (it ends the streak). Empty when it is not the visitor's turn.
     */
    public List<Hint> hint(Game game, int limit) {
        if (game.isOver() || game.toMove() != Side.HUMAN || limit <= 0) {
            return List.of();
        }
        Models m = models.get();
        List<Hint> hints = DecoderMoves.mostProbable(m.decoder(), m.vocabulary(), m.dictionary(), game.turn(),
                rules.corpus(), Math.min(limit, 50));
        game.recordHint();
        return hints;
    }

    public Outcome giveUp(Game game) {
        return game.giveUp();
    }

    // ---------------------------------------------------------------------------------------------
    // side panel

    /**
     * The panel for the game's last two idioms ({@code BOS X SEP Y}), examining the position before the last
     * character (where the peeking model, trained seeing the answer, looks at it).
     */
    public Panel panel(Game game) {
        int[] tokens = ChainTokens.text(game.chain(), models.get().vocabulary());
        return panel(tokens, tokens.length - 2);
    }

    /**
     * The panel for what the decoder read and wrote in {@code move}: its recorded attention plus the peeking
     * model's runs (the same numbers as {@link #panel(Game)} right after the move, one decoder run fewer).
     */
    public Panel panel(ComputerMove move) {
        DecoderTrace trace = move.trace().orElseThrow(() -> new IllegalArgumentException("the move was refused"));
        int[] tokens = trace.tokens();
        int position = trace.beforeLast() == null ? -1 : tokens.length - 2;
        return panelOf(tokens, trace.attention(), position, trace.beforeLast());
    }

    /** The same at {@code position}, a token index (out of range: no future-removed guesses). */
    public Panel panel(Game game, int position) {
        return panel(ChainTokens.text(game.chain(), models.get().vocabulary()), position);
    }

    Panel panel(int[] tokens, int position) {
        PeekPanel.Run causal = PeekPanel.run(models.get().decoder(), tokens, position);
        return panelOf(tokens, causal.attention(), position, causal.probabilitiesAfterPosition());
    }

    /** The panel from the decoder's side (already computed) plus the peeking model's runs. */
    private Panel panelOf(int[] tokens, float[][][][] decoderAttention, int position, float[] decoderAfterPosition) {
        boolean cut = decoderAfterPosition != null && position >= 0 && position < tokens.length - 1;
        Vocabulary vocabulary = models.get().vocabulary();
        PeekPanel.Run full = PeekPanel.run(models.get().peeking(), tokens, cut ? position : -1);
        double[][][] byHead = PeekPanel.futureShareByHead(full.attention());
        Optional<FutureRemoved> future = Optional.empty();
        if (cut) {
            int actual = tokens[position + 1];
            float[] p = full.probabilitiesAfterPosition();
            float[] d = decoderAfterPosition;
            int pBest = PeekPanel.argmax(p);
            int dBest = PeekPanel.argmax(d);
            future = Optional.of(new FutureRemoved(position, vocabulary.token(actual),
                    new Prediction(vocabulary.token(pBest), p[pBest]), new Prediction(vocabulary.token(dBest), d[dBest]),
                    p[actual], d[actual]));
        }
        return new Panel(ChainTokens.names(tokens, vocabulary), decoderAttention, full.attention(), byHead,
                PeekPanel.futureShare(byHead), future);
    }
}
