package lab.jielong.labs.scaling;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.eval.ModelEvaluation;
import lab.jielong.jobs.TrainingJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The scaling lab: the shipped grid ({@code scaling/grid.json}, made by {@code scaling run --all}), its
 * fits (computed on this server at start-up, in the background, once per way of counting N; each with E
 * free and with E held at the grid's measured loss floor), refits with
 * a visitor's extra points, and the training of such a point as a job of the server's shared
 * {@link TrainingJobs} (its queue, positions, caps and stop, the same as the training lab's runs).
 */
@Service
public class ScalingService implements DisposableBean {

    /** Bootstrap resamples behind every interval and band the page shows. */
    public static final int RESAMPLES = 1000;
    public static final long BOOTSTRAP_SEED = 2024;
    /** A visitor's point: one of the grid's sizes up to this one (index into the design's sizes) ... */
    public static final int LARGEST_EXTRA_SIZE = 4;
    /** ... trained for one of these step counts (at most 1,600 steps of 1,024 tokens, and the job service's step cap). */
    public static final List<Integer> EXTRA_STEPS = List.of(100, 200, 400, 800, 1600);

    /** What a visitor's point job reports after each training step. */
    public record Step(int step, int steps, double loss) {
    }

    private static final Logger log = LoggerFactory.getLogger(ScalingService.class);

    private final GridFile grid;
    private final TrainingJobs jobs;
    private final PointRunner runner;
    private final boolean gridOnThisCorpus;
    private final ExecutorService fitter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scaling-fit");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final Map<Counting, CompletableFuture<ScalingFits.CountingFit>> shipped = new EnumMap<>(Counting.class);

    public ScalingService(IdiomCorpus corpus, TrainingJobs jobs) {
        this.grid = loadGrid();
        Vocabulary vocab = Vocabulary.of(corpus);
        // A grid trained on an earlier corpus still shows what it measured, but a visitor's point trained on
        // today's corpus would not be comparable with it: no extra points until the grid is retrained.
        this.gridOnThisCorpus = corpus.checksum().equals(grid.corpus().checksum());
        if (!gridOnThisCorpus) {
            System.getLogger(ScalingService.class.getName()).log(System.Logger.Level.WARNING,
                    "scaling/grid.json was trained on corpus " + grid.corpus().checksum() + ", this one is "
                            + corpus.checksum()
                            + ": visitors cannot add points until `scaling run --all` retrains the grid");
        }
        this.jobs = jobs;
        this.runner = new PointRunner(corpus, vocab, new ModelEvaluation(corpus, vocab));
        for (Counting c : Counting.values()) {
            shipped.put(c, CompletableFuture.supplyAsync(() -> {
                long t0 = System.nanoTime();
                ScalingFits.CountingFit f =
                        ScalingFits.fit(grid.points(), c, grid.lossFloor().natsPerToken(), RESAMPLES,
                                BOOTSTRAP_SEED, null);
                log.info(
                        "Scaling fit ({}): E free: alpha {} beta {} E {}; E fixed at the floor: alpha {} beta {}; in {} ms",
                        c.key(), f.free().alpha().value(), f.free().beta().value(), f.free().bigE().value(),
                        f.fixedE().alpha().value(),
                        f.fixedE().beta().value(), (System.nanoTime() - t0) / 1_000_000);
                return f;
            }, fitter));
        }
    }

    static GridFile loadGrid() {
        try (InputStream in = ScalingService.class.getResourceAsStream("/scaling/grid.json")) {
            if (in == null) {
                throw new IllegalStateException("scaling/grid.json is not on the classpath: run `scaling run --all`");
            }
            return GridFile.read(in, "scaling/grid.json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scaling/grid.json", e);
        }
    }

    public GridFile grid() {
        return grid;
    }

    /** The fit of the shipped grid with N counted this way (computed once, at start-up, in the background). */
    public CompletableFuture<ScalingFits.CountingFit> shippedFit(Counting c) {
        return shipped.get(c);
    }

    /** The shipped grid plus these extra points, refitted (in the background, starting from the shipped fit). */
    public CompletableFuture<ScalingFits.CountingFit> refit(Counting c, List<PointRecord> extra) {
        if (extra.isEmpty()) {
            return shippedFit(c);
        }
        return shippedFit(c).thenApplyAsync(base -> {
            List<PointRecord> all = new ArrayList<>(grid.points());
            all.addAll(extra);
            return ScalingFits.fit(all, c, grid.lossFloor().natsPerToken(), RESAMPLES, BOOTSTRAP_SEED, base);
        }, fitter);
    }

    /** The sizes a visitor may train. */
    public List<String> extraSizes() {
        return grid.design().sizes().subList(0, Math.min(LARGEST_EXTRA_SIZE + 1, grid.design().sizes().size()));
    }

    /** The step counts a visitor may choose: {@link #EXTRA_STEPS} within the job service's step cap. */
    public List<Integer> extraSteps() {
        return EXTRA_STEPS.stream().filter(n -> n <= jobs.limits().maxSteps()).toList();
    }

    /** The job service the points go to (for its limits and queue). */
    public TrainingJobs jobs() {
        return jobs;
    }

    /**
     * Whether a visitor's point can join the grid: only if the grid was trained on this server's corpus
     * (a point of another corpus would fit one law to two worlds).
     */
    public boolean extraPointsAllowed() {
        return gridOnThisCorpus;
    }

    /**
     * Queues one extra point (size from {@link #extraSizes}, steps from {@link #extraSteps}) for {@code owner}
     * (the visitor's session), trained with the grid's recipe and seed on the job's one thread; its steps and
     * end go to {@code listener}. Refused as the job service refuses (the owner has a job, the queue is full).
     * A stopped point ends {@link TrainingJobs.State#STOPPED} with no result: half a run is not a point.
     */
    public TrainingJobs.Submission<Step, PointRecord> trainExtraPoint(Object owner, String size, int steps,
            TrainingJobs.Listener<Step, PointRecord> listener) {
        int sizeIndex = extraSizes().indexOf(size);
        if (sizeIndex < 0) {
            throw new IllegalArgumentException("size " + size + " is not one a visitor may train: " + extraSizes());
        }
        if (!extraSteps().contains(steps)) {
            throw new IllegalArgumentException(steps + " steps: choose one of " + extraSteps());
        }
        if (!gridOnThisCorpus) {
            throw new IllegalStateException("the shipped grid was trained on another corpus: no extra points");
        }
        GridPoint p = new GridPoint(-1, size, sizeIndex, -1, steps, grid.design().seed());
        GridDesign design = grid.design();
        return jobs.submit(owner, context -> {
            try {
                return runner.run(design, p, 1, (step, total, loss) -> context.emit(new Step(step, total, loss)),
                        () -> !context.nextStep());
            } catch (CancellationException stopped) {
                return null;
            }
        }, listener);
    }

    @Override
    public void destroy() {
        fitter.shutdownNow();
    }
}
