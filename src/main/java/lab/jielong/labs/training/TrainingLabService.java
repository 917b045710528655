package lab.jielong.labs.training;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.ChainSampler;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.InputProblem;
import lab.jielong.corpus.TextNormalizer;
import lab.jielong.corpus.TextWindows;
import lab.jielong.corpus.Tier;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.ParameterLayout;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.engine.eval.ModelEvaluation;
import lab.jielong.engine.train.TrainConfig;
import lab.jielong.engine.train.Trainer;
import lab.jielong.jobs.TrainingJobs;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import lab.jielong.models.SessionModels;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The training lab: a causal decoder and the peeking model (the same model without the mask) trained side by
 * side from the same initial weights on the same batches, live, as a {@link TrainingJobs} job; on idiom
 * chains or on the visitor's own text. Every step sends both training losses and the throughput; every
 * {@value #EVAL_EVERY} steps (and at the start and the end) a {@link Snapshot} adds the losses on fixed
 * evaluation rows — the peeking model's also <em>honestly</em>, each position seeing only its past as at
 * generation time — and both models' answers to the same prompts.
 *
 * <p>The configuration ({@link #plan}) was chosen by measurement on the development machine (2 shared cores,
 * load average 20-25, one trainer thread; a scratch program printing both losses, the honest loss and the
 * answers every 10 s): {@code tiny} (d_model 64, 2 layers, 4 heads, d_ff 256, context 32), batch 16 × 32,
 * AdamW at lr 1e-2, on the well-known ({@link Tier#CORE}) training idioms (4,007 in the dictionary of that day,
 * 5,651 in today's), ran at about 7,000 tokens/s
 * for both models together and took its 1,000 steps in 143 s. By step 300-400 (about a minute) the decoder
 * began its answers with the prompt's last character; from step 550-800 it wrote dictionary idioms (意兴阑珊,
 * 足不出户), while the peeking model's training loss fell below 0.3 and its honest loss rose above 10, its
 * answers repeating one character (意心气意, 功到到到). On all 21,070 training idioms the decoder still wrote
 * 不不不不 after two minutes; batch 8 and d_model 48 learned no faster per second. With the machine quiet (load
 * average 3-6) the same program took the 1,000 steps in 66 s, and {@code bench} measured the lab's run at about
 * 30,000 tokens/s.
 */
@Service
public class TrainingLabService {

    /** The lab's model shape, d_model 64, 2 layers, 4 heads, d_ff 256 (the reference's {@code tiny}). */
    static final int D_MODEL = 64, LAYERS = 2, HEADS = 4, D_FF = 256;
    static final int BATCH = 16;
    static final float LEARNING_RATE = 1e-2f;
    /** Steps of a run (fewer if the job service's step cap is lower). */
    static final int STEPS = 1_000;
    static final long SEED = 7;
    /** A snapshot (evaluation losses, answers) every this many steps. */
    static final int EVAL_EVERY = 50;
    /** Fixed evaluation rows, drawn with their own seed. */
    static final int EVAL_ROWS = 8;
    static final long EVAL_SEED = 777;
    /** Own text: at most this many characters after normalising, at least this many. */
    public static final int MAX_TEXT = 20_000, MIN_TEXT = 50;
    /** Raw input longer than this is refused before it is normalised. */
    static final int MAX_RAW = 60_000;
    /** Characters an answer to an own-text prompt writes; characters of such a prompt. */
    static final int TEXT_ANSWER = 10, TEXT_PROMPT = 6;
    /** Idioms whose successor the snapshots ask for: the first three of these in the pool. */
    static final List<String> PROMPTS = List.of("一心一意", "画蛇添足", "自以为是", "马到成功", "守株待兔", "一帆风顺");

    private final IdiomCorpus corpus;
    private final ModelService models;
    private final TrainingJobs jobs;
    private final TrainingData.IdiomChains idiomChains;

    public TrainingLabService(IdiomCorpus corpus, ModelService models, TrainingJobs jobs) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.models = Objects.requireNonNull(models, "models");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        List<Idiom> pool = corpus.training().stream().filter(i -> i.tier() == Tier.CORE).toList();
        List<String> prompts = PROMPTS.stream().filter(p -> pool.stream().anyMatch(i -> i.word().equals(p))).limit(3)
                .toList();
        this.idiomChains = new TrainingData.IdiomChains(pool, models.shipped().vocabulary(), prompts);
    }

    // ---------------------------------------------------------------------------------------------
    // values

    /**
     * What a run trains on: idiom chains of well-known idioms (the shipped vocabulary, so the result can play
     * the game), or windows of the visitor's text (its own vocabulary).
     */
    public sealed interface TrainingData {

        Vocabulary vocabulary();

        /** Prompts the snapshots answer. */
        List<String> prompts();

        /** Chains {@code BOS i1 SEP i2 …} of {@code pool}, random successors. */
        record IdiomChains(List<Idiom> pool, Vocabulary vocabulary, List<String> prompts) implements TrainingData {
        }

        /**
         * Windows {@code BOS c_i … c_i+T-1} of the visitor's normalised text.
         *
         * @param converted traditional characters were made simplified
         */
        record OwnText(String text, Vocabulary vocabulary, boolean converted,
                List<String> prompts) implements TrainingData {
            public int characters() {
                return text.codePointCount(0, text.length());
            }
        }
    }

    /**
     * A run's configuration, as the page shows it.
     *
     * @param parameters each model's parameter count
     * @param steps      steps the run takes unless stopped
     */
    public record Plan(TrainingData data, ModelConfig model, TrainConfig training, long parameters, int steps) {
        /** Tokens both models train on per step. */
        public int tokensPerStep() {
            return 2 * training.batchSize() * model.context();
        }
    }

    /** Typed events of a run. */
    public sealed interface LabEvent {
    }

    /**
     * One step of both models.
     *
     * @param decoderLoss     the decoder's mean loss on the step's batch, before its update
     * @param peekingLoss     the peeking model's, on the same batch
     * @param stepMillis      wall time of this step: the batch and both models' updates
     * @param tokensPerSecond training tokens of both models per second over the last steps (snapshots excluded)
     * @param elapsedSeconds  wall time since the run started (snapshots included)
     */
    public record Step(int step, int steps, double decoderLoss, double peekingLoss, float learningRate,
            double stepMillis, double tokensPerSecond, double elapsedSeconds) implements LabEvent {
    }

    /**
     * Both models measured on the same fixed evaluation rows, and their answers to the same prompts.
     *
     * @param decoderLoss        the decoder's loss on the rows (its honest loss too: it cannot see the future)
     * @param peekingLoss        the peeking model's teacher-forced loss on them, every position seeing the whole row
     * @param peekingHonestLoss  the peeking model's loss when position t sees only tokens 0..t
     */
    public record Snapshot(int step, double decoderLoss, double peekingLoss, double peekingHonestLoss,
            List<Answer> answers) implements LabEvent {
    }

    /**
     * Both models' greedy answers to one prompt. For idiom chains the answer is the next idiom (valid: a
     * dictionary idiom of four characters starting with the prompt's last character); for a text, the next
     * {@value #TEXT_ANSWER} characters (valid: the text goes on exactly so).
     *
     * @param expected for a text, how it goes on; empty for idiom chains
     */
    public record Answer(String prompt, String decoder, boolean decoderValid, String peeking, boolean peekingValid,
            Optional<String> expected) {
    }

    /** A finished (or stopped) run: both models as trained so far, and its plan. */
    public record LabRun(Plan plan, Gpt decoder, Gpt peeking, int steps) {
    }

    /** Own text, normalised and checked; or why not (message key and its argument). */
    public record CheckedText(Optional<TrainingData.OwnText> data, Optional<String> problemKey,
            List<Object> messageArgs) {
    }

    /** Text written by both models after a prompt, or why the prompt cannot be used. */
    public record Writing(String prompt, String decoder, String peeking, Optional<String> problemKey,
            List<Object> messageArgs) {
    }

    // ---------------------------------------------------------------------------------------------

    /** The idiom chains of the lab: the well-known training idioms. */
    public TrainingData.IdiomChains idiomChains() {
        return idiomChains;
    }

    /** All training idioms of the corpus (what the game's decoder learned), for comparison with the lab's pool. */
    public int trainingIdioms() {
        return corpus.training().size();
    }

    /** The job service the runs go to (for its limits and queue). */
    public TrainingJobs jobs() {
        return jobs;
    }

    /** Checks pasted text: normalised, Chinese, {@value #MIN_TEXT} to {@value #MAX_TEXT} characters. */
    public CheckedText checkText(String raw) {
        if (raw != null && raw.length() > MAX_RAW) {
            return new CheckedText(Optional.empty(), Optional.of("input." + InputProblem.TOO_LONG.name()),
                    List.of(MAX_TEXT));
        }
        CheckedInput input = TextNormalizer.checkText(raw, MAX_TEXT);
        if (!input.ok()) {
            return new CheckedText(Optional.empty(), Optional.of("input." + input.problem().name()),
                    input.messageArgs());
        }
        String text = input.text();
        int length = text.codePointCount(0, text.length());
        if (length < MIN_TEXT) {
            return new CheckedText(Optional.empty(), Optional.of("training.text.short"), List.of(length));
        }
        List<String> prompts = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        for (int k = 0; k < 3; k++) {
            int from = (int) ((long) (cps.length - TEXT_PROMPT - TEXT_ANSWER) * k / 3);
            prompts.add(new String(cps, from, TEXT_PROMPT));
        }
        return new CheckedText(Optional.of(new TrainingData.OwnText(text, TextWindows.vocabularyOf(text),
                input.convertedFromTraditional(), List.copyOf(prompts))), Optional.empty(), List.of());
    }

    /** The run's configuration on {@code data}. */
    public Plan plan(TrainingData data) {
        ModelConfig model = new ModelConfig(data.vocabulary().size(), ModelConfig.CONTEXT, D_MODEL, LAYERS, HEADS, D_FF,
                true);
        int steps = Math.min(STEPS, jobs.limits().maxSteps());
        TrainConfig training = new TrainConfig(steps, BATCH, LEARNING_RATE, Math.max(10, steps * 3 / 100), 0.1f, 0.1f,
                1f, SEED, 1, EVAL_EVERY);
        return new Plan(data, model, training, new ParameterLayout(model).size, steps);
    }

    /**
     * Queues a run on {@code data} for {@code owner} (the visitor's session): its events and end go to
     * {@code listener}; refused if the owner already has a run or the queue is full.
     */
    public TrainingJobs.Submission<LabEvent, LabRun> start(Object owner, TrainingData data,
            TrainingJobs.Listener<LabEvent, LabRun> listener) {
        Plan plan = plan(data);
        return jobs.submit(owner, context -> train(plan, context), listener);
    }

    /** Idiom-chain runs can play the game (they share the shipped vocabulary); text runs stay in the lab. */
    public boolean playable(LabRun run) {
        return run.plan().data() instanceof TrainingData.IdiomChains;
    }

    /**
     * The run as the visitor's models (checked as the shipped ones are), for {@code SessionModels.use}: the game,
     * Guess and the other labs then use them for this visitor only.
     */
    public Models asModels(LabRun run) {
        if (!playable(run)) {
            throw new IllegalArgumentException(
                    "a run on your own text has its own vocabulary and cannot play the game");
        }
        return models.check(run.decoder(), run.peeking(), run.plan().data().vocabulary(),
                "trained in the training lab (" + run.steps() + " steps)");
    }

    /**
     * From now on the current visitor plays with {@code run} (Play, Guess, the labs), nobody else; false outside
     * a visit. The shipped models stay as they are.
     */
    public boolean useForVisitor(LabRun run) {
        Models own = asModels(run);
        models.visitor().ifPresent(v -> v.use(own));
        return models.visitor().isPresent();
    }

    /** The current visitor goes back to the shipped models. */
    public void useShipped() {
        models.visitor().ifPresent(SessionModels::reset);
    }

    /** Where the current visitor's own models come from, if they play with their own. */
    public Optional<String> visitorModels() {
        return models.visitor().flatMap(SessionModels::own).map(Models::source);
    }

    /** Both models continue a prompt of the run's kind (a text run: up to {@value #TEXT_ANSWER} characters). */
    public Writing write(LabRun run, String typed) {
        int max = run.plan().model().context() - TEXT_ANSWER - 1;
        if (typed != null && typed.length() > 4 * max) {
            return new Writing("", "", "", Optional.of("input." + InputProblem.TOO_LONG.name()), List.of(max));
        }
        CheckedInput input = TextNormalizer.checkText(typed, max);
        if (!input.ok()) {
            return new Writing(input.text(), "", "", Optional.of("input." + input.problem().name()),
                    input.messageArgs());
        }
        Answer a = answer(run.plan(), run.decoder(), run.peeking(), input.text());
        return new Writing(input.text(), a.decoder(), a.peeking(), Optional.empty(), List.of());
    }

    // ---------------------------------------------------------------------------------------------
    // the job

    /** Where a run's batches come from: idiom chains or text windows, seeded. */
    private static Trainer.BatchSource source(TrainingData data, int context, long seed) {
        if (data instanceof TrainingData.IdiomChains chains) {
            ChainSampler sampler = new ChainSampler(chains.pool(), chains.vocabulary(), context, seed);
            return (tokens, batchSize, rowLength) -> {
                for (int b = 0; b < batchSize; b++) {
                    sampler.sample(tokens, b * rowLength);
                }
            };
        }
        TrainingData.OwnText text = (TrainingData.OwnText) data;
        TextWindows windows = new TextWindows(TextWindows.encode(text.text(), text.vocabulary()), context, seed);
        return (tokens, batchSize, rowLength) -> {
            for (int b = 0; b < batchSize; b++) {
                windows.sample(tokens, b * rowLength);
            }
        };
    }

    /**
     * The run: both models from the same initial weights (the seed; only the mask differs), each step one batch
     * given to both, each trainer on this one thread (the job service's thread), in turn.
     */
    LabRun train(Plan plan, TrainingJobs.Context<LabEvent> context) {
        ModelConfig mc = plan.model();
        TrainConfig tc = plan.training();
        int T = mc.context(), B = tc.batchSize();
        Gpt decoder = Gpt.initialize(mc, tc.seed());
        Gpt peeking = Gpt.initialize(mc.withCausal(false), tc.seed());
        Trainer.BatchSource source = source(plan.data(), T, tc.seed());
        int[] evalRows = new int[EVAL_ROWS * (T + 1)];
        source(plan.data(), T, EVAL_SEED).fill(evalRows, EVAL_ROWS, T + 1);
        long start = System.nanoTime();
        int done = 0;
        try (Trainer d = new Trainer(decoder, tc); Trainer p = new Trainer(peeking, tc)) {
            context.emit(snapshot(plan, decoder, peeking, evalRows, 0));
            int[] batch = d.batchBuffer();
            long[] recent = new long[20];                 // the last steps' wall times, for tokens/s
            while (done < plan.steps() && context.nextStep()) {
                long t0 = System.nanoTime();
                source.fill(batch, B, T + 1);
                System.arraycopy(batch, 0, p.batchBuffer(), 0, batch.length);
                float lr = tc.learningRateAt(done);
                double decoderLoss = d.step(lr);
                double peekingLoss = p.step(lr);
                long t1 = System.nanoTime();
                recent[done % recent.length] = t1 - t0;
                done++;
                int n = Math.min(done, recent.length);
                long nanos = 0;
                for (int i = 0; i < n; i++) {
                    nanos += recent[i];
                }
                context.emit(new Step(done, plan.steps(), decoderLoss, peekingLoss, lr, (t1 - t0) / 1e6,
                        (double) n * plan.tokensPerStep() / (nanos / 1e9), (t1 - start) / 1e9));
                if (done % EVAL_EVERY == 0 || done == plan.steps()) {
                    context.emit(snapshot(plan, decoder, peeking, evalRows, done));
                }
            }
            if (done % EVAL_EVERY != 0 && done != plan.steps()) {
                context.emit(snapshot(plan, decoder, peeking, evalRows, done));   // stopped between snapshots
            }
        }
        return new LabRun(plan, decoder, peeking, done);
    }

    private Snapshot snapshot(Plan plan, Gpt decoder, Gpt peeking, int[] rows, int step) {
        List<Answer> answers = plan.data().prompts().stream().map(q -> answer(plan, decoder, peeking, q)).toList();
        return new Snapshot(step, ModelEvaluation.teacherForcedLoss(decoder, rows, EVAL_ROWS),
                ModelEvaluation.teacherForcedLoss(peeking, rows, EVAL_ROWS),
                ModelEvaluation.honestLoss(peeking, rows, EVAL_ROWS), answers);
    }

    /** Both models' greedy answers to a prompt, as generation works: one token at a time, no future to see. */
    private Answer answer(Plan plan, Gpt decoder, Gpt peeking, String prompt) {
        if (plan.data() instanceof TrainingData.IdiomChains chains) {
            int[] tokens = ChainFormat.encode(prompt, chains.vocabulary(), true);
            String d = generate(decoder, chains.vocabulary(), tokens, Idiom.LENGTH + 2);
            String p = generate(peeking, chains.vocabulary(), tokens, Idiom.LENGTH + 2);
            char last = prompt.charAt(prompt.length() - 1);
            return new Answer(prompt, d, validIdiom(d, last), p, validIdiom(p, last), Optional.empty());
        }
        TrainingData.OwnText text = (TrainingData.OwnText) plan.data();
        int[] tokens = TextWindows.prompt(prompt, text.vocabulary());
        String d = generate(decoder, text.vocabulary(), tokens, TEXT_ANSWER);
        String p = generate(peeking, text.vocabulary(), tokens, TEXT_ANSWER);
        Optional<String> expected = goesOn(text.text(), prompt);
        return new Answer(prompt, d, expected.map(d::equals).orElse(false), p, expected.map(p::equals).orElse(false),
                expected);
    }

    private boolean validIdiom(String answer, char last) {
        return answer.length() == Idiom.LENGTH && answer.charAt(0) == last && corpus.contains(answer);
    }

    /** How the text goes on after the first occurrence of prompt ({@value #TEXT_ANSWER} characters). */
    private static Optional<String> goesOn(String text, String prompt) {
        int at = text.indexOf(prompt);
        if (at < 0) {
            return Optional.empty();
        }
        int from = at + prompt.length();
        int[] next = text.substring(from).codePoints().limit(TEXT_ANSWER).toArray();
        return Optional.of(new String(next, 0, next.length));
    }

    private static String generate(Gpt model, Vocabulary vocabulary, int[] prompt, int maxTokens) {
        InferenceSession s = model.newSession();
        s.feed(prompt);
        return Decoding.free(s, vocabulary, Math.min(maxTokens, s.remaining()), Sampler.greedy(), null).text();
    }
}
