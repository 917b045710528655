package lab.jielong.cli;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.ChainSampler;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.PairSampler;
import lab.jielong.corpus.SpanCorruption;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.EncDecConfig;
import lab.jielong.engine.EncoderDecoder;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.eval.AnswerLoss;
import lab.jielong.engine.eval.EncDecEvaluation;
import lab.jielong.engine.eval.ModelEvaluation;
import lab.jielong.engine.train.EncDecTrainer;
import lab.jielong.engine.train.TrainConfig;
import lab.jielong.engine.train.Trainer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code encdec-lab}: the two experiments of the encoder-decoder lab, small enough to run in about twenty minutes
 * here, written to {@code data-efficiency.json} and {@code consistency.json} (default directory
 * src/main/resources/encdec) with their seeds and configurations; the lab page and the guide read them.
 * <ul>
 *   <li>Data efficiency: a decoder-only on chains and an encoder-decoder of about the same parameter count on
 *       aligned pairs, for the same training tokens and, separately, the same training FLOPs; at each of
 *       {@code --points} checkpoints the loss on the answer (the same pairs for both, {@link AnswerLoss}) and the
 *       game validity, against tokens seen; and how many supervised targets each training token gives.</li>
 *   <li>Consistency: span-corruption pre-training on chains then X→Y fine-tuning for the encoder-decoder; next
 *       character throughout for the decoder (the same chains, then the same pairs written as
 *       {@code BOS X SEP Y EOS}); game validity zero-shot after pre-training and again after fine-tuning; the
 *       stage table with the real inputs and targets each model received.</li>
 * </ul>
 * Tokens are data tokens: the characters and separators read, PAD not counted (a chain that reaches a dead end is
 * padded; the decoder still computes those positions, which its FLOPs count).
 */
final class EncDecLabCommand {

    /** Defaults: the decoder-only and an encoder-decoder of about its size (1 + 1 blocks, cross-attention added). */
    static final String DECODER_SIZE = "d64-l2-h4-f256", ENCDEC_SIZE = "d64-e1-l1-h4-f256";
    static final int BATCH = 32, POINTS = 8, GAME_PROMPTS = 200, LOSS_PAIRS = 512;
    static final float LR = 3e-3f;
    static final long LOSS_SEED = 12345;

    private EncDecLabCommand() {
    }

    static void run(String[] args) throws Exception {
        Options o = new Options(args, Set.of("out", "tokens", "seed", "pretrain-chains", "finetune-pairs",
                "decoder-size", "encdec-size", "lr", "points"), Set.of("only-consistency", "only-efficiency"));
        Path out = Path.of(o.get("out", "src/main/resources/encdec"));
        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocab = Vocabulary.of(corpus);
        Lab lab = new Lab(corpus, vocab, o.getLong("seed", 7), o.get("decoder-size", DECODER_SIZE),
                o.get("encdec-size", ENCDEC_SIZE), o.getFloat("lr", LR), o.getInt("points", POINTS), args);
        Files.createDirectories(out);
        if (!o.flag("only-consistency")) {
            write(out.resolve("data-efficiency.json"), lab.dataEfficiency(o.getLong("tokens", 2_000_000)));
        }
        if (!o.flag("only-efficiency")) {
            write(out.resolve("consistency.json"), lab.consistency(o.getInt("pretrain-chains", 40_000),
                    o.getInt("finetune-pairs", 40_000)));
        }
    }

