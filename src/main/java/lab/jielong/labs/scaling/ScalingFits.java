package lab.jielong.labs.scaling;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import lab.jielong.labs.scaling.fit.Bootstrap;
import lab.jielong.labs.scaling.fit.IsoFlopFit;
import lab.jielong.labs.scaling.fit.LawFit;
import lab.jielong.labs.scaling.fit.LawParams;
import lab.jielong.labs.scaling.fit.Observation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grid's records turned into fits, once per way of counting N: approach 3 (L = E + A/N^α + B/D^β,
 * {@link LawFit}) with bootstrap intervals, twice: with E fitted, as the papers do, and with E held at the
 * grid's measured loss floor (known here, unlike in Chinchilla's world); and approach 2 ({@link IsoFlopFit}) over compute budgets
 * C = 6·N·D spaced by factors of 2 from the smallest run's. Plain Java; what `scaling fit --json` prints
 * and what the page shows.
 */
public final class ScalingFits {

    /** A fitted constant and its 95% bootstrap interval. */
    public record Constant(double value, double lo, double hi) {
        static Constant of(double value, Bootstrap.Interval i) {
            return new Constant(value, i.lo(), i.hi());
        }
    }

    /**
     * Approach 2's exponents and the compute-optimal points it found. Without enough budgets with an inner
     * minimum ({@link IsoFlopFit#MIN_PROFILES}) a and b are null (never NaN) and {@code note} says why.
     */
    public record Approach2(Double a, Double b, int budgets, int budgetsWithMinimum, String note,
            List<double[]> optima) {

        public boolean found() {
            return a != null;
        }

        /** "a = …, b = … (k of n budgets with an inner minimum)", or why there are none. */
        public String describe() {
            return found()
                    ? String.format(Locale.ROOT, "a = %.3f, b = %.3f (%d of %d budgets with an inner minimum)", a, b,
                            budgetsWithMinimum, budgets)
                    : note;
        }
    }

    /** The two ways approach 3 is fitted here. */
    public enum Variant {
        /** E, A, B, α, β all fitted, as Hoffmann et al. and Epoch AI do. */
        FREE_E("free_E"),
        /** E held at the grid's measured loss floor (the chain process's entropy); A, B, α, β fitted. */
        FIXED_E("fixed_E");

        private final String key;

