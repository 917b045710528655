package lab.jielong.labs.scaling;

import lab.jielong.labs.scaling.fit.IsoFlopFit;
import lab.jielong.labs.scaling.fit.LawParams;
import lab.jielong.labs.scaling.fit.Observation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Approach 2 as the page and `scaling fit` report it: exponents when there are enough budgets, a reason when not. */
class ScalingFitsTest {

    static final LawParams TRUTH = new LawParams(Math.log(0.94), Math.log(60), Math.log(2500), 0.34, 0.45);

    @Test
    void tooFewBudgetsWithAnInnerMinimumAreSaidSoWithoutNaN() {
        // two sizes only: no budget reaches the three sizes a parabola needs
        List<Observation> data = new ArrayList<>();
        for (double n : new double[] {1e4, 2e4}) {
            for (int j = 0; j < 6; j++) {
                double d = 1e5 * Math.pow(2, j);
                data.add(new Observation(n, d, TRUTH.loss(n, d)));
            }
        }
        ScalingFits.Approach2 a2 = ScalingFits.approach2(data);
        assertFalse(a2.found());
        assertNull(a2.a());
        assertNull(a2.b());
        assertTrue(a2.budgetsWithMinimum() < IsoFlopFit.MIN_PROFILES);
        assertEquals(
                "not enough compute budgets with an inner minimum (" + a2.budgetsWithMinimum() + " of " + a2.budgets()
                        + "; at least " + IsoFlopFit.MIN_PROFILES + " needed)",
                a2.describe());
        String json = GridFile.write(a2);
        assertFalse(json.contains("NaN"), json);
        assertTrue(json.contains("\"a\" : null"), json);
        assertFalse(a2.describe().contains("NaN"));
    }

    @Test
    void enoughBudgetsGiveTheExponents() {
        // IsoFLOP profiles of a known surface: 12 sizes, each at 6 doubling budgets
        List<Observation> data = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double n = 5e3 * Math.pow(1.5, i);
            for (int j = 0; j < 6; j++) {
                double d = 1e11 * Math.pow(2, i + j) / (6 * n);
                data.add(new Observation(n, d, TRUTH.loss(n, d)));
            }
        }
        ScalingFits.Approach2 a2 = ScalingFits.approach2(data);
        assertTrue(a2.found(), a2.describe());
        assertTrue(a2.budgetsWithMinimum() >= IsoFlopFit.MIN_PROFILES);
        assertEquals(TRUTH.optimalNExponent(), a2.a(), 0.05);
        assertNull(a2.note());
        assertTrue(a2.describe().startsWith("a = "), a2.describe());
    }
}
