package lab.jielong.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
import lab.jielong.engine.eval.EncDecEvaluation;
import lab.jielong.engine.eval.ModelEvaluation;
import lab.jielong.engine.train.EncDecTrainer;
import lab.jielong.engine.train.TrainConfig;
import lab.jielong.engine.train.Trainer;

/**
 * {@code encdec-lab}: the two experiments of the encoder-decoder lab, small enough to run in minutes, written to
 * {@code data-efficiency.json} and {@code consistency.json} (default directory src/main/resources/encdec) with
 * their seeds and configurations.
 * <ul>
 *   <li>Data efficiency: an encoder-decoder on aligned pairs and a decoder-only of about the same parameter count
 *       on chains, for the same training tokens and, separately, the same training FLOPs; loss and game validity
 *       against tokens seen, and supervised target characters per training token.</li>
 *   <li>Consistency: span-corruption pre-training then X→Y fine-tuning for the encoder-decoder, next character
 *       throughout for the decoder; zero-shot game validity after pre-training, again after fine-tuning; the
 *       stage table with the real inputs and targets each model received, and live answers.</li>
 * </ul>
 */
final class EncDecLabCommand {

    static final String DECODER_SIZE = "d64-l2-h4-f256", ENCDEC_SIZE = "d64-e1-l1-h4-f256";
    static final int BATCH = 16, POINTS = 5, GAME_PROMPTS = 200;

    private EncDecLabCommand() {
    }

    static void run(String[] args) throws Exception {
        Options o = new Options(args, Set.of("out", "tokens", "seed", "pretrain-tokens", "finetune-tokens"),
                Set.of("only-consistency", "only-efficiency"));
        Path out = Path.of(o.get("out", "src/main/resources/encdec"));
        long tokens = o.getLong("tokens", 400_000);
        long seed = o.getLong("seed", 7);
        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocab = Vocabulary.of(corpus);
        ModelEvaluation eval = new ModelEvaluation(corpus, vocab);
        Lab lab = new Lab(corpus, vocab, eval, seed, args);
        Files.createDirectories(out);
        if (!o.flag("only-consistency")) {
            write(out.resolve("data-efficiency.json"), lab.dataEfficiency(tokens));
        }
        if (!o.flag("only-efficiency")) {
            write(out.resolve("consistency.json"), lab.consistency(o.getLong("pretrain-tokens", 300_000),
                    o.getLong("finetune-tokens", 60_000)));
        }
    }

    private static void write(Path file, Map<String, Object> record) throws Exception {
        Files.writeString(file, Json.write(record, true) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }

    /** The shared setup of both experiments. */
    private static final class Lab {
        final IdiomCorpus corpus;
        final Vocabulary vocab;
        final ModelEvaluation eval;
        final EncDecEvaluation encEval;
        final long seed;
        final String[] args;
        final List<Idiom> prompts;
        final ModelConfig decoderConfig;
        final EncDecConfig encDecConfig;
        final int T = ModelConfig.CONTEXT;

        Lab(IdiomCorpus corpus, Vocabulary vocab, ModelEvaluation eval, long seed, String[] args) {
            this.corpus = corpus;
            this.vocab = vocab;
            this.eval = eval;
            this.encEval = new EncDecEvaluation(corpus, vocab, eval);
            this.seed = seed;
            this.args = args;
            this.prompts = eval.gamePrompts().subList(0, GAME_PROMPTS);
            decoderConfig = ModelConfig.named(DECODER_SIZE, vocab.size());
            encDecConfig = EncDecConfig.named(ENCDEC_SIZE, vocab.size(), Recipe.ENCDEC_SOURCE, Recipe.ENCDEC_TARGET);
        }

        Map<String, Object> header(String what) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("experiment", what);
            h.put("command", "java --add-modules jdk.incubator.vector -jar target/jielong-lab-0.1.0-SNAPSHOT.jar "
                    + String.join(" ", args));
            h.put("created", Instant.now().toString());
            h.put("seed", seed);
            h.put("corpus_checksum", corpus.checksum());
            Map<String, Object> models = new LinkedHashMap<>();
            Gpt d = Gpt.initialize(decoderConfig, seed);
            EncoderDecoder e = EncoderDecoder.initialize(encDecConfig, seed);
            models.put("decoder", Map.of("size", DECODER_SIZE, "parameters", d.parameterCount(),
                    "train_flops_per_token", d.trainFlopsPerToken()));
            models.put("encdec", Map.of("size", ENCDEC_SIZE, "parameters", e.parameterCount(),
                    "train_flops_per_pair", e.trainFlops(PairSampler.SOURCE_LENGTH, PairSampler.TARGET_LENGTH)));
            h.put("models", models);
            h.put("recipe", "AdamW lr 3e-3, betas 0.9/0.95, weight decay 0.1, warmup 3% then cosine to 0.1 lr, clip 1, "
                    + "batch " + BATCH);
            h.put("game", "free greedy decoding on the first " + GAME_PROMPTS + " of eval's 500 game prompts; "
                    + "valid of possible");
            return h;
        }

        TrainConfig config(int steps, long s) {
            return new TrainConfig(steps, BATCH, 3e-3f, Math.max(10, steps * 3 / 100), 0.1f, 0.1f, 1f, s,
                    TrainConfig.defaultThreads(), 100);
        }

        Map<String, Object> point(long steps, long tokens, double flops, long targets, double loss, double game) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("steps", steps);
            p.put("tokens", tokens);
            p.put("flops", flops);
            p.put("supervised_targets", targets);
            p.put("loss", loss);
            p.put("game_valid_of_possible", game);
            return p;
        }

