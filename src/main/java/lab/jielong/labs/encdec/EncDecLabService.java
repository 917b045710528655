package lab.jielong.labs.encdec;

import com.fasterxml.jackson.databind.JsonNode;
import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.PairSampler;
import lab.jielong.corpus.SpanCorruption;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.EncDecSession;
import lab.jielong.engine.EncoderDecoder;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.engine.io.EncDecCheckpoint;
import lab.jielong.engine.io.ShippedModels;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.Move;
import lab.jielong.game.MoveResult;
import lab.jielong.game.Rejection;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import lab.jielong.work.ModelWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The encoder-decoder lab: the shipped encoder-decoder beside the shipped decoder on one idiom the visitor plays.
 * Each model answers it (greedy, unaided, and guided to dictionary idioms), each answer is judged by the game's
 * rules as the computer's move after the visitor's, and the attention each model used is recorded: the encoder's
 * bidirectional self-attention over X, the cross-attention of every Y position over X, and the decoder-only's
 * causal self-attention over {@code BOS X SEP Y}. Also the stage table for that idiom (what each model would
 * receive at pre-training, fine-tuning and inference), and the results files of {@code encdec-lab}
 * ({@link EncDecResults}) and the models' own training records, which the page and the guide read.
 *
 * <p>The encoder-decoder is loaded once at start-up and checked against the shipped decoder's vocabulary; a
 * mismatch (a model trained on another corpus) stops start-up with the file named. It is shared and read-only;
 * every call opens its own sessions. It is the shipped one for every visitor (the labs train no encoder-decoder).
 */
@Service
public class EncDecLabService {

    private static final Logger log = LoggerFactory.getLogger(EncDecLabService.class);

    /** Examples the page offers. */
    public static final List<String> EXAMPLES = List.of("一心一意", "画蛇添足", "守株待兔", "马到成功");
    /** The answer's length: an idiom's characters (free decoding stops at a special token before that). */
    static final int ANSWER = Idiom.LENGTH;

    private final IdiomCorpus corpus;
    private final ModelService models;
    private final ChainRules rules;
    private final EncoderDecoder encDec;
    private final EncDecResults results;
    private final ShippedFigures figures;
    private final ModelWork work;

    /** For commands and tests: model work in the caller's thread. */
    public EncDecLabService(IdiomCorpus corpus, ModelService models) {
        this(corpus, models, ModelWork.direct());
    }

