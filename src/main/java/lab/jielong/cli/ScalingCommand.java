package lab.jielong.cli;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.eval.ModelEvaluation;
import lab.jielong.engine.train.TrainConfig;
import lab.jielong.labs.scaling.ChainEntropy;
import lab.jielong.labs.scaling.FlopCount;
import lab.jielong.labs.scaling.GridDesign;
import lab.jielong.labs.scaling.GridFile;
import lab.jielong.labs.scaling.GridPoint;
import lab.jielong.labs.scaling.ParamCounts;
import lab.jielong.labs.scaling.PointRecord;
import lab.jielong.labs.scaling.PointRunner;
import lab.jielong.labs.scaling.ScalingFits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code scaling list|run|merge|fit}: the scaling lab's grid of decoders and its fit.
 * <pre>
 *   scaling list  [--design standard]                      the planned points: size, steps, tokens, FLOPs
 *   scaling run   --index I [--design D] [--out DIR]       one point; writes DIR/point-000I.json
 *                 (without --index: the JOB_COMPLETION_INDEX of a Kubernetes Indexed Job)
 *   scaling run   --all [--design D] [--out DIR] [--grid FILE] [--replace]
 *                 every point in one process, cheapest first, skipping points FILE already holds,
 *                 re-merging FILE after each point (so a stopped run leaves a valid, partial grid);
 *                 a FILE of another design or corpus is refused (--replace: started again, none kept)
 *   scaling merge [--records DIR] [--design D] [--grid FILE]  records from many processes into FILE
 *   scaling fit   [--grid FILE] [--json] [--resamples 1000] [--seed 2024]
 * </pre>
 * Defaults: design standard, records in target/scaling-records/DESIGN, grid src/main/resources/scaling/grid.json.
 */
final class ScalingCommand {

    static final String GRID = "src/main/resources/scaling/grid.json";
    /** The Monte-Carlo loss floor's seed (any fixed seed; recorded in the file). */
    static final long FLOOR_SEED = 2025;

    private ScalingCommand() {
    }

