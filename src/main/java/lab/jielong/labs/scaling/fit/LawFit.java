package lab.jielong.labs.scaling.fit;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chinchilla's approach 3 as Hoffmann et al. (2022, appendix D.2) and Besiroglu et al. (Epoch AI, 2024)
 * set it up: minimise Σᵢ wᵢ·Huber_δ(LSE(a − α·log Nᵢ, b − β·log Dᵢ, e) − log Lᵢ) with δ = 10⁻³, from every
 * point of their grid of initial values, keeping the best. log-sum-exp keeps E, A, B positive; Huber on
 * log L keeps a few bad runs from dominating.
 * <p>The optimiser is Hipparchus' Levenberg–Marquardt on the same objective written as a sum of squares:
 * each residual rᵢ becomes sign(rᵢ)·√(2·Huber(rᵢ)), whose square is exactly 2·Huber(rᵢ), with its exact
 * Jacobian. Both papers used L-BFGS (SciPy); Hipparchus 4 has no unconstrained BFGS/L-BFGS (its BFGS
 * update lives inside the SQP solvers for constrained problems, which failed on this one), and its
 * nonlinear conjugate gradient stalled on this ill-conditioned objective at 3% above the optimum that
 * Levenberg–Marquardt reaches in about 40 evaluations. The objective, the grid and the result are theirs.
 * <p>Plain Java, no Spring or Vaadin; thread-safe.
 */
public final class LawFit {

    public static final double HUBER_DELTA = 1e-3;

    /** The grid of initial values of Hoffmann et al. / Epoch: 5 × 6 × 6 × 5 × 5 = 4,500 starts (e, a, b, α, β). */
    public static final double[] GRID_E = {-1, -0.5, 0, 0.5, 1};
    public static final double[] GRID_A = {0, 5, 10, 15, 20, 25};
    public static final double[] GRID_B = {0, 5, 10, 15, 20, 25};
    public static final double[] GRID_ALPHA = {0, 0.5, 1, 1.5, 2};
    public static final double[] GRID_BETA = {0, 0.5, 1, 1.5, 2};

    /**
     * The best parameters and their objective; how many starts were run; the distinct local optima found,
     * best first (good starts for refits of similar data, such as bootstrap resamples); and e = log E when
     * E was held fixed rather than fitted (NaN for the free fit), so that refits hold it fixed too.
     */
    public record Result(LawParams params, double objective, int starts, List<LawParams> localOptima,
            double fixedLogE) {

        public boolean eFixed() {
            return !Double.isNaN(fixedLogE);
        }
    }

    private LawFit() {
    }

    /** Every start of the initial-value grid. */
    public static List<double[]> initialGrid() {
        List<double[]> g = new ArrayList<>();
        for (double e : GRID_E) {
            for (double a : GRID_A) {
                for (double b : GRID_B) {
                    for (double al : GRID_ALPHA) {
                        for (double be : GRID_BETA) {
                            g.add(new double[] {e, a, b, al, be});
                        }
                    }
                }
            }
        }
        return g;
    }

    /** The grid of initial values without its e dimension (6 × 6 × 5 × 5 = 900 starts), e set to {@code logE}. */
    public static List<double[]> initialGridFixedE(double logE) {
        List<double[]> g = new ArrayList<>();
        for (double[] s : initialGrid()) {
            if (s[0] == GRID_E[0]) {
                s[0] = logE;
                g.add(s);
            }
        }
        return g;
    }

    /** Fits from every start of the grid, each observation counted once. */
    public static Result fit(List<Observation> data) {
        return fit(data, ones(data.size()), initialGrid());
    }

    /**
     * Fits A, B, α and β with E held at a known value (here: the measured entropy of the chain process,
     * which no model can beat), from every start of the grid's other four dimensions, each observation
     * counted once. Same objective, optimiser and grid as {@link #fit(List)}, one dimension fewer.
     */
    public static Result fitFixedE(List<Observation> data, double bigE) {
        if (!(bigE > 0) || !Double.isFinite(bigE)) {
            throw new IllegalArgumentException("a fixed E must be positive and finite, got " + bigE);
        }
        double logE = Math.log(bigE);
        return fit(data, ones(data.size()), initialGridFixedE(logE), logE);
    }

    /**
     * Fits with per-observation weights (a bootstrap resample is: weight = how often the point was drawn)
     * from each of the given starts; returns the best local optimum.
     */
    public static Result fit(List<Observation> data, double[] weights, List<double[]> starts) {
        return fit(data, weights, starts, Double.NaN);
    }

    /**
     * As {@link #fit(List, double[], List)}, with e = log E held at {@code fixedLogE} unless it is NaN: the
     * optimiser then moves only (a, b, α, β), and every start's e is replaced by it.
     */
    public static Result fit(List<Observation> data, double[] weights, List<double[]> starts, double fixedLogE) {
        Residuals f = new Residuals(data, weights, fixedLogE);
        List<double[]> optima = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (double[] s : starts) {
            double[] x = localFit(f, s);
            if (x == null) {
                continue;
            }
            double v = f.objective(x);
            if (!Double.isFinite(v)) {
                continue;
            }
            boolean known = false;
            for (int i = 0; i < optima.size(); i++) {
                if (distance(optima.get(i), x) < 1e-4) {
                    known = true;
                    if (v < values.get(i)) {
                        optima.set(i, x);
                        values.set(i, v);
                    }
                    break;
                }
            }
            if (!known) {
                optima.add(x);
                values.add(v);
            }
        }
        if (optima.isEmpty()) {
            throw new IllegalStateException("no start of the fit converged (" + starts.size() + " starts, "
                    + data.size() + " points)");
        }
        Integer[] order = new Integer[optima.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(values::get));
        List<LawParams> sorted = new ArrayList<>();
        for (int i = 0; i < Math.min(8, order.length); i++) {
            sorted.add(LawParams.fromVector(optima.get(order[i])));
        }
        return new Result(sorted.get(0), values.get(order[0]), starts.size(), List.copyOf(sorted), fixedLogE);
    }

