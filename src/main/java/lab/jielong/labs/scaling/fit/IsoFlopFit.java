package lab.jielong.labs.scaling.fit;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chinchilla's approach 2 (Hoffmann et al. 2022, §3.2): for each compute budget C, the loss of each model
 * size trained with that budget (an IsoFLOP profile), a parabola in log N through them, and its minimum
 * N_opt(C); then least squares of log N_opt against log C gives N_opt ∝ C^a, and D_opt = C / (6·N_opt)
 * gives D_opt ∝ C^b with b = 1 − a.
 * <p>C = 6·N·D with the N the caller chose. A size's loss at D = C / (6N) is read off its own runs,
 * linearly in log L against log D between its two nearest token budgets (runs with the same N and D, such
 * as other seeds, are averaged in log L first); a size whose budgets do not reach D within 5% sits that
 * budget out. When the grid was designed as IsoFLOP profiles in the same counting of N, the reads are the
 * runs themselves. A profile counts only with at least three sizes and a parabola that opens upwards with
 * its minimum inside the sizes measured.
 */
public final class IsoFlopFit {

    /** One compute budget: the (log N, log L) read for each size, and the parabola's minimum if it counts. */
    public record Profile(double compute, List<double[]> logNLogL, double[] parabola, boolean valid,
            double nOpt, double lossOpt) {
    }

    /** N_opt ∝ C^a and D_opt ∝ C^b (NaN when fewer than {@link #MIN_PROFILES} profiles count), with every profile tried. */
    public record Result(double a, double b, double logIntercept, int validProfiles, List<Profile> profiles) {

        /** N_opt at compute C from the regression, NaN without one. */
        public double optimalN(double compute) {
            return Math.exp(logIntercept + a * Math.log(compute));
        }
    }

    static final double EDGE = 1.05;
    /** Budgets with an inner minimum a regression of log N_opt on log C needs: two fix a line, a third tests it. */
    public static final int MIN_PROFILES = 3;

    private IsoFlopFit() {
    }

    public static Result fit(List<Observation> data, List<Double> computes) {
        // N -> (log D -> mean log L)
        Map<Double, TreeMap<Double, double[]>> bySize = new TreeMap<>();
        for (Observation o : data) {
            double[] acc = bySize.computeIfAbsent(o.n(), k -> new TreeMap<>())
                    .computeIfAbsent(Math.log(o.d()), k -> new double[2]);
            acc[0] += Math.log(o.loss());
            acc[1]++;
        }
        List<Profile> profiles = new ArrayList<>();
        List<double[]> optima = new ArrayList<>();   // (log C, log N_opt)
        for (double c : computes) {
            List<double[]> pts = new ArrayList<>();
            for (Map.Entry<Double, TreeMap<Double, double[]>> e : bySize.entrySet()) {
                double logD = Math.log(c / (6 * e.getKey()));
                Double y = interpolate(e.getValue(), logD);
                if (y != null) {
                    pts.add(new double[] {Math.log(e.getKey()), y});
                }
            }
            double[] par = pts.size() >= 3 ? parabola(pts) : null;
            boolean valid = false;
            double nOpt = Double.NaN, lossOpt = Double.NaN;
            if (par != null && par[2] > 0) {
                double x = -par[1] / (2 * par[2]);
                double lo = pts.get(0)[0], hi = pts.get(pts.size() - 1)[0];
                if (x >= lo && x <= hi) {
                    valid = true;
                    nOpt = Math.exp(x);
                    lossOpt = Math.exp(par[0] + par[1] * x + par[2] * x * x);
                    optima.add(new double[] {Math.log(c), x});
                }
            }
            profiles.add(new Profile(c, List.copyOf(pts), par, valid, nOpt, lossOpt));
        }
        if (optima.size() < MIN_PROFILES) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, optima.size(), profiles);
        }
        double[] line = line(optima);
        return new Result(line[1], 1 - line[1], line[0], optima.size(), profiles);
    }

    /** log L at log D from a size's runs, or null if D lies outside them by more than 5%. */
    private static Double interpolate(TreeMap<Double, double[]> runs, double logD) {
        double lo = runs.firstKey(), hi = runs.lastKey(), edge = Math.log(EDGE);
        if (logD < lo - edge || logD > hi + edge) {
            return null;
        }
        if (runs.size() == 1) {
            return mean(runs.firstEntry().getValue());
        }
        Map.Entry<Double, double[]> below = runs.floorEntry(logD), above = runs.ceilingEntry(logD);
        if (below == null) {                                   // just left of the first budget
            below = runs.firstEntry();
            above = runs.higherEntry(below.getKey());
        } else if (above == null) {                            // just right of the last
            above = runs.lastEntry();
            below = runs.lowerEntry(above.getKey());
        } else if (below.getKey().equals(above.getKey())) {
            return mean(below.getValue());
        }
        double t = (logD - below.getKey()) / (above.getKey() - below.getKey());
        return mean(below.getValue()) + t * (mean(above.getValue()) - mean(below.getValue()));
    }

    private static double mean(double[] acc) {
        return acc[0] / acc[1];
    }

    /** Least-squares y = p0 + p1·x + p2·x². */
    static double[] parabola(List<double[]> pts) {
        double[][] m = new double[pts.size()][3];
        double[] y = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            double x = pts.get(i)[0];
            m[i] = new double[] {1, x, x * x};
            y[i] = pts.get(i)[1];
        }
        RealVector p = new QRDecomposition(new Array2DRowRealMatrix(m, false)).getSolver()
                .solve(new ArrayRealVector(y, false));
        return p.toArray();
    }

    /** Least-squares y = p0 + p1·x. */
    static double[] line(List<double[]> pts) {
        double[][] m = new double[pts.size()][2];
        double[] y = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            m[i] = new double[] {1, pts.get(i)[0]};
            y[i] = pts.get(i)[1];
        }
        return new QRDecomposition(new Array2DRowRealMatrix(m, false)).getSolver().solve(new ArrayRealVector(y, false))
                .toArray();
    }
}
