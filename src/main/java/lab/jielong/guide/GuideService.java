package lab.jielong.guide;

import lab.jielong.engine.ModelConfig;
import lab.jielong.labs.encdec.EncDecLabService;
import lab.jielong.labs.encdec.EncDecResults;
import lab.jielong.labs.scaling.Counting;
import lab.jielong.labs.scaling.GridFile;
import lab.jielong.labs.scaling.PointRecord;
import lab.jielong.labs.scaling.ScalingFits;
import lab.jielong.labs.scaling.ScalingService;
import lab.jielong.labs.snowball.SnowballService;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The guide's numbers, each read from where the labs read it: the shipped models' training records (causality,
 * the X→Y section), the encoder-decoder lab's results files (consistency, data efficiency), the scaling grid and
 * its fit (scaling), the snowball lab's closed-form counts for the shipped decoder (the snowball). The guide types
 * no number into its text.
 */
@Service
public class GuideService {

    /** The routes the guide links to, by section; each is a page of this application. */
    public static final String PLAY = "", GUESS = "guess", TRAINING = "labs/training", ENCDEC = "labs/encdec",
            SCALING = "labs/scaling", SNOWBALL = "labs/snowball";

    /** Text lengths the snowball section counts in closed form: the model's context, and a long text. */
    public static final long LONG_TEXT = 1_000;

    private final EncDecLabService encDec;
    private final ScalingService scaling;
    private final SnowballService snowball;

    public GuideService(EncDecLabService encDec, ScalingService scaling, SnowballService snowball) {
        this.encDec = Objects.requireNonNull(encDec, "encDec");
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        this.snowball = Objects.requireNonNull(snowball, "snowball");
    }

    /** The shipped models' records: decoder, peeking model, encoder-decoder. */
    public EncDecLabService.ShippedFigures models() {
        return encDec.shippedFigures();
    }

    /** The encoder-decoder lab's results files. */
    public EncDecResults encDecResults() {
        return encDec.results();
    }

    /** What the scaling section shows from the shipped grid. */
    /**
     * @param corpusIdioms the idioms of the corpus the grid was trained on (the dictionary of that day)
     */
    public record Grid(int points, int planned, long smallestParams, long largestParams, double bestLoss,
            String bestSize, String created, int corpusIdioms) {
    }

    public Grid grid() {
        GridFile g = scaling.grid();
        List<PointRecord> points = g.points();
        PointRecord best = points.stream().min(Comparator.comparingDouble(PointRecord::loss)).orElseThrow();
        return new Grid(points.size(), g.run() == null ? points.size() : g.run().pointsPlanned(),
                points.stream().mapToLong(p -> p.params().all()).min().orElse(0),
                points.stream().mapToLong(p -> p.params().all()).max().orElse(0), best.loss(), best.size(),
                g.run() == null ? "" : g.run().created(), g.corpus() == null ? 0 : g.corpus().idioms());
    }

    /**
     * The scaling lab's fit of the shipped grid (all parameters counted), computed at start-up in the background:
     * approach 3 with E fitted and with E held at the measured loss floor, both of which the guide shows.
     */
    public CompletableFuture<ScalingFits.CountingFit> scalingFit() {
        return scaling.shippedFit(Counting.ALL);
    }

    /** The snowball lab's closed-form counts for a text of this many tokens, on the shipped decoder's shape. */
    public SnowballService.Projection snowball(long tokens) {
        return snowball.project(snowball.config(), tokens);
    }

    /** The shipped decoder's context: the longest text it writes at once. */
    public int context() {
        ModelConfig c = snowball.config();
        return c.context();
    }
}