    static void run(String[] args) throws Exception {
        if (args.length < 2) {
            throw new UsageException("usage: scaling list|run|merge|fit [options]");
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        rest[0] = "scaling " + args[1];
        switch (args[1]) {
            case "list" -> list(new Options(rest, Set.of("design"), Set.of()));
            case "run" -> runPoints(
                    new Options(rest, Set.of("design", "index", "out", "grid", "threads"), Set.of("all", "replace")),
                    args);
            case "merge" -> merge(new Options(rest, Set.of("design", "records", "grid"), Set.of()), args);
            case "fit" -> fit(new Options(rest, Set.of("grid", "resamples", "seed"), Set.of("json")));
            default -> throw new UsageException("unknown scaling command '" + args[1] + "': list, run, merge or fit");
        }
    }

    private static void list(Options o) {
        GridDesign design = design(o);
        IdiomCorpus corpus = IdiomCorpus.load();
        int V = Vocabulary.of(corpus).size();
        System.out.printf("grid %s: %d points%n", design.name(), design.points(V).size());
        System.out.printf("%5s  %-16s %5s %6s %5s %10s %10s %10s %12s%n", "index", "size", "level", "steps", "seed",
                "N all", "N non-emb", "tokens", "exact FLOPs");
        double total = 0;
        for (GridPoint p : design.points(V)) {
            var mc = design.modelConfig(p.size(), V);
            ParamCounts n = ParamCounts.of(mc);
            long tokens = (long) p.steps() * design.batchSize() * mc.context();
            double flops = (double) FlopCount.exactPerToken(mc) * tokens;
            total += flops;
            System.out.printf(Locale.ROOT, "%5d  %-16s %5d %6d %5d %10d %10d %10d %12.3e%n", p.index(), p.size(),
                    p.level(),
                    p.steps(), p.seed(), n.all(), n.nonEmbedding(), tokens, flops);
        }
        System.out.printf(Locale.ROOT, "total %.3e FLOPs%n", total);
    }

    private static void runPoints(Options o, String[] args) throws IOException {
        GridDesign design = design(o);
        Path out = Path.of(o.get("out", "target/scaling-records/" + design.name()));
        int threads = o.getInt("threads", TrainConfig.defaultThreads());
        long t0 = System.nanoTime();
        double loadStart = PointRunner.loadAverage();
        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocab = Vocabulary.of(corpus);
        PointRunner runner = new PointRunner(corpus, vocab, new ModelEvaluation(corpus, vocab));
        List<GridPoint> planned = design.points(vocab.size());
        if (!o.flag("all")) {
            String index = o.get("index", System.getenv("JOB_COMPLETION_INDEX"));
            if (index == null) {
                throw new UsageException("scaling run needs --index I (0.." + (planned.size() - 1)
                        + "), --all, or JOB_COMPLETION_INDEX set by a Kubernetes Indexed Job");
            }
            int i;
            try {
                i = Integer.parseInt(index.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("scaling run needs --index to be a whole number, not '" + index + "'");
            }
            if (i < 0 || i >= planned.size()) {
                throw new UsageException("index " + i + " is outside grid '" + design.name() + "' (0.."
                        + (planned.size() - 1) + ")");
            }
            PointRecord r = runOne(runner, design, planned.get(i), threads, planned.size());
            GridFile.writeRecord(out, r);
            System.out.println("wrote " + GridFile.recordPath(out, i));
            return;
        }
        // --all: resume from the grid file (same design) and re-merge after every point
        Path gridPath = Path.of(o.get("grid", GRID));
        GridFile.CorpusInfo info = GridFile.CorpusInfo.of(corpus, vocab);
        List<PointRecord> done = new ArrayList<>();
        double previousWall = 0;
        if (Files.exists(gridPath)) {
            GridFile old = GridFile.read(gridPath);
            boolean sameDesign = old.design().name().equals(design.name());
            boolean sameCorpus = old.corpus().checksum().equals(info.checksum());
            if (sameDesign && sameCorpus) {
                done.addAll(old.points());
                previousWall = old.run().wallSeconds() == null ? 0 : old.run().wallSeconds();
                System.out.printf("resuming: %s already holds %d of %d points%n", gridPath, done.size(),
                        planned.size());
            } else if (o.flag("replace")) {
                System.out.printf("replacing %s (%s): none of its %d points is kept%n", gridPath,
                        sameDesign ? "trained on another corpus, " + old.corpus().checksum()
                                : "grid '" + old.design().name() + "'",
                        old.points().size());
            } else {
                // points of two corpora (or designs) in one grid would fit one law to two different worlds
                throw new IllegalArgumentException(gridPath + " holds " + old.points().size() + " points of grid '"
                        + old.design().name() + "' trained on corpus " + old.corpus().checksum()
                        + "; this run is grid '"
                        + design.name() + "' on corpus " + info.checksum() + ". Move the file aside, or pass --replace"
                        + " to start it again from nothing");
            }
        }
        ChainEntropy.Estimate floor = ChainEntropy.estimate(corpus, design.modelConfig(design.sizes().get(0),
                vocab.size()).context(), design.floorChains(), FLOOR_SEED);
        System.out.printf(Locale.ROOT,
                "loss floor (entropy of the chain process): %.4f ± %.4f nats/token (%d chains)%n",
                floor.natsPerToken(), floor.standardError(), floor.chains());
        String command = "java --add-modules jdk.incubator.vector -jar target/jielong-lab-0.1.0-SNAPSHOT.jar "
                + String.join(" ", args);
        String resumedNote = previousWall > 0 ? "resumed; wall_seconds adds up the runs" : null;
        for (GridPoint p : planned) {
            if (done.stream().anyMatch(r -> r.index() == p.index())) {
                continue;
            }
            PointRecord r = runOne(runner, design, p, threads, planned.size());
            GridFile.writeRecord(out, r);
            done.add(r);
            double wall = previousWall + (System.nanoTime() - t0) / 1e9;
            write(gridPath,
                    GridFile.merge(design, info, floor, done, new GridFile.RunFacts(command, Instant.now().toString(),
                            wall, loadStart, PointRunner.loadAverage(), resumedNote)));
        }
        double wall = previousWall + (System.nanoTime() - t0) / 1e9;
        write(gridPath,
                GridFile.merge(design, info, floor, done, new GridFile.RunFacts(command, Instant.now().toString(),
                        wall, loadStart, PointRunner.loadAverage(), resumedNote)));
        System.out.printf(Locale.ROOT,
                "wrote %s: %d points in %.0f s (load average %.2f at the start, %.2f at the end)%n",
                gridPath, done.size(), wall, loadStart, PointRunner.loadAverage());
    }

    private static PointRecord runOne(PointRunner runner, GridDesign design, GridPoint p, int threads, int of) {
        System.out.printf("[%d/%d] %s ...%n", p.index() + 1, of, p.describe());
        int every = Math.max(100, p.steps() / 10);
        PointRecord r = runner.run(design, p, threads, (step, steps, loss) -> {
            if (step % every == 0) {
                System.out.printf(Locale.ROOT, "  step %d/%d: loss %.4f%n", step, steps, loss);
            }
        }, () -> false);
        System.out.printf(Locale.ROOT,
                "[%d/%d] %s: fresh-chain loss %.4f, next char given 3 %.1f%%, %.0f s (%.0f tok/s)%n",
                p.index() + 1, of, p.describe(), r.losses().freshChains(), 100 * r.nextCharGiven3(),
                r.timing().trainSeconds(), r.timing().tokensPerSecond());
        return r;
    }

    private static void merge(Options o, String[] args) throws IOException {
        GridDesign design = design(o);
        Path records = Path.of(o.get("records", "target/scaling-records/" + design.name()));
        Path gridPath = Path.of(o.get("grid", GRID));
        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocab = Vocabulary.of(corpus);
        List<PointRecord> found = GridFile.readRecords(records);
        ChainEntropy.Estimate floor = ChainEntropy.estimate(corpus, design.modelConfig(design.sizes().get(0),
                vocab.size()).context(), design.floorChains(), FLOOR_SEED);
        GridFile g = GridFile.merge(design, GridFile.CorpusInfo.of(corpus, vocab), floor, found,
                new GridFile.RunFacts(
                        "java --add-modules jdk.incubator.vector -jar target/jielong-lab-0.1.0-SNAPSHOT.jar "
                                + String.join(" ", args),
                        Instant.now().toString(), null, null, null,
                        "merged from " + found.size() + " record files; each point's timing is its own process's"));
        write(gridPath, g);
        System.out.printf("wrote %s: %d of %d points%s%n", gridPath, g.run().pointsDone(), g.run().pointsPlanned(),
                g.run().complete() ? "" : ", missing " + g.run().missing());
    }

    private static void fit(Options o) throws IOException {
        GridFile g = GridFile.read(Path.of(o.get("grid", GRID)));
        ScalingFits.Report report = ScalingFits.fitAll(g, o.getInt("resamples", 1000), o.getLong("seed", 2024));
        if (o.flag("json")) {
            System.out.println(GridFile.write(report));
        } else {
            System.out.print(report.describe());
        }
    }

    private static void write(Path file, GridFile g) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, GridFile.write(g), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The grid {@code --design} names (default standard); another name is a usage error. */
    private static GridDesign design(Options o) {
        String name = o.get("design", "standard");
        try {
            return GridDesign.named(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
