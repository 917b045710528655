package lab.jielong.engine.train;

import java.util.function.Consumer;

/**
 * The CLI's progress line, one consumer of the trainer's step events:
 * {@code step N: loss x (y ms, z tok/s) lr r} after the first step, every {@code every} steps and after
 * the last, where y and z are the mean step time and throughput since the previous line (batches included).
 */
public final class ProgressLine implements Trainer.StepListener {

    private final int every;
    private final Consumer<String> out;
    private int lastStep;
    private double lastElapsed;
    private long lastTokens;

    public ProgressLine(int every, Consumer<String> out) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be positive, got " + every);
        }
        this.every = every;
        this.out = out;
    }

    @Override
    public void onStep(Trainer.StepEvent e) {
        if (e.step() != 1 && e.step() % every != 0 && e.step() != e.steps()) {
            return;
        }
        double seconds = e.elapsedSeconds() - lastElapsed;
        double ms = seconds * 1e3 / (e.step() - lastStep);
        double tokS = (e.tokens() - lastTokens) / seconds;
        out.accept(String.format("step %d: loss %.4f (%.1f ms, %.0f tok/s) lr %.2e", e.step(), e.loss(), ms, tokS,
                e.learningRate()));
        lastStep = e.step();
        lastElapsed = e.elapsedSeconds();
        lastTokens = e.tokens();
    }
}