    /** The Huber objective of a parameter vector (e, a, b, α, β), each observation counted once. */
    public static double objective(List<Observation> data, double[] x) {
        return new Residuals(data, ones(data.size()), Double.NaN).objective(x);
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    private static double distance(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s = Math.max(s, Math.abs(x[i] - y[i]));
        }
        return s;
    }

    /** A local optimum from a start (e, a, b, α, β); with E fixed, the optimiser sees (a, b, α, β) only. */
    private static double[] localFit(Residuals f, double[] start) {
        double[] s = f.fixed() ? Arrays.copyOfRange(start, 1, 5) : start;
        LeastSquaresProblem p = new LeastSquaresBuilder().start(s).model(f).target(new double[f.size()])
                .maxEvaluations(5_000).maxIterations(1_000).build();
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(p);
            return f.full(o.getPoint().toArray());
        } catch (MathRuntimeException e) {
            return null;   // a hopeless start ran out of evaluations: the other starts decide
        }
    }

    /**
     * The residuals sign(r)·√(2·wᵢ·Huber(rᵢ)) and their Jacobian in (e, a, b, α, β), or in (a, b, α, β)
     * when e is held fixed (the optimiser's point then has four coordinates; {@link #full} restores e).
     */
    static final class Residuals implements MultivariateJacobianFunction {
        private final double[] logN, logD, logL, sqrtW, w;
        private final double fixedLogE;

        Residuals(List<Observation> data, double[] weights, double fixedLogE) {
            this.fixedLogE = fixedLogE;
            int n = data.size();
            if (weights.length != n) {
                throw new IllegalArgumentException(n + " observations but " + weights.length + " weights");
            }
            logN = new double[n];
            logD = new double[n];
            logL = new double[n];
            w = weights.clone();
            sqrtW = new double[n];
            for (int i = 0; i < n; i++) {
                logN[i] = Math.log(data.get(i).n());
                logD[i] = Math.log(data.get(i).d());
                logL[i] = Math.log(data.get(i).loss());
                sqrtW[i] = Math.sqrt(weights[i]);
            }
        }

        int size() {
            return logN.length;
        }

        boolean fixed() {
            return !Double.isNaN(fixedLogE);
        }

        /** The optimiser's point as (e, a, b, α, β). */
        double[] full(double[] point) {
            if (!fixed()) {
                return point;
            }
            return new double[] {fixedLogE, point[0], point[1], point[2], point[3]};
        }

        /** Σ wᵢ·Huber(rᵢ). */
        double objective(double[] x) {
            double sum = 0;
            for (int i = 0; i < logN.length; i++) {
                sum += w[i] * huber(lse(x[1] - x[3] * logN[i], x[2] - x[4] * logD[i], x[0]) - logL[i]);
            }
            return sum;
        }

        @Override
        public Pair<org.hipparchus.linear.RealVector, org.hipparchus.linear.RealMatrix> value(
                org.hipparchus.linear.RealVector point) {
            double[] x = full(point.toArray());
            int n = logN.length;
            double[] v = new double[n];
            double[][] jac = new double[n][5];
            for (int i = 0; i < n; i++) {
                double u1 = x[1] - x[3] * logN[i], u2 = x[2] - x[4] * logD[i], u3 = x[0];
                double m = Math.max(u1, Math.max(u2, u3));
                double e1 = Math.exp(u1 - m), e2 = Math.exp(u2 - m), e3 = Math.exp(u3 - m), s = e1 + e2 + e3;
                double r = m + Math.log(s) - logL[i];
                double scale;   // d residual' / d r
                if (Math.abs(r) <= HUBER_DELTA) {
                    v[i] = sqrtW[i] * r;
                    scale = sqrtW[i];
                } else {
                    double q = Math.sqrt(2 * HUBER_DELTA * Math.abs(r) - HUBER_DELTA * HUBER_DELTA);
                    v[i] = sqrtW[i] * Math.copySign(q, r);
                    scale = sqrtW[i] * HUBER_DELTA / q;
                }
                double p1 = e1 / s, p2 = e2 / s, p3 = e3 / s;   // d LSE / d u_k
                jac[i][0] = scale * p3;
                jac[i][1] = scale * p1;
                jac[i][2] = scale * p2;
                jac[i][3] = -scale * p1 * logN[i];
                jac[i][4] = -scale * p2 * logD[i];
                if (fixed()) {
                    jac[i] = Arrays.copyOfRange(jac[i], 1, 5);   // e is not a variable: drop its column
                }
            }
            return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(jac, false));
        }
    }

    static double lse(double u1, double u2, double u3) {
        double m = Math.max(u1, Math.max(u2, u3));
        return m + Math.log(Math.exp(u1 - m) + Math.exp(u2 - m) + Math.exp(u3 - m));
    }

    static double huber(double r) {
        double a = Math.abs(r);
        return a <= HUBER_DELTA ? 0.5 * r * r : HUBER_DELTA * (a - 0.5 * HUBER_DELTA);
    }
}
