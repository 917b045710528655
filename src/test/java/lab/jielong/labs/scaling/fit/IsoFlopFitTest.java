package lab.jielong.labs.scaling.fit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Approach 2 finds the compute-optimal exponent of a known surface: β / (α + β). */
class IsoFlopFitTest {

    @Test
    void recoversTheOptimalExponentOfAKnownSurface() {
        LawParams truth = LawFitTest.TRUTH;
        // IsoFLOP profiles: 12 sizes (factor 1.5 apart), each trained at 6 doubling budgets, shifted with size
        List<Observation> data = new ArrayList<>();
        List<Double> computes = new ArrayList<>();
        double c0 = 1e11;
        for (int k = 0; k < 17; k++) {
            computes.add(c0 * Math.pow(2, k));
        }
        for (int i = 0; i < 12; i++) {
            double n = 5e3 * Math.pow(1.5, i);
            for (int j = 0; j < 6; j++) {
                double c = c0 * Math.pow(2, i + j);
                double d = c / (6 * n);
                data.add(new Observation(n, d, truth.loss(n, d)));
            }
        }
        IsoFlopFit.Result r = IsoFlopFit.fit(data, computes);
        assertTrue(r.validProfiles() >= 4, "profiles with an inner minimum: " + r.validProfiles());
        assertEquals(truth.optimalNExponent(), r.a(), 0.03);
        assertEquals(1 - r.a(), r.b(), 1e-12);
        // each valid minimum is near the analytic optimum of its budget
        for (IsoFlopFit.Profile p : r.profiles()) {
            if (p.valid()) {
                double ratio = p.nOpt() / truth.optimalN(p.compute());
                assertTrue(ratio > 0.7 && ratio < 1.4, "N_opt " + p.nOpt() + " vs " + truth.optimalN(p.compute()));
            }
        }
    }

    @Test
    void aBudgetThatReachesTooFewSizesDoesNotCount() {
        List<Observation> data = List.of(new Observation(1e4, 1e6, 3), new Observation(1e4, 2e6, 2.8),
                new Observation(2e4, 1e6, 2.9), new Observation(2e4, 2e6, 2.7));
        IsoFlopFit.Result r = IsoFlopFit.fit(data, List.of(6e10, 1.2e11));
        assertEquals(0, r.validProfiles());
        assertTrue(Double.isNaN(r.a()));
        assertFalse(r.profiles().get(0).valid());
    }
}
