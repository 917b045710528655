package lab.jielong.labs.scaling;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.jielong.labs.scaling.fit.Bootstrap;
import lab.jielong.labs.scaling.fit.IsoFlopFit;
import lab.jielong.labs.scaling.fit.LawFit;
import lab.jielong.labs.scaling.fit.LawParams;
import lab.jielong.labs.scaling.fit.Observation;

/**
 * The grid's records turned into fits, once per way of counting N: approach 3 (L = E + A/N^α + B/D^β,
 * {@link LawFit}) with bootstrap intervals, and approach 2 ({@link IsoFlopFit}) over compute budgets
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

    /** Approach 2's exponents and the compute-optimal points it found. */
    public record Approach2(double a, double b, int budgets, int budgetsWithMinimum, List<double[]> optima) {
    }

    /** Both fits for one way of counting N. */
    public record CountingFit(String counting, int points, @JsonProperty("E") Constant bigE,
                              @JsonProperty("A") Constant bigA, @JsonProperty("B") Constant bigB,
                              Constant alpha, Constant beta, Constant nOptExponent, Constant dOptExponent,
                              double huberObjective, int starts, int resamples, int resamplesConverged, long seed,
                              Approach2 approach2,
                              @JsonIgnore LawParams params, @JsonIgnore Bootstrap.Result bootstrap,
                              @JsonIgnore LawFit.Result full) {

        /** The bootstrap band (2.5th, 97.5th percentile) of the fitted loss at (N, D). */
        public Bootstrap.Interval band(double n, double d) {
            return bootstrap.interval(p -> p.loss(n, d));
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
                sb.append(String.format(Locale.ROOT, "%n N counted as %s (%d points, %d of %d resamples converged)%n",
                        f.counting(), f.points(), f.resamplesConverged(), f.resamples()));
                row(sb, "E", f.bigE());
                row(sb, "A", f.bigA());
                row(sb, "B", f.bigB());
                row(sb, "alpha", f.alpha());
                row(sb, "beta", f.beta());
                row(sb, "N_opt ~ C^a (approach 3)", f.nOptExponent());
                row(sb, "D_opt ~ C^b (approach 3)", f.dOptExponent());
                sb.append(String.format(Locale.ROOT, "  %-26s a = %.3f, b = %.3f (%d of %d budgets with an inner minimum)%n",
                        "approach 2", f.approach2().a(), f.approach2().b(), f.approach2().budgetsWithMinimum(),
                        f.approach2().budgets()));
            }
            return sb.toString();
        }

        private static void row(StringBuilder sb, String name, Constant c) {
            sb.append(String.format(Locale.ROOT, "  %-26s %12.4g   [%.4g, %.4g]%n", name, c.value(), c.lo(), c.hi()));
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
            fits.add(fit(g.points(), c, resamples, seed, null));
        }
        return new Report("grid '" + g.design().name() + "' created " + g.run().created(), Instant.now().toString(),
                LawFit.HUBER_DELTA, METHOD, fits);
    }

    /**
     * Fits one counting. With {@code previous} (a fit of nearly the same data, e.g. before a visitor added a
     * point), the full fit starts from its optima plus a coarse slice of the grid instead of all of it.
     */
    public static CountingFit fit(List<PointRecord> records, Counting c, int resamples, long seed, LawFit.Result previous) {
        List<Observation> data = observations(records, c);
        LawFit.Result full;
        if (previous == null) {
            full = LawFit.fit(data);
        } else {
            List<double[]> starts = new ArrayList<>();
            previous.localOptima().forEach(p -> starts.add(p.toVector()));
            List<double[]> grid = LawFit.initialGrid();
            for (int i = 0; i < grid.size(); i += 45) {
                starts.add(grid.get(i));
            }
            double[] w = new double[data.size()];
            java.util.Arrays.fill(w, 1);
            full = LawFit.fit(data, w, starts);
        }
        Bootstrap.Result boot = Bootstrap.run(data, full, resamples, seed);
        LawParams p = full.params();
        Approach2 a2 = approach2(data);
        return new CountingFit(c.key(), data.size(),
                Constant.of(p.bigE(), boot.interval(LawParams::bigE)),
                Constant.of(p.bigA(), boot.interval(LawParams::bigA)),
                Constant.of(p.bigB(), boot.interval(LawParams::bigB)),
                Constant.of(p.alpha(), boot.interval(LawParams::alpha)),
                Constant.of(p.beta(), boot.interval(LawParams::beta)),
                Constant.of(p.optimalNExponent(), boot.interval(LawParams::optimalNExponent)),
                Constant.of(p.optimalDExponent(), boot.interval(LawParams::optimalDExponent)),
                full.objective(), full.starts(), resamples, boot.samples().size(), seed, a2, p, boot, full);
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
                .map(p -> new double[]{p.compute(), p.nOpt(), p.lossOpt()}).toList();
        return new Approach2(r.a(), r.b(), r.profiles().size(), r.validProfiles(), optima);
    }
}