        Variant(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** One approach-3 fit (a {@link Variant}) with its bootstrap intervals. */
    public record Law(String variant, boolean eFixed, @JsonProperty("E") Constant bigE,
            @JsonProperty("A") Constant bigA, @JsonProperty("B") Constant bigB,
            Constant alpha, Constant beta, Constant nOptExponent, Constant dOptExponent,
            double huberObjective, int starts, int resamplesConverged,
            @JsonIgnore LawParams params, @JsonIgnore Bootstrap.Result bootstrap,
            @JsonIgnore LawFit.Result full) {

        /** The bootstrap band (2.5th, 97.5th percentile) of the fitted loss at (N, D). */
        public Bootstrap.Interval band(double n, double d) {
            return bootstrap.interval(p -> p.loss(n, d));
        }

        static Law of(Variant v, LawFit.Result full, Bootstrap.Result boot) {
            LawParams p = full.params();
            Bootstrap.Interval e =
                    full.eFixed() ? new Bootstrap.Interval(p.bigE(), p.bigE()) : boot.interval(LawParams::bigE);
            return new Law(v.key(), full.eFixed(), Constant.of(p.bigE(), e),
                    Constant.of(p.bigA(), boot.interval(LawParams::bigA)),
                    Constant.of(p.bigB(), boot.interval(LawParams::bigB)),
                    Constant.of(p.alpha(), boot.interval(LawParams::alpha)),
                    Constant.of(p.beta(), boot.interval(LawParams::beta)),
                    Constant.of(p.optimalNExponent(), boot.interval(LawParams::optimalNExponent)),
                    Constant.of(p.optimalDExponent(), boot.interval(LawParams::optimalDExponent)),
                    full.objective(), full.starts(), boot.samples().size(), p, boot, full);
        }
    }

    /** Both approach-3 fits (E free; E fixed at the measured floor) and approach 2 for one way of counting N. */
    public record CountingFit(String counting, int points, double lossFloor, int resamples, long seed,
            @JsonProperty("free_E") Law free, @JsonProperty("fixed_E") Law fixedE,
            Approach2 approach2) {

        public Law law(Variant v) {
            return v == Variant.FIXED_E ? fixedE : free;
        }

        /**
         * The E-free fit put E far below the floor no model can beat (under half of it): the grid never reaches the
         * curvature where the loss levels off, and the pages say why.
         */
        @JsonIgnore
        public boolean freeECollapsed() {
            return free.bigE().value() < 0.5 * lossFloor;
        }
    }

    /** Every counting's fit, with what it was fitted from and when. */
    public record Report(String grid, String fitted, double huberDelta, String method, List<CountingFit> fits) {

        public CountingFit fit(Counting c) {
            return fits.stream().filter(f -> f.counting().equals(c.key())).findFirst().orElseThrow();
        }

        /** A plain-text table for the terminal. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append("fit of ").append(grid).append(" at ").append(fitted).append('\n');
            sb.append("L(N, D) = E + A/N^alpha + B/D^beta; Huber (delta ").append(huberDelta).append(") on log L; ")
                    .append(method).append('\n');
            for (CountingFit f : fits) {
                sb.append(String.format(Locale.ROOT, "%n N counted as %s (%d points, %d resamples)%n",
                        f.counting(), f.points(), f.resamples()));
                for (Law law : List.of(f.free(), f.fixedE())) {
                    sb.append(String.format(Locale.ROOT, "  approach 3, %s (%d of %d resamples converged)%n",
                            law.eFixed()
                                    ? String.format(Locale.ROOT, "E fixed at the measured loss floor %.4f",
                                            f.lossFloor())
                                    : "E free",
                            law.resamplesConverged(), f.resamples()));
                    row(sb, "E", law.bigE());
                    row(sb, "A", law.bigA());
                    row(sb, "B", law.bigB());
                    row(sb, "alpha", law.alpha());
                    row(sb, "beta", law.beta());
                    row(sb, "N_opt ~ C^a", law.nOptExponent());
                    row(sb, "D_opt ~ C^b", law.dOptExponent());
                }
                sb.append(String.format(Locale.ROOT, "  %-24s %s%n", "approach 2", f.approach2().describe()));
            }
            return sb.toString();
        }

        private static void row(StringBuilder sb, String name, Constant c) {
            sb.append(String.format(Locale.ROOT, "    %-22s %12.4g   [%.4g, %.4g]%n", name, c.value(), c.lo(), c.hi()));
        }
    }

    public static final String METHOD = "Levenberg-Marquardt (Hipparchus) from the 4,500-start grid of Hoffmann et al.;"
            + " bootstrap refits start from the best local optima of the full fit";

    private ScalingFits() {
    }

    public static List<Observation> observations(List<PointRecord> records, Counting c) {
        return records.stream().map(r -> new Observation(r.n(c), r.tokens(), r.loss())).toList();
    }

    public static Report fitAll(GridFile g, int resamples, long seed) {
        List<CountingFit> fits = new ArrayList<>();
        for (Counting c : Counting.values()) {
            fits.add(fit(g.points(), c, g.lossFloor().natsPerToken(), resamples, seed, null));
        }
        return new Report("grid '" + g.design().name() + "' created " + g.run().created(), Instant.now().toString(),
                LawFit.HUBER_DELTA, METHOD, fits);
    }

    /**
     * Fits one counting: approach 3 with E free and with E fixed at {@code lossFloor}, and approach 2. With
     * {@code previous} (a fit of nearly the same data, e.g. before a visitor added a point), each approach-3
     * fit starts from its previous optima plus a coarse slice of the grid instead of all of it.
     */
    public static CountingFit fit(List<PointRecord> records, Counting c, double lossFloor, int resamples, long seed,
            CountingFit previous) {
        List<Observation> data = observations(records, c);
        LawFit.Result free =
                previous == null ? LawFit.fit(data) : refit(data, previous.free().full(), LawFit.initialGrid());
        LawFit.Result fixed = previous == null ? LawFit.fitFixedE(data, lossFloor)
                : refit(data, previous.fixedE().full(), LawFit.initialGridFixedE(Math.log(lossFloor)));
        Law freeLaw = Law.of(Variant.FREE_E, free, Bootstrap.run(data, free, resamples, seed));
        Law fixedLaw = Law.of(Variant.FIXED_E, fixed, Bootstrap.run(data, fixed, resamples, seed));
        return new CountingFit(c.key(), data.size(), lossFloor, resamples, seed, freeLaw, fixedLaw, approach2(data));
    }

    private static LawFit.Result refit(List<Observation> data, LawFit.Result previous, List<double[]> grid) {
        List<double[]> starts = new ArrayList<>();
        previous.localOptima().forEach(p -> starts.add(p.toVector()));
        int step = Math.max(1, grid.size() / 100);
        for (int i = 0; i < grid.size(); i += step) {
            starts.add(grid.get(i));
        }
        double[] w = new double[data.size()];
        java.util.Arrays.fill(w, 1);
        return LawFit.fit(data, w, starts, previous.fixedLogE());
    }

    /** Compute budgets C = 6·N·D from the smallest run's, doubling up to the largest. */
    public static List<Double> budgets(List<Observation> data) {
        double min = data.stream().mapToDouble(o -> 6 * o.n() * o.d()).min().orElse(1);
        double max = data.stream().mapToDouble(o -> 6 * o.n() * o.d()).max().orElse(1);
        List<Double> out = new ArrayList<>();
        for (double c = min; c <= max * 1.0001; c *= 2) {
            out.add(c);
        }
        return out;
    }

    static Approach2 approach2(List<Observation> data) {
        IsoFlopFit.Result r = IsoFlopFit.fit(data, budgets(data));
        List<double[]> optima = r.profiles().stream().filter(IsoFlopFit.Profile::valid)
                .map(p -> new double[] {p.compute(), p.nOpt(), p.lossOpt()}).toList();
        if (r.validProfiles() < IsoFlopFit.MIN_PROFILES || !Double.isFinite(r.a())) {
            return new Approach2(null, null, r.profiles().size(), r.validProfiles(), String.format(Locale.ROOT,
                    "not enough compute budgets with an inner minimum (%d of %d; at least %d needed)",
                    r.validProfiles(), r.profiles().size(), IsoFlopFit.MIN_PROFILES), optima);
        }
        return new Approach2(r.a(), r.b(), r.profiles().size(), r.validProfiles(), null, optima);
    }
}
