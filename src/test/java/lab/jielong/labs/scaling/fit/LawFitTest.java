package lab.jielong.labs.scaling.fit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fit recovers known constants from synthetic data: exactly without noise, and within its bootstrap
 * intervals with noise. The data sit where the shipped grid's do: N from 6·10³ to 8·10⁵, D from 2·10⁵ to
 * 6·10⁶, losses between 1 and 6.
 */
class LawFitTest {

    static final LawParams TRUTH = new LawParams(Math.log(0.94), Math.log(60), Math.log(2500), 0.34, 0.45);

    /** An IsoFLOP-style grid like the shipped one: 8 sizes, 5 budgets each, doubling. */
    static List<Observation> synthetic(LawParams truth, double noise, long seed) {
        Random rng = new Random(seed);
        List<Observation> out = new ArrayList<>();
        double[] sizes = {6e3, 1.4e4, 2.5e4, 5e4, 8.5e4, 1.5e5, 3.4e5, 7.9e5};
        for (int i = 0; i < sizes.length; i++) {
            for (int j = 0; j < 5; j++) {
                double d = 2e5 * Math.pow(1.3, i) * Math.pow(2, j);
                double l = truth.loss(sizes[i], d) * Math.exp(noise * rng.nextGaussian());
                out.add(new Observation(sizes[i], d, l));
            }
        }
        return out;
    }

    @Test
    void recoversTheConstantsOfNoiselessData() {
        List<Observation> data = synthetic(TRUTH, 0, 1);
        LawFit.Result r = LawFit.fit(data);
        LawParams p = r.params();
        assertEquals(4500, r.starts());
        assertTrue(r.objective() < 1e-12, "objective " + r.objective());
        assertEquals(TRUTH.bigE(), p.bigE(), 1e-3 * TRUTH.bigE());
        assertEquals(TRUTH.bigA(), p.bigA(), 1e-2 * TRUTH.bigA());
        assertEquals(TRUTH.bigB(), p.bigB(), 1e-2 * TRUTH.bigB());
        assertEquals(TRUTH.alpha(), p.alpha(), 1e-3);
        assertEquals(TRUTH.beta(), p.beta(), 1e-3);
    }

    @Test
    void theTruthLiesWithinTheBootstrapIntervalsOfNoisyData() {
        List<Observation> data = synthetic(TRUTH, 0.01, 7);
        LawFit.Result full = LawFit.fit(data);
        assertTheTruthLiesWithinTheIntervals(data, full);
    }

    @Test
    void withEFixedAtTheTruthTheOtherFourConstantsLieWithinTheirIntervals() {
        List<Observation> data = synthetic(TRUTH, 0.01, 11);
        LawFit.Result full = LawFit.fitFixedE(data, TRUTH.bigE());
        assertEquals(900, full.starts(), "the grid without its e dimension");
        assertTrue(full.eFixed());
        assertTheTruthLiesWithinTheIntervals(data, full);
    }

    /**
     * The fit is at least as good as the constants that made the data, ≥ 990 of 1,000 resamples converge, every
     * fitted constant's bootstrap interval holds the truth (E only when it was fitted), and α's interval is
     * informative, not the whole line.
     */
    private static void assertTheTruthLiesWithinTheIntervals(List<Observation> data, LawFit.Result full) {
        assertTrue(full.objective() <= LawFit.objective(data, TRUTH.toVector()) + 1e-12,
                full.objective() + " vs the truth's " + LawFit.objective(data, TRUTH.toVector()));
        Bootstrap.Result boot = Bootstrap.run(data, full, 1000, 2024);
        assertTrue(boot.samples().size() >= 990, "converged resamples: " + boot.samples().size());
        if (!full.eFixed()) {
            check("E", boot.interval(LawParams::bigE), TRUTH.bigE(), full.params().bigE());
        }
        check("A", boot.interval(LawParams::bigA), TRUTH.bigA(), full.params().bigA());
        check("B", boot.interval(LawParams::bigB), TRUTH.bigB(), full.params().bigB());
        check("alpha", boot.interval(LawParams::alpha), TRUTH.alpha(), full.params().alpha());
        check("beta", boot.interval(LawParams::beta), TRUTH.beta(), full.params().beta());
        Bootstrap.Interval alpha = boot.interval(LawParams::alpha);
        assertTrue(alpha.hi() - alpha.lo() < 0.5, "alpha interval " + alpha);
    }

    @Test
    void aFixedEStaysWhereItWasPutEvenWhereTheDataWantAnother() {
        // data made with E = 0.94; E held at 0.6: a fit that let E move would return to about 0.94
        List<Observation> data = synthetic(TRUTH, 0.005, 13);
        double held = 0.6;
        LawFit.Result free = LawFit.fit(data);
        assertEquals(TRUTH.bigE(), free.params().bigE(), 0.1, "the free fit finds the E of the data");
        LawFit.Result fixed = LawFit.fitFixedE(data, held);
        assertEquals(held, fixed.params().bigE(), 1e-12);
        fixed.localOptima().forEach(p -> assertEquals(Math.log(held), p.e(), 0.0));
        assertTrue(fixed.objective() > free.objective(), "holding E away from the data's costs fit: "
                + fixed.objective() + " vs " + free.objective());
        Bootstrap.Result boot = Bootstrap.run(data, fixed, 100, 5);
        assertTrue(boot.samples().size() >= 95);
        boot.samples().forEach(p -> assertEquals(Math.log(held), p.e(), 0.0, "a resample's refit moved E"));
    }

    @Test
    void aFixedEMustBePositive() {
        List<Observation> data = synthetic(TRUTH, 0, 1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LawFit.fitFixedE(data, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LawFit.fitFixedE(data, Double.NaN));
    }

    @Test
    void theSameSeedGivesTheSameIntervals() {
        List<Observation> data = synthetic(TRUTH, 0.01, 3);
        LawFit.Result full = LawFit.fit(data);
        Bootstrap.Interval a = Bootstrap.run(data, full, 50, 5).interval(LawParams::beta);
        Bootstrap.Interval b = Bootstrap.run(data, full, 50, 5).interval(LawParams::beta);
        assertEquals(a, b);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        assertEquals(0.5e-8, LawFit.huber(1e-4), 1e-20);
        assertEquals(1e-3 * (0.1 - 0.5e-3), LawFit.huber(-0.1), 1e-15);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), LawFit.lse(1, 2, 3), 1e-12);
    }

    private static void check(String name, Bootstrap.Interval i, double truth, double fitted) {
        System.out.printf("%-5s truth %.4g fitted %.4g interval [%.4g, %.4g]%n", name, truth, fitted, i.lo(), i.hi());
        assertTrue(i.contains(truth), name + ": " + truth + " outside " + i);
    }
}