        /** Decoder on chains for a token budget; a point every budget / POINTS tokens. */
        Map<String, Object> decoderRun(long tokenBudget, Function<Gpt, Double> game) {
            int perStep = BATCH * T, steps = (int) Math.max(POINTS, tokenBudget / perStep);
            Gpt model = Gpt.initialize(decoderConfig, seed);
            ChainSampler chains = new ChainSampler(corpus, vocab, T, seed + 1);
            TrainConfig tc = config(steps, seed);
            List<Map<String, Object>> points = new ArrayList<>();
            long targets = 0;
            long t0 = System.nanoTime();
            try (Trainer tr = new Trainer(model, tc)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < steps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        chains.sample(batch, b * (T + 1));
                    }
                    targets += countTargets(batch, T + 1, 1);
                    double loss = tr.step(tc.learningRateAt(s));
                    if ((s + 1) % (steps / POINTS) == 0 || s == steps - 1) {
                        if (points.size() < POINTS) {
                            points.add(point(s + 1, (long) (s + 1) * perStep,
                                    (double) (s + 1) * perStep * model.trainFlopsPerToken(), targets,
                                    eval.teacherForcedLoss(model, 256, 12345), game.apply(model)));
                            System.out.printf("decoder step %d: loss %.3f, %s%n", s + 1, loss, points.get(points.size() - 1));
                        }
                    }
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("data", "chains BOS i1 SEP i2 SEP … of " + T + " tokens (ChainSampler, training idioms)");
            r.put("tokens_per_step", perStep);
            r.put("steps", steps);
            r.put("supervised_targets_per_token", (double) targets / ((long) steps * perStep));
            r.put("points", points);
            r.put("seconds", (System.nanoTime() - t0) / 1e9);
            r.put("model", model);
            return r;
        }

