package lab.jielong.labs.scaling;

import lab.jielong.corpus.ChainSampler;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.eval.ModelEvaluation;
import lab.jielong.engine.train.TrainConfig;
import lab.jielong.engine.train.Trainer;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Trains one point of a grid from scratch and measures it: the engine's {@link Trainer} one step at a
 * time (so a caller can watch every step and cancel between steps), then the loss on fresh chains of
 * training idioms and the next-character accuracy. The recipe is the shipped decoder's (AdamW
 * 0.9/0.95, weight decay 0.1 on matrices, 3% warmup then cosine to 0.1·lr, clip 1.0), at the design's
 * batch and learning rate.
 */
public final class PointRunner {

    /** Told after every training step. */
    public interface Progress {
        void step(int step, int steps, double loss);
    }

    /** The seed of the fresh chains every point is measured on (ModelEvaluation's teacher-forced seed). */
    public static final long FRESH_CHAINS_SEED = 12345;
    /** The seed of the training idioms for the next-character accuracy (ModelEvaluation's). */
    public static final long NEXT_CHAR_SEED = 99;

    private final IdiomCorpus corpus;
    private final Vocabulary vocab;
    private final ModelEvaluation evaluation;

    public PointRunner(IdiomCorpus corpus, Vocabulary vocab, ModelEvaluation evaluation) {
        this.corpus = corpus;
        this.vocab = vocab;
        this.evaluation = evaluation;
    }

    public Vocabulary vocabulary() {
        return vocab;
    }

    public TrainConfig trainConfig(GridDesign design, GridPoint p, int threads) {
        return new TrainConfig(p.steps(), design.batchSize(), (float) design.learningRate(),
                Math.max(10, (int) (0.03 * p.steps())), 0.1f, 0.1f, 1f, p.seed(), threads, 100);
    }

    /**
     * Runs the point. Throws {@link CancellationException} if cancelled says so between two steps.
     */
    public PointRecord run(GridDesign design, GridPoint p, int threads, Progress progress, BooleanSupplier cancelled) {
        ModelConfig mc = design.modelConfig(p.size(), vocab.size());
        TrainConfig tc = trainConfig(design, p, threads);
        String started = Instant.now().toString();
        double loadBefore = loadAverage();
        int T = mc.context(), row = T + 1, B = tc.batchSize();
        Gpt model = Gpt.initialize(mc, tc.seed());
        ChainSampler sampler = new ChainSampler(corpus, vocab, T, p.samplerSeed());
        int lastWindow = Math.max(1, Math.min(100, p.steps() / 10));
        int curveEvery = Math.max(1, p.steps() / 60);
        List<double[]> curve = new ArrayList<>();
        double last = 0, sumLast = 0, sumCurve = 0;
        int nCurve = 0;
        long targets = 0;
        long t0 = System.nanoTime();
        try (Trainer trainer = new Trainer(model, tc)) {
            int[] batch = trainer.batchBuffer();
            for (int step = 0; step < p.steps(); step++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled at step " + step + " of " + p.steps());
                }
                for (int b = 0; b < B; b++) {
                    sampler.sample(batch, b * row);
                    for (int t = 1; t < row; t++) {
                        if (batch[b * row + t] != Vocabulary.PAD) {
                            targets++;
                        }
                    }
                }
                last = trainer.step(tc.learningRateAt(step));
                if (step >= p.steps() - lastWindow) {
                    sumLast += last;
                }
                sumCurve += last;
                nCurve++;
                if ((step + 1) % curveEvery == 0 || step == p.steps() - 1) {
                    curve.add(new double[] {step + 1, sumCurve / nCurve});
                    sumCurve = 0;
                    nCurve = 0;
                }
                progress.step(step + 1, p.steps(), last);
            }
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        double fresh = evaluation.teacherForcedLoss(model, design.evalChains(), FRESH_CHAINS_SEED);
        double nextChar =
                evaluation.nextCharTop1(model, evaluation.sampleTraining(design.nextCharIdioms(), NEXT_CHAR_SEED), 3);
        double evalSeconds = (System.nanoTime() - t1) / 1e9;

        long tokens = (long) p.steps() * B * T;
        ParamCounts n = ParamCounts.of(mc);
        PointRecord.Flops flops =
                new PointRecord.Flops(FlopCount.exactPerToken(mc), FlopCount.exactPerToken(mc) * tokens,
                        6 * n.all() * tokens, 6 * n.nonEmbedding() * tokens, 6 * n.matrices() * tokens);
        return new PointRecord(p.index(), design.name(), corpus.checksum(), p.size(), p.sizeIndex(), p.level(),
                new PointRecord.Model(mc.vocabSize(), mc.context(), mc.dModel(), mc.nLayer(), mc.nHead(), mc.dFf(),
                        mc.causal()),
                new PointRecord.Training(tc.steps(), B, exact(tc.learningRate()), tc.warmupSteps(),
                        exact(tc.minLrRatio()),
                        exact(tc.weightDecay()), exact(tc.gradClip()), tc.seed(), p.samplerSeed(), tc.threads()),
                new PointRecord.Params(n.all(), n.nonEmbedding(), n.matrices()),
                tokens, targets, flops,
                new PointRecord.Losses(fresh, roundUp(design.evalChains(), 64), FRESH_CHAINS_SEED, sumLast / lastWindow,
                        lastWindow, last),
                nextChar, curve,
                new PointRecord.Timing(started, trainSeconds, evalSeconds, tokens / trainSeconds, loadBefore,
                        loadAverage()));
    }

    /** ModelEvaluation measures whole batches of 64 chains. */
    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** A float as the decimal it was written as (0.004, not 0.004000000189989805). */
    private static double exact(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
