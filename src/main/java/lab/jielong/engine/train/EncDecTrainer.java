package lab.jielong.engine.train;

import lab.jielong.engine.EncDecPass;
import lab.jielong.engine.EncoderDecoder;
import lab.jielong.engine.Parallel;
import lab.jielong.engine.VecMath;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The {@link Trainer} of the encoder-decoder: the same recipe ({@link TrainConfig}: AdamW, warmup + cosine,
 * clipping), the same data-parallel step (each thread an {@link EncDecPass} and its own gradient array), the
 * same {@link Trainer.StepEvent}s and cancellation. A batch is B rows of Tx + Ty + 1 tokens (source, then the
 * target with its shifted copy, as {@link EncDecPass} reads them); a step's tokens are B·(Tx + Ty).
 */
public final class EncDecTrainer implements AutoCloseable {

    private final EncoderDecoder model;
    private final TrainConfig config;
    private final Parallel parallel;
    private final EncDecPass[] passes;
    private final float[][] grads;
    private final AdamW optimizer;
    private final int Tx, Ty, row, perThread;
    private final int[] batch;
    private final double[] threadLoss;
    private double lastGradNorm;

    public EncDecTrainer(EncoderDecoder model, TrainConfig config, int sourceLength, int targetLength) {
        this.model = model;
        this.config = config;
        this.parallel = new Parallel(config.threads());
        Tx = sourceLength;
        Ty = targetLength;
        row = Tx + Ty + 1;
        perThread = config.batchSize() / config.threads();
        passes = new EncDecPass[config.threads()];
        grads = new float[config.threads()][];
        for (int i = 0; i < passes.length; i++) {
            passes[i] = new EncDecPass(model, perThread, Tx, Ty);
            grads[i] = new float[model.parameterCount()];
        }
        optimizer = new AdamW(model.layout.groups(), model.parameterCount(), config.beta1(), config.beta2(),
                config.eps(), config.weightDecay());
        batch = new int[config.batchSize() * row];
        threadLoss = new double[config.threads()];
    }

    /** Rows of Tx + Ty + 1 tokens. */
    public int rowLength() {
        return row;
    }

    public int[] batchBuffer() {
        return batch;
    }

    /** Supervised targets (non-PAD) in the current batch. */
    public int targetCount() {
        int count = 0;
        for (int b = 0; b < config.batchSize(); b++) {
            for (int t = Tx + 1; t < row; t++) {
                if (batch[b * row + t] != 0) {
                    count++;
                }
            }
        }
        return count;
    }

    /** One step on the batch in {@link #batchBuffer()}; returns the mean loss over its targets before the update. */
    public double step(float lr) {
        int count = targetCount();
        if (count == 0) {
            return 0;
        }
        float scale = 1f / count;
        parallel.forEachThread(i -> {
            Arrays.fill(grads[i], 0f);
            threadLoss[i] = passes[i].forward(batch, i * perThread * row, row, perThread, Tx, Ty);
            passes[i].backward(grads[i], scale);
        });
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
        lastGradNorm = AdamW.clipGradNorm(g, config.gradClip());
        optimizer.step(model.parameters(), g, lr);
        model.parametersChanged();
        return loss / count;
    }

    public Trainer.Result train(Trainer.BatchSource source, Trainer.StepListener listener) {
        return train(source, listener, () -> false);
    }

    /** As {@link Trainer#train(Trainer.BatchSource, Trainer.StepListener, BooleanSupplier)}. */
    public Trainer.Result train(Trainer.BatchSource source, Trainer.StepListener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        int stepTokens = config.batchSize() * (Tx + Ty);
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
            source.fill(batch, config.batchSize(), row);
            float lr = config.learningRateAt(step);
            last = step(lr);
            recent[step % recent.length] = last;
            done = step + 1;
            long now = System.nanoTime();
            double ms = (now - t0) / 1e6;
            listener.onStep(new Trainer.StepEvent(done, config.steps(), last, lr, lastGradNorm,
                    (long) done * stepTokens, ms, stepTokens / (ms / 1e3), (now - start) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double sum = 0;
        int n = Math.min(done, recent.length);
        for (int i = 0; i < n; i++) {
            sum += recent[i];
        }
        return new Trainer.Result(done, last, sum / Math.max(1, n), seconds, (double) done * stepTokens / seconds,
                stopped);
    }

    @Override
    public void close() {
        parallel.close();
    }
}
