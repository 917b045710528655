package lab.jielong.engine.train;

import java.util.Arrays;
import java.util.function.Consumer;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.Parallel;
import lab.jielong.engine.TrainingPass;
import lab.jielong.engine.VecMath;

/**
 * The training loop: sample a batch, forward + backward on each thread's share of the batch
 * (data parallel: every thread owns a {@link TrainingPass} and a gradient array, so nothing is
 * shared inside a step; each thread walks its share in micro-batches), sum the gradients, clip, AdamW. Prints
 * {@code step N: loss x (y ms, z tok/s)} every {@link TrainConfig#logEvery()} steps.
 */
public final class Trainer implements AutoCloseable {

    /** Where training batches come from: fills B rows of T + 1 tokens (inputs and shifted targets). */
    public interface BatchSource {
        void fill(int[] tokens, int batchSize, int rowLength);
    }

    /** What a run produced. */
    public record Result(int steps, double finalLoss, double meanLossLast100, double seconds, double tokensPerSecond) {
    }

    private final Gpt model;
    private final TrainConfig config;
    private final Parallel parallel;
    private final TrainingPass[] passes;
    private final float[][] grads;
    private final AdamW optimizer;
    private final int T, rowLength, perThread, micro;
    private final int[] batch;
    private final double[] threadLoss;

    /**
     * Sequences per forward/backward pass within a thread. Measured here (small, 2 threads): passes
     * over all 16 of a thread's sequences at once keep ~32 MB of activations per thread, more than
     * the shared L3, and ran markedly slower than passes of 4.
     */
    static final int MICRO_BATCH = 4;

    private static int largestDivisorAtMost(int n, int max) {
        for (int d = Math.min(n, max); d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }

    public Trainer(Gpt model, TrainConfig config) {
        this.model = model;
        this.config = config;
        this.parallel = new Parallel(config.threads());
        this.T = model.config.context();
        this.rowLength = T + 1;
        this.perThread = config.batchSize() / config.threads();
        this.micro = largestDivisorAtMost(perThread, MICRO_BATCH);
        passes = new TrainingPass[config.threads()];
        grads = new float[config.threads()][];
        for (int i = 0; i < passes.length; i++) {
            passes[i] = new TrainingPass(model, micro);
            grads[i] = new float[model.parameterCount()];
        }
        optimizer = new AdamW(model.layout, 0.9f, 0.95f, 1e-8f, config.weightDecay());
        batch = new int[config.batchSize() * rowLength];
        threadLoss = new double[config.threads()];
    }

    /**
     * One optimisation step on the batch in {@link #batchBuffer()} at the given learning rate;
     * returns the mean loss before the update.
     */
    public double step(float lr) {
        // 1. the loss is a mean over all non-pad targets of the whole batch
        int count = 0;
        for (int b = 0; b < config.batchSize(); b++) {
            for (int t = 1; t <= T; t++) {
                if (batch[b * rowLength + t] != 0) {
                    count++;
                }
            }
        }
        if (count == 0) {
            return 0;
        }
        float scale = 1f / count;
        // 2. forward + backward, each thread on its rows, into its own gradient array
        parallel.forEachThread(i -> {
            TrainingPass pass = passes[i];
            Arrays.fill(grads[i], 0f);
            double l = 0;
            // micro-batches keep one pass's activations (~8 MB for small) in cache; gradients add up
            for (int b = 0; b < perThread; b += micro) {
                int off = (i * perThread + b) * rowLength;
                l += pass.forward(batch, off, rowLength, micro, T, batch, off + 1);
                pass.backward(grads[i], scale);
            }
            threadLoss[i] = l;
        });
        // 3. sum the gradients into grads[0], each thread summing a slice
        float[] g = grads[0];
        int n = g.length;
        parallel.forEachThread(i -> {
            int from = parallel.start(n, i), to = parallel.start(n, i + 1);
            for (int k = 1; k < grads.length; k++) {
                VecMath.axpy(1f, grads[k], from, g, from, to - from);
            }
        });
        double loss = 0;
        for (double l : threadLoss) {
            loss += l;
        }
        // 4. clip the global norm, then the AdamW update
        AdamW.clipGradNorm(g, config.gradClip());
        optimizer.step(model.parameters(), g, lr);
        model.parametersChanged();
        return loss / count;
    }

    /** The batch the next {@link #step} uses: (B, T + 1) tokens. */
    public int[] batchBuffer() {
        return batch;
    }

    /** Runs the configured number of steps, logging progress lines to log. */
    public Result train(BatchSource source, Consumer<String> log) {
        long start = System.nanoTime();
        long windowStart = start;
        double last = 0, sumRecent = 0;
        int nRecent = 0;
        for (int step = 0; step < config.steps(); step++) {
            source.fill(batch, config.batchSize(), rowLength);
            float lr = config.learningRateAt(step);
            last = step(lr);
            if (step >= config.steps() - 100) {
                sumRecent += last;
                nRecent++;
            }
            if ((step + 1) % config.logEvery() == 0 || step == 0 || step == config.steps() - 1) {
                long now = System.nanoTime();
                int stepsInWindow = step == 0 ? 1 : ((step + 1) % config.logEvery() == 0 ? config.logEvery()
                        : (step + 1) % config.logEvery());
                double ms = (now - windowStart) / 1e6 / stepsInWindow;
                double tokS = config.batchSize() * T / (ms / 1e3);
                log.accept(String.format("step %d: loss %.4f (%.1f ms, %.0f tok/s) lr %.2e", step + 1, last, ms, tokS, lr));
                windowStart = now;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(config.steps(), last, sumRecent / Math.max(1, nRecent), seconds,
                (double) config.steps() * config.batchSize() * T / seconds);
    }

    @Override
    public void close() {
        parallel.close();
    }
}
