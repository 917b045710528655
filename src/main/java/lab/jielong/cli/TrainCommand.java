package lab.jielong.cli;

import lab.jielong.corpus.ChainSampler;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.PairSampler;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.EncDecConfig;
import lab.jielong.engine.EncoderDecoder;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.eval.ModelEvaluation;
import lab.jielong.engine.io.Checkpoint;
import lab.jielong.engine.io.EncDecCheckpoint;
import lab.jielong.engine.train.EncDecTrainer;
import lab.jielong.engine.train.ProgressLine;
import lab.jielong.engine.train.TrainConfig;
import lab.jielong.engine.train.Trainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code train --model decoder|peeking}: trains a model from scratch with its recipe (or with the
 * overrides given), writes {@code NAME.ckpt} (fp16) and {@code NAME.json}, the record of how it was
 * made: configuration, seed, corpus checksum, steps, final losses, wall time, machine load, the
 * command, and its metrics measured on the saved file.
 */
final class TrainCommand {

    private TrainCommand() {
    }

    static void run(String[] args) throws IOException {
        Options o =
                new Options(args, Set.of("model", "size", "steps", "lr", "seed", "threads", "out", "name", "log-every"),
                        Set.of("fp32", "no-eval", "json"));
        Recipe r = Recipe.named(o.get("model", "decoder"));
        Recipe recipe = new Recipe(o.get("name", r.name()), o.get("size", r.size()), r.causal(),
                o.getInt("steps", r.steps()), o.getFloat("lr", r.learningRate()), o.getLong("seed", r.seed()));
        int threads = o.getInt("threads", TrainConfig.defaultThreads());
        Path outDir = Path.of(o.get("out", "src/main/resources/models"));

        if (recipe.encoderDecoder()) {
            trainEncDec(recipe, threads, outDir, o, args);
            return;
        }
        long t0 = System.nanoTime();
        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocab = Vocabulary.of(corpus);
        ModelConfig mc = recipe.modelConfig(vocab.size());
        TrainConfig tc = recipe.trainConfig(threads).withLogEvery(o.getInt("log-every", 100));
        Gpt model = Gpt.initialize(mc, tc.seed());
        System.out.printf("training %s: %s, %,d parameters, %d steps of %d x %d tokens, lr %.1e, seed %d, %d threads%n",
                recipe.name(), mc.describe(), model.parameterCount(), tc.steps(), tc.batchSize(), mc.context(),
                tc.learningRate(), tc.seed(), tc.threads());
        double loadBefore = load();
        ChainSampler sampler = new ChainSampler(corpus, vocab, mc.context(), tc.seed() + 1);
        Trainer.Result result;
        try (Trainer trainer = new Trainer(model, tc)) {
            result = trainer.train((tokens, B, row) -> {
                for (int b = 0; b < B; b++) {
                    sampler.sample(tokens, b * row);
                }
            }, new ProgressLine(tc.logEvery(), System.out::println));
        }
        double loadAfter = load();
        Files.createDirectories(outDir);
        Path ckpt = outDir.resolve(recipe.name() + ".ckpt");
        boolean fp16 = !o.flag("fp32");
        try (OutputStream out = Files.newOutputStream(ckpt)) {
            Checkpoint.save(model, vocab, tc, fp16, out);
        }
        Gpt saved;
        try (InputStream in = Files.newInputStream(ckpt)) {
            saved = Checkpoint.load(in, ckpt.toString()).model();
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", recipe.name());
        record.put("command", "java --add-modules jdk.incubator.vector -jar target/jielong-lab-0.1.0-SNAPSHOT.jar "
                + String.join(" ", args));
        record.put("created", Instant.now().toString());
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("size", recipe.size());
        cfg.put("vocab_size", mc.vocabSize());
        cfg.put("context", mc.context());
        cfg.put("d_model", mc.dModel());
        cfg.put("n_layer", mc.nLayer());
        cfg.put("n_head", mc.nHead());
        cfg.put("d_ff", mc.dFf());
        cfg.put("causal", mc.causal());
        cfg.put("parameters", model.parameterCount());
        record.put("model", cfg);
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("steps", tc.steps());
        train.put("batch", tc.batchSize());
        train.put("tokens_per_step", tc.batchSize() * mc.context());
        train.put("lr", (double) tc.learningRate());
        train.put("warmup_steps", tc.warmupSteps());
        train.put("schedule", "linear warmup, cosine decay to " + tc.minLrRatio() + " x lr");
        train.put("adamw", tc.describeOptimizer());
        train.put("adamw_beta1", tc.beta1());
        train.put("adamw_beta2", tc.beta2());
        train.put("adamw_eps", tc.eps());
        train.put("weight_decay", tc.weightDecay());
        train.put("grad_clip", (double) tc.gradClip());
        train.put("seed", tc.seed());
        train.put("sampler_seed", tc.seed() + 1);
        train.put("threads", tc.threads());
        record.put("training", train);
        putRun(record, corpus, result, loadBefore, loadAfter, ckpt, fp16);
        if (!o.flag("no-eval")) {
            System.out.println("evaluating the saved checkpoint ...");
            record.put("eval", EvalCommand.metrics(saved, corpus, vocab, new ModelEvaluation(corpus, vocab)));
        }
        writeRecord(record, outDir.resolve(recipe.name() + ".json"), ckpt, t0);
        if (o.flag("json")) {
            System.out.println(Json.write(record, false));
        }
    }

    /** {@code train --model encdec}: the encoder-decoder on aligned pairs, its record like the decoder's. */
    private static void trainEncDec(Recipe recipe, int threads, Path outDir, Options o, String[] args)
            throws IOException {
        long t0 = System.nanoTime();
        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocab = Vocabulary.of(corpus);
        EncDecConfig mc = recipe.encDecConfig(vocab.size());
        TrainConfig tc = recipe.trainConfig(threads).withLogEvery(o.getInt("log-every", 100));
        EncoderDecoder model = EncoderDecoder.initialize(mc, tc.seed());
        int Tx = PairSampler.SOURCE_LENGTH, Ty = PairSampler.TARGET_LENGTH;
        System.out.printf("training %s: %s, %,d parameters, %d steps of %d pairs (%d + %d tokens), lr %.1e, seed %d, "
                + "%d threads%n", recipe.name(), mc.describe(), model.parameterCount(), tc.steps(),
                tc.batchSize(), Tx, Ty, tc.learningRate(), tc.seed(), tc.threads());
        double loadBefore = load();
        PairSampler sampler = new PairSampler(corpus, vocab, tc.seed() + 1);
        Trainer.Result result;
        try (EncDecTrainer trainer = new EncDecTrainer(model, tc, Tx, Ty)) {
            result = trainer.train((tokens, B, row) -> {
                for (int b = 0; b < B; b++) {
                    sampler.sample(tokens, b * row, Tx, Ty);
                }
            }, new ProgressLine(tc.logEvery(), System.out::println));
        }
        double loadAfter = load();
        Files.createDirectories(outDir);
        Path ckpt = outDir.resolve(recipe.name() + ".ckpt");
        boolean fp16 = !o.flag("fp32");
        try (OutputStream out = Files.newOutputStream(ckpt)) {
            EncDecCheckpoint.save(model, vocab, tc, fp16, out);
        }
        EncoderDecoder saved;
        try (InputStream in = Files.newInputStream(ckpt)) {
            saved = EncDecCheckpoint.load(in, ckpt.toString()).model();
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", recipe.name());
        record.put("command", "java --add-modules jdk.incubator.vector -jar target/jielong-lab-0.1.0-SNAPSHOT.jar "
                + String.join(" ", args));
        record.put("created", Instant.now().toString());
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("kind", "encoder-decoder");
        cfg.put("size", mc.size());
        cfg.put("vocab_size", mc.vocabSize());
        cfg.put("source_context", mc.sourceContext());
        cfg.put("target_context", mc.targetContext());
        cfg.put("d_model", mc.dModel());
        cfg.put("encoder_layers", mc.encoderLayers());
        cfg.put("decoder_layers", mc.decoderLayers());
        cfg.put("n_head", mc.nHead());
        cfg.put("d_ff", mc.dFf());
        cfg.put("parameters", model.parameterCount());
        record.put("model", cfg);
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("data", "aligned pairs: X = a training idiom (" + Tx + " tokens), Y = BOS + a training idiom "
                + "starting with X's last character + EOS; " + sampler.pairCount() + " distinct pairs over "
                + sampler.sourceCount() + " possible X");
        train.put("steps", tc.steps());
        train.put("batch", tc.batchSize());
        train.put("tokens_per_step", tc.batchSize() * (Tx + Ty));
        train.put("lr", (double) tc.learningRate());
        train.put("warmup_steps", tc.warmupSteps());
        train.put("schedule", "linear warmup, cosine decay to " + tc.minLrRatio() + " x lr");
        train.put("adamw", tc.describeOptimizer());
        train.put("weight_decay", tc.weightDecay());
        train.put("grad_clip", (double) tc.gradClip());
        train.put("seed", tc.seed());
        train.put("sampler_seed", tc.seed() + 1);
        train.put("threads", tc.threads());
        record.put("training", train);
        putRun(record, corpus, result, loadBefore, loadAfter, ckpt, fp16);
        if (!o.flag("no-eval")) {
            System.out.println("evaluating the saved checkpoint ...");
            record.put("eval", EvalCommand.encDecMetrics(saved, corpus, vocab, new ModelEvaluation(corpus, vocab)));
        }
        writeRecord(record, outDir.resolve(recipe.name() + ".json"), ckpt, t0);
    }

    /** The parts of a model's record both architectures share: the corpus, the run's figures, the weights file. */
    private static void putRun(Map<String, Object> record, IdiomCorpus corpus, Trainer.Result result, double loadBefore,
            double loadAfter, Path ckpt, boolean fp16) throws IOException {
        record.put("corpus_checksum", corpus.checksum());
        record.put("corpus_idioms", corpus.idioms().size());
        record.put("training_idioms", corpus.training().size());
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("final_loss", result.finalLoss());
        res.put("mean_loss_last_100_steps", result.meanLossLast100());
        res.put("train_seconds", result.seconds());
        res.put("tokens_per_second", result.tokensPerSecond());
        res.put("load_average_before", loadBefore);
        res.put("load_average_after", loadAfter);
        res.put("cpus", Runtime.getRuntime().availableProcessors());
        res.put("java", System.getProperty("java.version"));
        record.put("result", res);
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("file", ckpt.getFileName().toString());
        weights.put("dtype", fp16 ? "fp16" : "fp32");
        weights.put("bytes", Files.size(ckpt));
        record.put("weights", weights);
    }

    /** Writes the record beside its checkpoint, with the command's whole time. */
    private static void writeRecord(Map<String, Object> record, Path json, Path ckpt, long t0) throws IOException {
        record.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        Files.writeString(json, Json.write(record, true) + "\n", StandardCharsets.UTF_8);
        System.out.printf("wrote %s (%,d bytes) and %s in %.0f s%n", ckpt, Files.size(ckpt), json,
                (System.nanoTime() - t0) / 1e9);
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
