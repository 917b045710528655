package lab.jielong.labs.scaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.eval.ModelEvaluation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The scaling lab: the shipped grid ({@code scaling/grid.json}, made by {@code scaling run --all}), its
 * fits (computed on this server at start-up, in the background, once per way of counting N), refits with
 * a visitor's extra points, and the training of one such point at a time through {@link PointJobs}.
 */
@Service
public class ScalingService implements DisposableBean {

    /** Bootstrap resamples behind every interval and band the page shows. */
    public static final int RESAMPLES = 1000;
    public static final long BOOTSTRAP_SEED = 2024;
    /** A visitor's point: one of the grid's sizes up to this one (index into the design's sizes) ... */
    public static final int LARGEST_EXTRA_SIZE = 4;
    /** ... trained for one of these step counts (the cap: 1,600 steps of 1,024 tokens). */
    public static final List<Integer> EXTRA_STEPS = List.of(100, 200, 400, 800, 1600);

    private static final Logger log = LoggerFactory.getLogger(ScalingService.class);

    private final GridFile grid;
    private final PointJobs jobs;
    private final boolean gridOnThisCorpus;
    private final ExecutorService fitter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scaling-fit");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final Map<Counting, CompletableFuture<ScalingFits.CountingFit>> shipped = new EnumMap<>(Counting.class);

    public ScalingService(IdiomCorpus corpus) {
        this.grid = loadGrid();
        Vocabulary vocab = Vocabulary.of(corpus);
        // A grid trained on an earlier corpus still shows what it measured, but a visitor's point trained on
        // today's corpus would not be comparable with it: no extra points until the grid is retrained.
        this.gridOnThisCorpus = corpus.checksum().equals(grid.corpus().checksum());
        if (!gridOnThisCorpus) {
            System.getLogger(ScalingService.class.getName()).log(System.Logger.Level.WARNING,
                    "scaling/grid.json was trained on corpus " + grid.corpus().checksum() + ", this one is "
                            + corpus.checksum() + ": visitors cannot add points until `scaling run --all` retrains the grid");
        }
        this.jobs = new SingleSlotPointJobs(new PointRunner(corpus, vocab, new ModelEvaluation(corpus, vocab)));
        for (Counting c : Counting.values()) {
            shipped.put(c, CompletableFuture.supplyAsync(() -> {
                long t0 = System.nanoTime();
                ScalingFits.CountingFit f = ScalingFits.fit(grid.points(), c, RESAMPLES, BOOTSTRAP_SEED, null);
                log.info("Scaling fit ({}): alpha {} beta {} E {} in {} ms", c.key(), f.alpha().value(), f.beta().value(),
                        f.bigE().value(), (System.nanoTime() - t0) / 1_000_000);
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
            return ScalingFits.fit(all, c, RESAMPLES, BOOTSTRAP_SEED, base.full());
        }, fitter);
    }

    /** The sizes a visitor may train. */
    public List<String> extraSizes() {
        return grid.design().sizes().subList(0, Math.min(LARGEST_EXTRA_SIZE + 1, grid.design().sizes().size()));
    }

    /**
     * Trains one extra point (size from {@link #extraSizes}, steps from {@link #EXTRA_STEPS}) with the grid's
     * recipe and seed; empty if another point is training.
     */
    public Optional<PointJobs.Job> trainExtraPoint(String size, int steps, PointJobs.Listener listener) {
        int sizeIndex = extraSizes().indexOf(size);
        if (sizeIndex < 0) {
            throw new IllegalArgumentException("size " + size + " is not one a visitor may train: " + extraSizes());
        }
        if (!EXTRA_STEPS.contains(steps)) {
            throw new IllegalArgumentException(steps + " steps: choose one of " + EXTRA_STEPS);
        }
        if (!gridOnThisCorpus) {
            return Optional.empty();
        }
        GridPoint p = new GridPoint(-1, size, sizeIndex, -1, steps, grid.design().seed());
        return jobs.submit(grid.design(), p, listener);
    }

    public boolean canTrainNow() {
        return gridOnThisCorpus && jobs.hasFreeSlot();
    }

    @Override
    public void destroy() {
        fitter.shutdownNow();
        if (jobs instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing the scaling jobs: {}", e.toString());
            }
        }
    }
}
