package lab.jielong.labs.scaling.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Bootstrap confidence intervals for {@link LawFit} (Besiroglu et al. 2024 report them this way):
 * resample the observations with replacement (a resample is a weight per observation: how often it was
 * drawn), refit, and read the 2.5th and 97.5th percentiles of each quantity over the refits. Each refit
 * starts from the full fit's best local optima rather than the whole 4,500-point grid, which keeps 1,000
 * refits to seconds; a resample whose optimum lies elsewhere is still found from those starts as long as
 * it is one of the basins the full grid found. A fit with E held fixed is refitted with E held at the same
 * value. Seeded: the same data and seed give the same intervals.
 */
public final class Bootstrap {

    /** A 95% percentile interval. */
    public record Interval(double lo, double hi) {
        public boolean contains(double v) {
            return v >= lo && v <= hi;
        }
    }

    /** The refitted parameters of every resample. */
    public record Result(List<LawParams> samples, int resamples, long seed) {

        /** The 2.5th and 97.5th percentiles of a quantity computed from each resample's fit. */
        public Interval interval(ToDoubleFunction<LawParams> quantity) {
            double[] v = samples.stream().mapToDouble(quantity).filter(Double::isFinite).sorted().toArray();
            if (v.length == 0) {
                return new Interval(Double.NaN, Double.NaN);
            }
            return new Interval(percentile(v, 0.025), percentile(v, 0.975));
        }
    }

    private Bootstrap() {
    }

    /** At most this many of the full fit's local optima start each refit. */
    static final int STARTS = 4;

    public static Result run(List<Observation> data, LawFit.Result full, int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be positive, got " + resamples);
        }
        List<double[]> starts = new ArrayList<>();
        for (LawParams p : full.localOptima().subList(0, Math.min(STARTS, full.localOptima().size()))) {
            starts.add(p.toVector());
        }
        Random rng = new Random(seed);
        int n = data.size();
        List<LawParams> out = new ArrayList<>(resamples);
        double[] w = new double[n];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(w, 0);
            for (int i = 0; i < n; i++) {
                w[rng.nextInt(n)]++;
            }
            try {
                out.add(LawFit.fit(data, w, starts, full.fixedLogE()).params());
            } catch (IllegalStateException e) {
                // no start converged on this resample: it contributes nothing (rare; counted by samples().size())
            }
        }
        return new Result(List.copyOf(out), resamples, seed);
    }

    /** Linear interpolation between order statistics (the "type 7" rule of R and NumPy). */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