        /** Encoder-decoder on pairs for a number of steps; POINTS points. */
        Map<String, Object> encDecRun(int steps, EncoderDecoder model, Function<EncoderDecoder, Double> game) {
            int Tx = PairSampler.SOURCE_LENGTH, Ty = PairSampler.TARGET_LENGTH, perStep = BATCH * (Tx + Ty);
            PairSampler pairs = new PairSampler(corpus, vocab, seed + 2);
            TrainConfig tc = config(steps, seed);
            List<Map<String, Object>> points = new ArrayList<>();
            long targets = 0;
            long t0 = System.nanoTime();
            double flopsPerStep = (double) BATCH * model.trainFlops(Tx, Ty);
            try (EncDecTrainer tr = new EncDecTrainer(model, tc, Tx, Ty)) {
                int[] batch = tr.batchBuffer();
                int row = tr.rowLength();
                for (int s = 0; s < steps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        pairs.sample(batch, b * row, Tx, Ty);
                    }
                    targets += tr.targetCount();
                    double loss = tr.step(tc.learningRateAt(s));
                    if (((s + 1) % Math.max(1, steps / POINTS) == 0 || s == steps - 1) && points.size() < POINTS) {
                        points.add(point(s + 1, (long) (s + 1) * perStep, (s + 1) * flopsPerStep, targets,
                                encEval.pairLoss(model, 512, 12345), game.apply(model)));
                        System.out.printf("encdec step %d: loss %.3f, %s%n", s + 1, loss, points.get(points.size() - 1));
                    }
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("data", "aligned pairs: X = x1..x4 (" + Tx + " tokens), Y = BOS y1..y4 (" + Ty
                    + " tokens read, y1..y4 EOS supervised)");
            r.put("tokens_per_step", perStep);
            r.put("steps", steps);
            r.put("supervised_targets_per_token", (double) targets / ((long) steps * perStep));
            r.put("points", points);
            r.put("seconds", (System.nanoTime() - t0) / 1e9);
            return r;
        }

        static long countTargets(int[] batch, int row, int from) {
            long n = 0;
            for (int b = 0; b < batch.length / row; b++) {
                for (int t = from; t < row; t++) {
                    n += batch[b * row + t] != 0 ? 1 : 0;
                }
            }
            return n;
        }

        Map<String, Object> dataEfficiency(long tokenBudget) {
            Map<String, Object> r = header("data efficiency");
            r.put("token_budget", tokenBudget);
            Map<String, Object> dec = decoderRun(tokenBudget, m -> eval.freeGame(m, prompts).validOfPossible());
            Gpt decModel = (Gpt) dec.remove("model");
            double decFlops = (double) (int) dec.get("steps") * (int) dec.get("tokens_per_step")
                    * decModel.trainFlopsPerToken();
            int Tx = PairSampler.SOURCE_LENGTH, Ty = PairSampler.TARGET_LENGTH;
            int tokenSteps = (int) (tokenBudget / (BATCH * (Tx + Ty)));
            Function<EncoderDecoder, Double> game = m -> encEval.freeGame(m, prompts, encEval.pairSource())
                    .validOfPossible();
            Map<String, Object> sameTokens = encDecRun(tokenSteps, EncoderDecoder.initialize(encDecConfig, seed), game);
            EncoderDecoder probe = EncoderDecoder.initialize(encDecConfig, seed);
            int flopSteps = (int) Math.round(decFlops / ((double) BATCH * probe.trainFlops(Tx, Ty)));
            Map<String, Object> sameFlops = encDecRun(flopSteps, probe, game);
            r.put("decoder", dec);
            r.put("encdec_same_tokens", sameTokens);
            r.put("encdec_same_flops", sameFlops);
            r.put("decoder_total_flops", decFlops);
            r.put("what_each_can_use", Map.of(
                    "decoder", "any running text as it is: every character is a target (the training lab's own text)",
                    "encdec", "text cut into (X, Y) pairs first: here each idiom and a valid next idiom; a running text "
                            + "must be cut at chosen points, and only Y is supervised: X's characters are read, "
                            + "never predicted, and what crosses a cut is lost"));
            return r;
        }

        Map<String, Object> consistency(long pretrainTokens, long finetuneTokens) {
            Map<String, Object> r = header("consistency");
            int Tx = Recipe.ENCDEC_SOURCE, Ty = Recipe.ENCDEC_TARGET;
            int px = PairSampler.SOURCE_LENGTH, py = PairSampler.TARGET_LENGTH;
            Function<Idiom, int[]> zeroShot = x -> SpanCorruption.gameSource(x.word(), vocab);
            // encoder-decoder: span corruption, then X→Y pairs
            EncoderDecoder ed = EncoderDecoder.initialize(encDecConfig, seed);
            SpanCorruption spans = new SpanCorruption(corpus, vocab, T, seed + 3);
            int preSteps = (int) (pretrainTokens / (BATCH * (Tx + Ty)));
            SpanCorruption.Example preExample = null;
            long t0 = System.nanoTime();
            TrainConfig tc = config(preSteps, seed);
            try (EncDecTrainer tr = new EncDecTrainer(ed, tc, Tx, Ty)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < preSteps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        SpanCorruption.Example e = spans.next();
                        if (preExample == null) {
                            preExample = e;
                        }
                        SpanCorruption.write(e, batch, b * tr.rowLength(), Tx, Ty);
                    }
                    tr.step(tc.learningRateAt(s));
                }
            }
            ModelEvaluation.Game edZero = encEval.freeGame(ed, prompts, zeroShot);
            System.out.printf("encdec after span corruption (%d steps): zero-shot %.3f %s%n", preSteps,
                    edZero.validOfPossible(), edZero.examples());
            int ftSteps = (int) (finetuneTokens / (BATCH * (px + py)));
            PairSampler pairs = new PairSampler(corpus, vocab, seed + 4);
            PairSampler.Pair ftExample = null;
            TrainConfig ft = config(ftSteps, seed + 5);
            try (EncDecTrainer tr = new EncDecTrainer(ed, ft, px, py)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < ftSteps; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        PairSampler.Pair p = pairs.sample(batch, b * tr.rowLength(), px, py);
                        if (ftExample == null) {
                            ftExample = p;
                        }
                    }
                    tr.step(ft.learningRateAt(s));
                }
            }
            ModelEvaluation.Game edFine = encEval.freeGame(ed, prompts, encEval.pairSource());
            System.out.printf("encdec after fine-tuning (%d steps): %.3f %s%n", ftSteps, edFine.validOfPossible(),
                    edFine.examples());
            double edSeconds = (System.nanoTime() - t0) / 1e9;
            // decoder: next character on chains, then next character on pair-format rows BOS X SEP Y EOS
            t0 = System.nanoTime();
            Gpt dec = Gpt.initialize(decoderConfig, seed);
            ChainSampler chains = new ChainSampler(corpus, vocab, T, seed + 3);
            int dPre = (int) (pretrainTokens / (BATCH * T));
            int[] dPreExample = null;
            TrainConfig dtc = config(dPre, seed);
            try (Trainer tr = new Trainer(dec, dtc)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < dPre; s++) {
                    for (int b = 0; b < BATCH; b++) {
                        chains.sample(batch, b * (T + 1));
                    }
                    if (dPreExample == null) {
                        dPreExample = java.util.Arrays.copyOf(batch, T + 1);
                    }
                    tr.step(dtc.learningRateAt(s));
                }
            }
            ModelEvaluation.Game decZero = eval.freeGame(dec, prompts);
            System.out.printf("decoder after pre-training (%d steps): zero-shot %.3f %s%n", dPre,
                    decZero.validOfPossible(), decZero.examples());
            int dFt = (int) (finetuneTokens / (BATCH * T));
            PairSampler dPairs = new PairSampler(corpus, vocab, seed + 4);
            int[] dFtExample = null;
            TrainConfig dft = config(Math.max(1, dFt), seed + 5);
            try (Trainer tr = new Trainer(dec, dft)) {
                int[] batch = tr.batchBuffer();
                for (int s = 0; s < dft.steps(); s++) {
                    for (int b = 0; b < BATCH; b++) {
                        PairSampler.Pair p = dPairs.next();
                        ChainFormat.Row row = new ChainFormat.Row(batch, b * (T + 1), T + 1);
                        row.idiom(vocab.encode(p.x().word()));
                        row.idiom(vocab.encode(p.y().word()));
                        row.deadEnd();
                        row.pad();
                    }
                    if (dFtExample == null) {
                        dFtExample = java.util.Arrays.copyOf(batch, T + 1);
                    }
                    tr.step(dft.learningRateAt(s));
                }
            }
            ModelEvaluation.Game decFine = eval.freeGame(dec, prompts);
            System.out.printf("decoder after fine-tuning (%d steps): %.3f %s%n", dft.steps(), decFine.validOfPossible(),
                    decFine.examples());
            double decSeconds = (System.nanoTime() - t0) / 1e9;

            Map<String, Object> e = new LinkedHashMap<>();
            e.put("pretrain_steps", preSteps);
            e.put("pretrain_tokens_per_step", BATCH * (Tx + Ty));
            e.put("finetune_steps", ftSteps);
            e.put("finetune_tokens_per_step", BATCH * (px + py));
            e.put("zero_shot_game_valid_of_possible", edZero.validOfPossible());
            e.put("finetuned_game_valid_of_possible", edFine.validOfPossible());
            e.put("zero_shot_examples", edZero.examples());
            e.put("finetuned_examples", edFine.examples());
            e.put("seconds", edSeconds);
            e.put("stages", List.of(
                    stage("pretrain", "span corruption", text(preExample.source()), text(preExample.target()),
                            "the encoder sees the whole corrupted chain at once; the decoder writes only the missing "
                                    + "spans"),
                    stage("finetune", "X→Y pairs", ftExample.x().word(), "BOS " + ftExample.y().word() + " EOS",
                            "the encoder sees one idiom; the decoder writes the next: a different task and format"),
                    stage("inference", "game", prompts.get(0).word() + " (X→Y) / " + text(zeroShot.apply(prompts.get(0)))
                                    + " (zero-shot)", "greedy: " + edFine.examples().get(0) + " / zero-shot: "
                                    + edZero.examples().get(0),
                            "the prompt must match the format of the last stage it was trained on")));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("pretrain_steps", dPre);
            d.put("pretrain_tokens_per_step", BATCH * T);
            d.put("finetune_steps", dft.steps());
            d.put("finetune_tokens_per_step", BATCH * T);
            d.put("zero_shot_game_valid_of_possible", decZero.validOfPossible());
            d.put("finetuned_game_valid_of_possible", decFine.validOfPossible());
            d.put("zero_shot_examples", decZero.examples());
            d.put("finetuned_examples", decFine.examples());
            d.put("seconds", decSeconds);
            d.put("stages", List.of(
                    stage("pretrain", "next character", text(java.util.Arrays.copyOf(dPreExample, T)),
                            text(java.util.Arrays.copyOfRange(dPreExample, 1, T + 1)),
                            "every position predicts the next character, seeing only the past"),
                    stage("finetune", "next character", text(java.util.Arrays.copyOf(dFtExample, T)),
                            text(java.util.Arrays.copyOfRange(dFtExample, 1, T + 1)),
                            "the same objective on game-shaped text: nothing changes"),
                    stage("inference", "next character", "BOS " + prompts.get(0).word() + " SEP",
                            "greedy: " + decFine.examples().get(0) + " / zero-shot: " + decZero.examples().get(0),
                            "the game is just more next characters")));
            r.put("encdec", e);
            r.put("decoder", d);
            r.put("pretrain_tokens", pretrainTokens);
            r.put("finetune_tokens", finetuneTokens);
            r.put("zero_shot_prompt", Map.of("encdec", "x1 x2 x3 x4 SEP <sentinel>: fill in the next idiom",
                    "decoder", "BOS x1 x2 x3 x4 SEP: continue the chain"));
            return r;
        }

        Map<String, Object> stage(String stage, String objective, String input, String target, String note) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stage", stage);
            s.put("objective", objective);
            s.put("input", input);
            s.put("target", target);
            s.put("note", note);
            return s;
        }

        /** Tokens as text, specials by name, PAD dropped. */
        String text(int[] ids) {
            StringBuilder b = new StringBuilder();
            for (int id : ids) {
                if (id == Vocabulary.PAD) {
                    continue;
                }
                if (id == SpanCorruption.SENTINEL) {
                    b.append("⟨X⟩");
                } else if (Vocabulary.isSpecial(id)) {
                    b.append(' ').append(vocab.token(id)).append(' ');
                } else {
                    b.append(vocab.character(id));
                }
            }
            return b.toString().trim().replaceAll(" +", " ");
        }
    }
}