    /** The live comparison's model runs on the server's bounded executor ({@link ModelWork}; full: {@code Busy}). */
    @Autowired
    public EncDecLabService(IdiomCorpus corpus, ModelService models, ModelWork work) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.models = Objects.requireNonNull(models, "models");
        this.work = Objects.requireNonNull(work, "work");
        this.rules = new ChainRules(corpus);
        long t0 = System.nanoTime();
        ShippedModels files = ShippedModels.fromClasspath();
        EncDecCheckpoint.Loaded loaded = files.encoderDecoder();
        Vocabulary vocabulary = models.shipped().vocabulary();
        if (!loaded.vocabulary().characters().equals(vocabulary.characters())) {
            throw new IllegalStateException(
                    "classpath:/models/encdec.ckpt: its vocabulary (" + loaded.vocabulary().size()
                            + " tokens) differs from the shipped decoder's (" + vocabulary.size()
                            + "): retrain it with `train --model encdec`");
        }
        this.encDec = loaded.model();
        this.results = EncDecResults.fromClasspath();
        this.figures = ShippedFigures.read(files);
        log.info("Encoder-decoder lab ready in {} ms: {} ({} parameters), results of encdec-lab from {}",
                (System.nanoTime() - t0) / 1_000_000, encDec.config.describe(), encDec.parameterCount(),
                results.efficiency().created());
    }

    // ---------------------------------------------------------------------------------------------
    // values

    /**
     * One model's move.
     *
     * @param answer   what it wrote unaided (greedy over the whole vocabulary, at most four characters)
     * @param valid    the game accepted it as the computer's move after the visitor's
     * @param why      why the game refused it (empty when valid)
     * @param guided   its most probable dictionary idiom that may follow (empty if none may)
     */
    public record Move(String answer, boolean valid, Optional<Rejection> why, String guided) {
    }

    /**
     * The encoder-decoder on X: its move, and attention [layer][head][row][column].
     *
     * @param source  X's characters (the encoder's positions)
     * @param target  the decoder's positions: BOS, then each character it wrote and fed
     * @param encoder the encoder's self-attention, source × source, every cell allowed (bidirectional)
     * @param cross   the cross-attention, target × source: which characters of X each target position reads
     * @param self    the decoder's causal self-attention, target × target
     */
    public record EncDecView(List<String> source, List<String> target, float[][][][] encoder, float[][][][] cross,
            float[][][][] self, Move move) {
    }

    /**
     * The decoder-only on X: its move, and its causal self-attention over {@code BOS X SEP Y}.
     *
     * @param tokens the positions: BOS, X, SEP, then each character it wrote and fed
     */
    public record DecoderView(List<String> tokens, float[][][][] attention, Move move) {
    }

    /** Both models on the visitor's idiom. */
    public record Comparison(Idiom x, EncDecView encDec, DecoderView decoder, Stages stages) {
    }

    /** The visitor's idiom refused by the game's opening rules, or both models' answers to it. */
    public record Outcome(Optional<Rejection> refused, Optional<Comparison> comparison) {
    }

    /**
     * What each model receives at each stage for a chain that starts with X (the same chain for both):
     * the decoder-only reads {@code BOS chain} and predicts every next character; the encoder-decoder reads the
     * chain with spans removed and writes the spans; then both are tuned on (X, Y), and play the game.
     *
     * @param chain             {@code BOS} X and the idioms drawn after it ({@link #CHAIN} of them at most), as the
     *                          decoder-only reads it in pre-training
     * @param spanSource        the corrupted chain the encoder reads in pre-training (the sentinel as {@code <sentinel>})
     * @param spanTarget        the spans its decoder writes
     * @param pair              the fine-tuning pair (X, the chain's second idiom); empty when X is a dead end
     */
    public record Stages(List<String> chain, List<String> spanSource, List<String> spanTarget, List<String> pair) {
    }

    /** Idioms of the stage table's chain. */
    static final int CHAIN = 4;

    // ---------------------------------------------------------------------------------------------
    // the results and the models' records

    /** The shipped results of {@code encdec-lab}. */
    public EncDecResults results() {
        return results;
    }

    /** Figures from the shipped models' training records (decoder.json, peeking.json, encdec.json). */
    public ShippedFigures shippedFigures() {
        return figures;
    }

    public int encDecParameters() {
        return encDec.parameterCount();
    }

    public int decoderParameters() {
        return models.shipped().decoder().parameterCount();
    }

    // ---------------------------------------------------------------------------------------------
    // the live comparison

    /**
     * The visitor plays {@code typed} as the first move of a 同字 game; the game's rules check it (the normaliser's
     * problems, the dictionary, the opening rule); then each model answers it as the computer would, on the bounded
     * executor (which may refuse it: {@code work.Busy}).
     */
    public Outcome compare(String typed) {
        Game game = Game.start(rules, GameConfig.defaults().withGuided(false), 0);
        MoveResult first = game.playHuman(typed == null ? "" : typed);
        if (!first.accepted()) {
            return new Outcome(first.rejection(), Optional.empty());
        }
        Idiom x = first.move().flatMap(lab.jielong.game.Move::idiom).orElseThrow();
        String position = game.save();
        Models m = models.shipped();
        Comparison comparison = work.call(() -> new Comparison(x, encoderDecoder(x, m, position),
                decoderOnly(x, m, position), stages(x, m)));
        return new Outcome(Optional.empty(), Optional.of(comparison));
    }

    private EncDecView encoderDecoder(Idiom x, Models m, String position) {
        Vocabulary v = m.vocabulary();
        int[] source = PairSampler.source(x.word(), v);
        EncDecSession s = encDec.newSession();
        s.recordAttention(true);
        s.encode(source);
        s.feed(Vocabulary.BOS);
        Decoding.Answer a = Decoding.free(s, v, ANSWER, Sampler.greedy(), null);
        int rows = s.length(), cols = source.length;
        List<String> target = names(Arrays.copyOf(s.tokens(), rows), v);
        float[][][][] encoder = cut(s.encoderAttention(), cols, cols);
        float[][][][] cross = cut(s.crossAttention(), rows, cols);
        float[][][][] self = cut(s.selfAttention(), rows, rows);
        EncDecSession g = encDec.newSession();
        g.encode(source);
        Decoding.Answer guided = Decoding.guided(g, new int[] {Vocabulary.BOS}, guide(x, m), Sampler.greedy(), null);
        return new EncDecView(names(source, v), target, encoder, cross, self,
                judge(a.text(), guided, position));
    }

    private DecoderView decoderOnly(Idiom x, Models m, String position) {
        Vocabulary v = m.vocabulary();
        Gpt decoder = m.decoder();
        InferenceSession s = decoder.newSession();
        s.recordAttention(true);
        s.feed(ChainFormat.encode(x.word(), v, true));
        Decoding.Answer a = Decoding.free(s, v, ANSWER, Sampler.greedy(), null);
        int n = s.length();
        List<String> tokens = names(Arrays.copyOf(s.tokens(), n), v);
        float[][][][] attention = cut(s.attention(), n, n);
        Decoding.Answer guided = Decoding.guided(decoder.newSession(), ChainFormat.encode(x.word(), v, true),
                guide(x, m), Sampler.greedy(), null);
        return new DecoderView(tokens, attention, judge(a.text(), guided, position));
    }

    private Decoding.Guide guide(Idiom x, Models m) {
        int first = m.vocabulary().id(x.last());
        return Decoding.Guide.of(m.dictionary(), t -> t == first, Set.of(x.word()));
    }

    /** The answer played as the computer's move after the visitor's, on a copy of the game. */
    private Move judge(String answer, Decoding.Answer guided, String position) {
        MoveResult r = Game.restore(rules, position).playComputer(Optional.of(answer));
        boolean valid = r.move().map(lab.jielong.game.Move::accepted).orElse(false);
        Optional<Rejection> why = valid ? Optional.empty()
                : r.move().flatMap(lab.jielong.game.Move::failure).or(r::rejection);
        return new Move(answer, valid, why, guided == null ? "" : guided.text());
    }

    /**
     * The stage table's live rows for X: a chain from X through training idioms (each next one drawn from those
     * that may follow, with a generator seeded by X, so the same idiom always gets the same chain), that chain
     * corrupted as in pre-training, and the fine-tuning pair.
     */
    Stages stages(Idiom x, Models m) {
        Vocabulary v = m.vocabulary();
        Random random = new Random(x.word().hashCode());
        List<Idiom> chain = new ArrayList<>(List.of(x));
        boolean deadEnd = false;
        while (chain.size() < CHAIN && !deadEnd) {
            Idiom last = chain.get(chain.size() - 1);
            List<Idiom> next = corpus.startingWith(last.last()).stream()
                    .filter(i -> !IdiomCorpus.isHeldOut(i.word()) && !chain.contains(i)).toList();
            if (next.isEmpty()) {
                deadEnd = true;
            } else {
                chain.add(next.get(random.nextInt(next.size())));
            }
        }
        // the chain as the samplers write it, without BOS: i1 SEP i2 SEP … (EOS after a dead end)
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                ids.add(Vocabulary.SEP);
            }
            for (int id : v.encode(chain.get(i).word())) {
                ids.add(id);
            }
        }
        if (deadEnd) {
            ids.add(Vocabulary.EOS);
        }
        int[] text = ids.stream().mapToInt(Integer::intValue).toArray();
        SpanCorruption.Example e = SpanCorruption.corrupt(text, random);
        List<String> row = new ArrayList<>();
        row.add(v.token(Vocabulary.BOS));
        row.addAll(names(text, v));
        List<String> pair = chain.size() > 1 ? List.of(chain.get(0).word(), chain.get(1).word()) : List.of();
        return new Stages(row, names(e.source(), v), names(e.target(), v), pair);
    }

    /** Token ids as the names the results files use ({@code <bos>}, characters, {@code <sentinel>}). */
    static List<String> names(int[] ids, Vocabulary v) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(id == SpanCorruption.SENTINEL ? "<sentinel>" : v.token(id));
        }
        return out;
    }

    /** [layer][head][0..rows)[0..cols) of a recording sized for the whole context. */
    static float[][][][] cut(float[][][][] all, int rows, int cols) {
        float[][][][] out = new float[all.length][][][];
        for (int l = 0; l < all.length; l++) {
            out[l] = new float[all[l].length][rows][];
            for (int h = 0; h < all[l].length; h++) {
                for (int r = 0; r < rows; r++) {
                    out[l][h][r] = Arrays.copyOf(all[l][h][r], cols);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // the models' training records

    /**
     * What the shipped models' records say (each written by {@code train}, its {@code eval} section measured on the
     * saved file): game validity of the possible answers, free and guided, over the same 500 prompts.
     */
    public record ShippedFigures(Figure decoder, Figure peeking, Figure encdec) {

        static ShippedFigures read(ShippedModels files) {
            return new ShippedFigures(Figure.of(files, ShippedModels.DECODER), Figure.of(files, ShippedModels.PEEKING),
                    Figure.of(files, ShippedModels.ENCDEC));
        }
    }

    /**
     * One model's record.
     *
     * @param teacherForcedLoss the chain loss with the whole row visible as in training (decoder, peeking model)
     * @param honestLoss        the same loss with each position seeing only its past (decoder, peeking model)
     * @param pairLoss          the encoder-decoder's loss on Y given X
     */
    public record Figure(String name, String command, long parameters, long steps, long seed, double trainSeconds,
            double gameValidOfPossible, double guidedValidOfPossible, double teacherForcedLoss,
            double honestLoss, double pairLoss) {

        static Figure of(ShippedModels files, String name) {
            try {
                JsonNode r = EncDecResults.json().readTree(files.record(name));
                JsonNode eval = r.path("eval");
                return new Figure(name, r.path("command").asText(), r.path("model").path("parameters").asLong(),
                        r.path("training").path("steps").asLong(), r.path("training").path("seed").asLong(),
                        r.path("result").path("train_seconds").asDouble(),
                        eval.path("game_valid_of_possible").asDouble(),
                        eval.path("guided_valid_of_possible").asDouble(),
                        eval.path("teacher_forced_loss").asDouble(Double.NaN),
                        eval.path("honest_loss").asDouble(Double.NaN),
                        eval.path("pair_loss").asDouble(Double.NaN));
            } catch (IOException e) {
                throw new UncheckedIOException("classpath:/models/" + name + ".json: " + e.getMessage(), e);
            }
        }
    }
}