    private static void write(Path file, Map<String, Object> record) throws Exception {
        Files.writeString(file, Json.write(record, true) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }

    /** Data tokens (not PAD) of a decoder row's inputs, positions 0 .. T-1. */
    static long dataTokens(int[] batch, int rows, int row, int inputs) {
        long n = 0;
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < inputs; t++) {
                n += batch[b * row + t] != Vocabulary.PAD ? 1 : 0;
            }
        }
        return n;
    }

    /** Targets (not PAD) of a decoder row: positions 1 .. T. */
    static long decoderTargets(int[] batch, int rows, int row) {
        long n = 0;
        for (int b = 0; b < rows; b++) {
            for (int t = 1; t < row; t++) {
                n += batch[b * row + t] != Vocabulary.PAD ? 1 : 0;
            }
        }
        return n;
    }

    /** The shared setup of both experiments. */
    private static final class Lab {
        final IdiomCorpus corpus;
        final Vocabulary vocab;
        final ModelEvaluation eval;
        final EncDecEvaluation encEval;
        final AnswerLoss answerLoss;
        final long seed;
        final String decoderSize, encDecSize;
        final float lr;
        final int points;
        final String[] args;
        final List<Idiom> prompts;
        final ModelConfig decoderConfig;
        final EncDecConfig encDecConfig;
        final int T = ModelConfig.CONTEXT, Tx = Recipe.ENCDEC_SOURCE, Ty = Recipe.ENCDEC_TARGET;
        final int px = PairSampler.SOURCE_LENGTH, py = PairSampler.TARGET_LENGTH;

        Lab(IdiomCorpus corpus, Vocabulary vocab, long seed, String decoderSize, String encDecSize, float lr,
                int points, String[] args) {
            this.corpus = corpus;
            this.vocab = vocab;
            this.eval = new ModelEvaluation(corpus, vocab);
            this.encEval = new EncDecEvaluation(corpus, vocab, eval);
            this.answerLoss = new AnswerLoss(corpus, vocab, LOSS_PAIRS, LOSS_SEED);
            this.seed = seed;
            this.decoderSize = decoderSize;
            this.encDecSize = encDecSize;
            this.lr = lr;
            this.points = points;
            this.args = args;
            this.prompts = eval.gamePrompts().subList(0, GAME_PROMPTS);
            decoderConfig = ModelConfig.named(decoderSize, vocab.size());
            encDecConfig = EncDecConfig.named(encDecSize, vocab.size(), Tx, Ty);
        }

        Map<String, Object> header(String what) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("experiment", what);
            h.put("command", "java --add-modules jdk.incubator.vector -jar target/jielong-lab-0.1.0-SNAPSHOT.jar "
                    + String.join(" ", args));
            h.put("created", Instant.now().toString());
            h.put("seed", seed);
            h.put("corpus_checksum", corpus.checksum());
            h.put("training_idioms", corpus.training().size());
            Map<String, Object> models = new LinkedHashMap<>();
            Gpt d = Gpt.initialize(decoderConfig, seed);
            EncoderDecoder e = EncoderDecoder.initialize(encDecConfig, seed);
            models.put("decoder", Map.of("size", decoderSize, "parameters", d.parameterCount(),
                    "train_flops_per_position", d.trainFlopsPerToken()));
            models.put("encdec", Map.of("size", encDecSize, "parameters", e.parameterCount(),
                    "train_flops_per_pair", e.trainFlops(px, py)));
            h.put("models", models);
            TrainConfig c = config(1000, seed);
            h.put("recipe", "AdamW lr " + lr + ", " + c.describeOptimizer() + ", warmup 3% of the steps then cosine "
                    + "to " + c.minLrRatio() + " x lr, clip " + c.gradClip() + ", batch " + BATCH + ", "
                    + c.threads() + " threads; every run starts from the same seed");
            h.put("batch", BATCH);
            h.put("lr", (double) lr);
            h.put("game", "free greedy decoding on the first " + GAME_PROMPTS + " of eval's 500 game prompts; "
                    + "valid of possible");
            h.put("answer_loss", "mean cross-entropy of Y's 4 characters given X, on the same " + LOSS_PAIRS
                    + " training pairs for both architectures (PairSampler seed " + LOSS_SEED + ")");
            return h;
        }

        TrainConfig config(int steps, long s) {
            return new TrainConfig(steps, BATCH, lr, Math.max(10, steps * 3 / 100), 0.1f, 0.1f, 1f, s,
                    TrainConfig.defaultThreads(), 100);
        }

        Map<String, Object> point(long steps, long tokens, double flops, long targets, double trainLoss, double loss,
                double game) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("steps", steps);
            p.put("tokens", tokens);
            p.put("flops", flops);
            p.put("supervised_targets", targets);
            p.put("train_loss", trainLoss);
            p.put("answer_loss", loss);
            p.put("game_valid_of_possible", game);
            return p;
        }

        /** Steps of the decoder that read about this many data tokens (measured on the same sampler). */
        int decoderStepsFor(long tokenBudget) {
            ChainSampler probe = new ChainSampler(corpus, vocab, T, seed + 1);
            int[] row = new int[T + 1];
            long tokens = 0;
            int rows = 0;
            while (tokens < tokenBudget) {
                probe.sample(row, 0);
                tokens += dataTokens(row, 1, T + 1, T);
                rows++;
            }
            return Math.max(points, (rows + BATCH - 1) / BATCH);
        }

        /** Decoder on chains for a number of steps; {@code points} points at equal step intervals. */
        Map<String, Object> decoderRun(int steps) {
            Gpt model = Gpt.initialize(decoderConfig, seed);
            ChainSampler chains = new ChainSampler(corpus, vocab, T, seed + 1);
            TrainConfig tc = config(steps, seed);
            List<Map<String, Object>> pts = new ArrayList<>();
            long tokens = 0, targets = 0;
            double flopsPerStep = (double) BATCH * T * model.trainFlopsPerToken();
            long t0 = System.nanoTime();
            try (Trainer tr = new Trainer(model, tc)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < steps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        chains.sample(batch, b * (T + 1));
                    }
                    tokens += dataTokens(batch, BATCH, T + 1, T);
                    targets += decoderTargets(batch, BATCH, T + 1);
                    double loss = tr.step(tc.learningRateAt(s));
                    if (checkpoint(s, steps, pts.size())) {
                        pts.add(point(s + 1, tokens, (s + 1) * flopsPerStep, targets, loss, answerLoss.of(model),
                                eval.freeGame(model, prompts).validOfPossible()));
                        System.out.printf("decoder %s%n", pts.get(pts.size() - 1));
                    }
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("data", "chains BOS i1 SEP i2 SEP … of " + T + " positions (ChainSampler, training idioms), "
                    + "PAD after a dead end");
            r.put("positions_per_step", BATCH * T);
            r.put("steps", steps);
            r.put("tokens", tokens);
            r.put("supervised_targets", targets);
            r.put("supervised_targets_per_token", (double) targets / tokens);
            r.put("flops", steps * flopsPerStep);
            r.put("points", pts);
            r.put("seconds", (System.nanoTime() - t0) / 1e9);
            return r;
        }

        /** Whether step s (0-based) of steps ends one of the {@code points} equal intervals. */
        boolean checkpoint(int s, int steps, int done) {
            return done < points && (long) (s + 1) * points >= (long) (done + 1) * steps;
        }

        /** Encoder-decoder on pairs for a number of steps; {@code points} points. */
        Map<String, Object> encDecRun(int steps) {
            EncoderDecoder model = EncoderDecoder.initialize(encDecConfig, seed);
            PairSampler pairs = new PairSampler(corpus, vocab, seed + 2);
            TrainConfig tc = config(steps, seed);
            List<Map<String, Object>> pts = new ArrayList<>();
            long targets = 0, tokens = 0;
            double flopsPerStep = (double) BATCH * model.trainFlops(px, py);
            long t0 = System.nanoTime();
            try (EncDecTrainer tr = new EncDecTrainer(model, tc, px, py)) {
                int[] batch = tr.batchBuffer();
                int row = tr.rowLength();
                for (int s = 0; s < steps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        pairs.sample(batch, b * row, px, py);
                    }
                    tokens += (long) BATCH * (px + py);
                    targets += tr.targetCount();
                    double loss = tr.step(tc.learningRateAt(s));
                    if (checkpoint(s, steps, pts.size())) {
                        pts.add(point(s + 1, tokens, (s + 1) * flopsPerStep, targets, loss, answerLoss.of(model),
                                encEval.freeGame(model, prompts, encEval.pairSource()).validOfPossible()));
                        System.out.printf("encdec %s%n", pts.get(pts.size() - 1));
                    }
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("data", "aligned pairs: X = x1..x4 (" + px + " tokens read), Y = BOS y1..y4 (" + py
                    + " tokens read; y1..y4 EOS supervised)");
            r.put("positions_per_step", BATCH * (px + py));
            r.put("steps", steps);
            r.put("tokens", tokens);
            r.put("supervised_targets", targets);
            r.put("supervised_targets_per_token", (double) targets / tokens);
            r.put("flops", steps * flopsPerStep);
            r.put("points", pts);
            r.put("seconds", (System.nanoTime() - t0) / 1e9);
            return r;
        }

        Map<String, Object> dataEfficiency(long tokenBudget) {
            Map<String, Object> r = header("data efficiency");
            r.put("token_budget", tokenBudget);
            Map<String, Object> dec = decoderRun(decoderStepsFor(tokenBudget));
            double decFlops = (double) dec.get("flops");
            long decTokens = (long) dec.get("tokens");
            double flopsPerStep = (double) BATCH * EncoderDecoder.initialize(encDecConfig, seed).trainFlops(px, py);
            int tokenSteps = (int) Math.max(points, decTokens / ((long) BATCH * (px + py)));
            int flopSteps = (int) Math.max(points, Math.round(decFlops / flopsPerStep));
            r.put("decoder", dec);
            r.put("encdec_same_tokens", encDecRun(tokenSteps));
            r.put("encdec_same_flops", encDecRun(flopSteps));
            r.put("what_each_can_use", Map.of(
                    "decoder", "any running text as it is: every character is a target (the training lab's own text)",
                    "encdec",
                    "text cut into (X, Y) pairs first: here each idiom and a valid next idiom; a running text "
                            + "must be cut at chosen points, and only Y is supervised: X's characters are read, "
                            + "never predicted, and what crosses a cut is lost"));
            return r;
        }

        Map<String, Object> consistency(int pretrainChains, int finetunePairs) {
            Map<String, Object> r = header("consistency");
            r.put("pretrain_chains", pretrainChains);
            r.put("finetune_pairs", finetunePairs);
            int preSteps = Math.max(1, pretrainChains / BATCH), ftSteps = Math.max(1, finetunePairs / BATCH);
            Function<Idiom, int[]> zeroShot = x -> SpanCorruption.gameSource(x.word(), vocab);

            // 1. encoder-decoder: span corruption on chains, then X→Y pairs
            long t0 = System.nanoTime();
            EncoderDecoder ed = EncoderDecoder.initialize(encDecConfig, seed);
            SpanCorruption spans = new SpanCorruption(corpus, vocab, T, seed + 3);
            SpanCorruption.Example preExample = null;
            long preTokens = 0, preTargets = 0;
            TrainConfig tc = config(preSteps, seed);
            try (EncDecTrainer tr = new EncDecTrainer(ed, tc, Tx, Ty)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < preSteps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        SpanCorruption.Example e = spans.next();
                        preExample = preExample == null ? e : preExample;
                        SpanCorruption.write(e, batch, b * tr.rowLength(), Tx, Ty);
                        preTokens += Math.min(e.source().length, Tx) + Math.min(e.target().length - 1, Ty);
                    }
                    preTargets += tr.targetCount();
                    tr.step(tc.learningRateAt(s));
                }
            }
            ModelEvaluation.Game edZero = encEval.freeGame(ed, prompts, zeroShot);
            System.out.printf("encdec after span corruption (%d steps): zero-shot %.3f %s%n", preSteps,
                    edZero.validOfPossible(), edZero.examples());
            PairSampler pairs = new PairSampler(corpus, vocab, seed + 4);
            PairSampler.Pair ftExample = null;
            TrainConfig ft = config(ftSteps, seed + 5);
            try (EncDecTrainer tr = new EncDecTrainer(ed, ft, px, py)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < ftSteps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        PairSampler.Pair p = pairs.sample(batch, b * tr.rowLength(), px, py);
                        ftExample = ftExample == null ? p : ftExample;
                    }
                    tr.step(ft.learningRateAt(s));
                }
            }
            ModelEvaluation.Game edFine = encEval.freeGame(ed, prompts, encEval.pairSource());
            ModelEvaluation.Game edFineZeroPrompt = encEval.freeGame(ed, prompts, zeroShot);
            System.out.printf("encdec after fine-tuning (%d steps): %.3f %s (pre-training prompt: %.3f)%n", ftSteps,
                    edFine.validOfPossible(), edFine.examples(), edFineZeroPrompt.validOfPossible());
            double edSeconds = (System.nanoTime() - t0) / 1e9;

            // 2. decoder: next character on the same chains, then on the same pairs as BOS X SEP Y EOS
            t0 = System.nanoTime();
            Gpt dec = Gpt.initialize(decoderConfig, seed);
            ChainSampler chains = new ChainSampler(corpus, vocab, T, seed + 3);   // = the chains spans corrupted
            int[] dPreExample = null;
            long dPreTokens = 0, dPreTargets = 0;
            TrainConfig dtc = config(preSteps, seed);
            try (Trainer tr = new Trainer(dec, dtc)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < preSteps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        chains.sample(batch, b * (T + 1));
                    }
                    dPreExample = dPreExample == null ? Arrays.copyOf(batch, T + 1) : dPreExample;
                    dPreTokens += dataTokens(batch, BATCH, T + 1, T);
                    dPreTargets += decoderTargets(batch, BATCH, T + 1);
                    tr.step(dtc.learningRateAt(s));
                }
            }
            ModelEvaluation.Game decZero = eval.freeGame(dec, prompts);
            System.out.printf("decoder after pre-training (%d steps): zero-shot %.3f %s%n", preSteps,
                    decZero.validOfPossible(), decZero.examples());
            PairSampler dPairs = new PairSampler(corpus, vocab, seed + 4);               // = the encoder-decoder's pairs
            int[] dFtExample = null;
            long dFtTokens = 0;
            TrainConfig dft = config(ftSteps, seed + 5);
            try (Trainer tr = new Trainer(dec, dft)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < ftSteps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        PairSampler.Pair p = dPairs.next();
                        ChainFormat.Row row = new ChainFormat.Row(batch, b * (T + 1), T + 1);
                        row.idiom(vocab.encode(p.x().word()));
                        row.idiom(vocab.encode(p.y().word()));
                        row.deadEnd();
                        row.pad();
                    }
                    dFtExample = dFtExample == null ? Arrays.copyOf(batch, T + 1) : dFtExample;
                    dFtTokens += dataTokens(batch, BATCH, T + 1, T);
                    tr.step(dft.learningRateAt(s));
                }
            }
            ModelEvaluation.Game decFine = eval.freeGame(dec, prompts);
            System.out.printf("decoder after fine-tuning (%d steps): %.3f %s%n", ftSteps, decFine.validOfPossible(),
                    decFine.examples());
            double decSeconds = (System.nanoTime() - t0) / 1e9;

            Map<String, Object> e = new LinkedHashMap<>();
            e.put("pretrain_objective",
                    "span corruption: about 15% of each chain's characters removed in spans of 1 to "
                            + SpanCorruption.MAX_SPAN
                            + ", each replaced by one sentinel; the decoder writes the spans");
            e.put("pretrain_steps", preSteps);
            e.put("pretrain_tokens", preTokens);
            e.put("pretrain_targets", preTargets);
            e.put("finetune_steps", ftSteps);
            e.put("finetune_tokens", (long) ftSteps * BATCH * (px + py));
            e.put("zero_shot_game_valid_of_possible", edZero.validOfPossible());
            e.put("finetuned_game_valid_of_possible", edFine.validOfPossible());
            e.put("finetuned_with_pretrain_prompt_game_valid_of_possible", edFineZeroPrompt.validOfPossible());
            e.put("zero_shot_examples", edZero.examples());
            e.put("finetuned_examples", edFine.examples());
            e.put("seconds", edSeconds);
            e.put("stages", List.of(
                    stage("pretrain", tokens(preExample.source()), tokens(preExample.target())),
                    stage("finetune", tokens(PairSampler.source(ftExample.x().word(), vocab)),
                            tokens(target(ftExample.y().word()))),
                    stage("inference", tokens(PairSampler.source(prompts.get(0).word(), vocab)),
                            answerTokens(edFine.examples().get(0)))));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("pretrain_objective", "next character on the same chains");
            d.put("pretrain_steps", preSteps);
            d.put("pretrain_tokens", dPreTokens);
            d.put("pretrain_targets", dPreTargets);
            d.put("finetune_steps", ftSteps);
            d.put("finetune_tokens", dFtTokens);
            d.put("zero_shot_game_valid_of_possible", decZero.validOfPossible());
            d.put("finetuned_game_valid_of_possible", decFine.validOfPossible());
            d.put("zero_shot_examples", decZero.examples());
            d.put("finetuned_examples", decFine.examples());
            d.put("seconds", decSeconds);
            d.put("stages", List.of(
                    stage("pretrain", tokens(Arrays.copyOf(dPreExample, T)),
                            tokens(Arrays.copyOfRange(dPreExample, 1, T + 1))),
                    stage("finetune", tokens(Arrays.copyOf(dFtExample, T)),
                            tokens(Arrays.copyOfRange(dFtExample, 1, T + 1))),
                    stage("inference", tokens(ChainFormat.encode(prompts.get(0).word(), vocab, true)),
                            answerTokens(decFine.examples().get(0)))));
            r.put("encdec", e);
            r.put("decoder", d);
            r.put("zero_shot_prompt", Map.of("encdec", "x1 x2 x3 x4 <sep> <sentinel>: fill in the next idiom",
                    "decoder", "<bos> x1 x2 x3 x4 <sep>: continue the chain"));
            return r;
        }

        /** BOS y1..y4 EOS. */
        int[] target(String y) {
            int[] ids = vocab.encode(y);
            int[] out = new int[ids.length + 2];
            out[0] = Vocabulary.BOS;
            System.arraycopy(ids, 0, out, 1, ids.length);
            out[ids.length + 1] = Vocabulary.EOS;
            return out;
        }

        /** The answer part of an example "X→Y" as tokens. */
        List<String> answerTokens(String example) {
            String y = example.substring(example.indexOf('→') + 1);
            return y.codePoints().mapToObj(Character::toString).toList();
        }

        Map<String, Object> stage(String stage, List<String> input, List<String> target) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stage", stage);
            s.put("input", input);
            s.put("target", target);
            return s;
        }

        /** Tokens as strings, specials by name, the sentinel as {@code <sentinel>}, PAD dropped. */
        List<String> tokens(int[] ids) {
            List<String> out = new ArrayList<>();
            for (int id : ids) {
                if (id != Vocabulary.PAD) {
                    out.add(id == SpanCorruption.SENTINEL ? "<sentinel>" : vocab.token(id));
                }
            }
            return out;
        }
    }
}
