package lab.jielong.engine.train;

import lab.jielong.engine.Gpt;
import lab.jielong.engine.Parallel;
import lab.jielong.engine.TrainingPass;
import lab.jielong.engine.VecMath;

import java.util.function.BooleanSupplier;

/**
 * The training loop: sample a batch, forward + backward on each thread's share of the batch
 * (data parallel: every thread owns a {@link TrainingPass} and a gradient array, so nothing is
 * shared inside a step; each thread walks its share in micro-batches), sum the gradients, clip, AdamW.
 * Every phase runs on all threads: the matrices packed in panels for the forward (a share each), the passes,
 * the gradient sum with the norm's squares (a slice each), and the AdamW update (a slice each).
 * After every step a {@link StepEvent} goes to the caller's {@link StepListener} (the CLI prints
 * {@link ProgressLine}s from them); a run stops early, cleanly, when its cancel check says so.
 */
public final class Trainer implements AutoCloseable {

    /** Where training batches come from: fills B rows of T + 1 tokens (inputs and shifted targets). */
    public interface BatchSource {
        void fill(int[] tokens, int batchSize, int rowLength);
    }

    /**
     * What one step did.
     *
     * @param step            1-based
     * @param steps           the steps the run was configured for
     * @param loss            mean loss of the step's batch, before the update
     * @param learningRate    the step's learning rate (after warmup and decay)
     * @param gradNorm        global L2 norm of the gradient before clipping
     * @param tokens          training tokens seen so far, this step's included (B·T per step)
     * @param stepMillis      wall time of this step, its batch included
     * @param tokensPerSecond B·T / the step's wall time
     * @param elapsedSeconds  wall time since the run started
     */
    public record StepEvent(int step, int steps, double loss, float learningRate, double gradNorm, long tokens,
            double stepMillis, double tokensPerSecond, double elapsedSeconds) {
    }

    /** Receives every step's event, on the training thread (keep it quick). */
    @FunctionalInterface
    public interface StepListener {
        void onStep(StepEvent event);
    }

    /**
     * What a run produced.
     *
     * @param steps           steps done (fewer than configured when cancelled)
     * @param meanLossLast100 mean loss of the last 100 steps done (all of them if fewer)
     * @param cancelled       the cancel check stopped the run before its configured steps
     */
    public record Result(int steps, double finalLoss, double meanLossLast100, double seconds, double tokensPerSecond,
            boolean cancelled) {
    }

    private final Gpt model;
    private final TrainConfig config;
    private final Parallel parallel;
    private final TrainingPass[] passes;
    private final float[][] grads;
    private final AdamW optimizer;
    private final int T, rowLength, perThread, micro;
    private final int[] batch;
    private final double[] threadLoss, threadSquares;
    /** The model's matrices packed in panels, refreshed at the start of every step: the forward's weights. */
    private final float[] panels;
    private double lastGradNorm;

    /**
     * Sequences per forward/backward pass within a thread. Measured here (small, 2 threads, steps of the sizes
     * alternating in one JVM): passes of 8 (~16 MB of activations per thread) against 4, three runs of 40-60 s,
     * median step 4.6%, 1.5% and 4.5% shorter; all 16 of a thread's sequences at once (~32 MB) in one of them:
     * 38.5 ms against 38.9 (4) and 37.2 (8). Fewer passes read and write the weight gradients, which every pass
     * adds into from memory, less often; larger ones outgrow the caches.
     */
    static final int MICRO_BATCH = 8;

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
        panels = new float[model.parameterCount()];
        for (int i = 0; i < passes.length; i++) {
            passes[i] = new TrainingPass(model, micro, T, panels);
            grads[i] = new float[model.parameterCount()];
        }
        optimizer = new AdamW(model.layout, config.beta1(), config.beta2(), config.eps(), config.weightDecay());
        batch = new int[config.batchSize() * rowLength];
        threadLoss = new double[config.threads()];
        threadSquares = new double[config.threads()];
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
            lastGradNorm = 0;
            return 0;
        }
        float scale = 1f / count;
        // 2. forward + backward, each thread on its rows, into its own gradient array; first the forward's
        // weights: every matrix transposed in panels of 64 outputs (awPanels), a share per thread, once a step
        parallel.forEachThread(i -> model.packMatrices(panels, i, parallel.threads()));
        parallel.forEachThread(i -> {
            TrainingPass pass = passes[i];
            double l = 0;                                 // grads[i] is all 0: the last step's sum and update cleared it
            // micro-batches keep one pass's activations (~16 MB for small) mostly in cache; gradients add up
            for (int b = 0; b < perThread; b += micro) {
                int off = (i * perThread + b) * rowLength;
                l += pass.forward(batch, off, rowLength, micro, T, batch, off + 1);
                pass.backward(grads[i], scale);
            }
            threadLoss[i] = l;
        });
        // 3. sum the gradients into grads[0], each thread summing a slice, and its share of the squared norm
        float[] g = grads[0];
        int n = g.length;
        parallel.forEachThread(i -> threadSquares[i] = VecMath.sumIntoFirstWithSquares(grads, parallel.start(n, i),
                parallel.start(n, i + 1)));
        double loss = 0, squares = 0;
        for (int i = 0; i < threadLoss.length; i++) {
            loss += threadLoss[i];
            squares += threadSquares[i];
        }
        // 4. clip the global norm (torch's clip_grad_norm_, folded into the update), then AdamW, a slice per thread
        lastGradNorm = Math.sqrt(squares);
        float clip = AdamW.clipScale(lastGradNorm, config.gradClip());
        AdamW.StepSize size = optimizer.begin(lr);
        float[] params = model.parameters();
        parallel.forEachThread(
                i -> optimizer.update(size, params, g, clip, parallel.start(n, i), parallel.start(n, i + 1)));
        model.parametersChanged();
        return loss / count;
    }

    /** The batch the next {@link #step} uses: (B, T + 1) tokens. */
    public int[] batchBuffer() {
        return batch;
    }

    /** Global gradient norm (before clipping) of the last {@link #step}. */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** Runs the configured number of steps, sending each step's event to listener. */
    public Result train(BatchSource source, StepListener listener) {
        return train(source, listener, () -> false);
    }

    /**
     * Runs the configured number of steps, sending each step's event to listener; before every step asks
     * cancelled, and stops there when it says so (the model keeps the steps done; the result says how many).
     */
    public Result train(BatchSource source, StepListener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        int rowTokens = config.batchSize() * T;
        double[] recent = new double[100];
        int done = 0;
        double last = 0;
        boolean stopped = false;
        for (int step = 0; step < config.steps(); step++) {
            if (cancelled.getAsBoolean()) {
                stopped = true;
                break;
            }
            long t0 = System.nanoTime();
            source.fill(batch, config.batchSize(), rowLength);
            float lr = config.learningRateAt(step);
            last = step(lr);
            recent[step % recent.length] = last;
            done = step + 1;
            long now = System.nanoTime();
            double ms = (now - t0) / 1e6;
            listener.onStep(new StepEvent(done, config.steps(), last, lr, lastGradNorm, (long) done * rowTokens, ms,
                    rowTokens / (ms / 1e3), (now - start) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double sumRecent = 0;
        int nRecent = Math.min(done, recent.length);
        for (int i = 0; i < nRecent; i++) {
            sumRecent += recent[i];
        }
        return new Result(done, last, sumRecent / Math.max(1, nRecent), seconds, (double) done * rowTokens / seconds,
                stopped);
    }

    @Override
    public void close() {
        parallel.close();
    }
}
