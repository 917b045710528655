package lab.jielong.base.ui;

/** How numbers read on the pages. */
public final class Formats {

    private Formats() {
    }

    /** A probability as a whole percentage; "<1%" and "99+%" rather than a misleading 0% or 100%. */
    public static String percent(double p) {
        if (p >= 0.995) {
            return "99+%";
        }
        if (p > 0 && p < 0.005) {
            return "<1%";
        }
        return Math.round(p * 100) + "%";
    }
}
