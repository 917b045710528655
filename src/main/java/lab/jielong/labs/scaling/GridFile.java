package lab.jielong.labs.scaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The grid file ({@code src/main/resources/scaling/grid.json}) and the per-point record files it is
 * merged from ({@code point-0007.json}): reading, writing, merging. snake_case JSON through Jackson.
 * Everything outside {@link Run} and the points' timing is reproducible from the design and the corpus.
 */
public record GridFile(String format, int version, About about, GridDesign design, CorpusInfo corpus,
        ChainEntropy.Estimate lossFloor, Run run, List<PointRecord> points) {

    public static final String FORMAT = "jielong-scaling-grid";
    public static final int VERSION = 1;

    /** What the numbers mean, written into the file so it reads on its own. */
    public record About(String loss, String lossFloor, String params, String tokens, String flops) {
        static About standard(CorpusInfo corpus) {
            return new About(
                    "losses.fresh_chains: mean cross-entropy in nats per target token, teacher-forced, on freshly sampled"
                            + " chains of training idioms (BOS i1 SEP i2 SEP ..., each next idiom uniform among those starting"
                            + " with the previous one's last character). In this small world the loss measures two things:"
                            + " how much of a finite set of "
                            + String.format(Locale.ROOT, "%,d", corpus.trainingIdioms())
                            + " training idioms the model has memorised, and the choice"
                            + " of the next idiom, which no model can predict beyond its odds. Held-out idioms never occur in"
                            + " the chains: no model here can predict them, and this loss does not try.",
                    "loss_floor: the entropy of the chain process (Monte Carlo over the given chains), the loss of a model"
                            + " that has memorised every training idiom and knows the chain law: the part of the loss that is"
                            + " choice, not ignorance. The fitted E should approach it from above.",
                    "params: all = every parameter (the token table is also the tied output head); non_embedding = without"
                            + " the token and position tables (Kaplan's N); matrices = the blocks' q/k/v, attention projection"
                            + " and MLP matrices only.",
                    "tokens: steps x batch x context, every position computed (padding after EOS included);"
                            + " target_tokens: the non-padding targets the training loss averages over.",
                    "flops.exact: forward + backward multiply-adds x 2 of every matrix product (4C^2 + 2CF per layer, and"
                            + " the tied head VC: 6 FLOPs per weight per token) and of causal attention (6 C (T+1) per layer per"
                            + " token) times tokens; six_nd_*: 6 N D for each way of counting N. Biases, LayerNorm, GELU,"
                            + " softmax and AdamW are left out (see lab.jielong.labs.scaling.FlopCount).");
        }
    }

    /** Which corpus the grid was trained on. */
    public record CorpusInfo(String checksum, int idioms, int trainingIdioms, int heldOutIdioms, int vocabSize) {
        public static CorpusInfo of(IdiomCorpus corpus, Vocabulary vocab) {
            return new CorpusInfo(corpus.checksum(), corpus.idioms().size(), corpus.training().size(),
                    corpus.heldOut().size(), vocab.size());
        }
    }

    /**
     * How and where this file was made. wallSeconds and the load averages are those of a one-process
     * {@code scaling run --all}; a merge of records run elsewhere leaves them null and sums the points'
     * training time instead.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(String command, String created, boolean complete, List<Integer> missing, int pointsDone,
            int pointsPlanned, double trainSecondsTotal, Double wallSeconds, Double loadAverageStart,
            Double loadAverageEnd, Double loadAverageMeanOfPoints, int cpus, String java, String note) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance)
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    public static ObjectMapper json() {
        return JSON;
    }

    public static String write(Object value) {
        try {
            return JSON.writer(PRINTER).writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static GridFile read(InputStream in, String where) throws IOException {
        GridFile g = JSON.readValue(in, GridFile.class);
        if (!FORMAT.equals(g.format()) || g.version() != VERSION) {
            throw new IOException(where + " is not a scaling grid of version " + VERSION + " (format " + g.format()
                    + ", version " + g.version() + ")");
        }
        return g;
    }

    public static GridFile read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static Path recordPath(Path dir, int index) {
        return dir.resolve(String.format("point-%04d.json", index));
    }

    public static void writeRecord(Path dir, PointRecord r) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(String.format(".point-%04d.json.tmp", r.index()));
        Files.writeString(tmp, write(r), StandardCharsets.UTF_8);
        Files.move(tmp, recordPath(dir, r.index()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static List<PointRecord> readRecords(Path dir) throws IOException {
        List<PointRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("point-\\d+\\.json")).sorted()
                    .toList()) {
                out.add(JSON.readValue(f.toFile(), PointRecord.class));
            }
        }
        return out;
    }

    /**
     * Combines records into a grid: checks that each belongs to this design (same name, index, size and
     * steps as planned) and appears once, sorts them by index, and lists the points still missing.
     */
    public static GridFile merge(GridDesign design, CorpusInfo corpus, ChainEntropy.Estimate floor,
            List<PointRecord> records, RunFacts facts) {
        List<GridPoint> planned = design.points(corpus.vocabSize());
        Set<Integer> seen = new HashSet<>();
        for (PointRecord r : records) {
            if (!design.name().equals(r.design())) {
                throw new IllegalArgumentException("record " + r.index() + " belongs to grid '" + r.design()
                        + "', not '" + design.name() + "'");
            }
            if (r.index() < 0 || r.index() >= planned.size()) {
                throw new IllegalArgumentException("record index " + r.index() + " is outside grid '" + design.name()
                        + "' (0.." + (planned.size() - 1) + ")");
            }
            GridPoint p = planned.get(r.index());
            if (!p.size().equals(r.size()) || p.steps() != r.training().steps() || p.seed() != r.training().seed()) {
                throw new IllegalArgumentException("record " + r.index() + " (" + r.size() + ", " + r.training().steps()
                        + " steps, seed " + r.training().seed() + ") does not match the planned point " + p.describe());
            }
            if (!corpus.checksum().equals(r.corpus())) {
                throw new IllegalArgumentException("record " + r.index() + " was trained on corpus " + r.corpus()
                        + ", not on this one (" + corpus.checksum() + "): points of two corpora cannot be mixed");
            }
            if (r.model().vocabSize() != corpus.vocabSize()) {
                throw new IllegalArgumentException("record " + r.index() + " has vocabulary " + r.model().vocabSize()
                        + ", this corpus " + corpus.vocabSize());
            }
            if (!seen.add(r.index())) {
                throw new IllegalArgumentException("record " + r.index() + " appears twice");
            }
        }
        List<PointRecord> sorted = records.stream().sorted(Comparator.comparingInt(PointRecord::index)).toList();
        List<Integer> missing = planned.stream().map(GridPoint::index).filter(i -> !seen.contains(i)).toList();
        double train = sorted.stream().mapToDouble(r -> r.timing().trainSeconds()).sum();
        Double meanLoad = sorted.isEmpty() ? null
                : sorted.stream().mapToDouble(r -> (r.timing().loadAverageBefore() + r.timing().loadAverageAfter()) / 2)
                        .average().orElse(Double.NaN);
        Run run = new Run(facts.command(), facts.created(), missing.isEmpty(), missing, sorted.size(), planned.size(),
                train, facts.wallSeconds(), facts.loadStart(), facts.loadEnd(), meanLoad,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), facts.note());
        return new GridFile(FORMAT, VERSION, About.standard(corpus), design, corpus, floor, run, sorted);
    }

    /** What the command that merges knows about how the records were made. */
    public record RunFacts(String command, String created, Double wallSeconds, Double loadStart, Double loadEnd,
            String note) {
    }
}
