package lab.jielong.labs.scaling.fit;

/**
 * L(N, D) = E + A / N^α + B / D^β, the Chinchilla form (Hoffmann et al. 2022, eq. 2). The fit works in
 * log space: a = log A, b = log B, e = log E.
 */
public record LawParams(double e, double a, double b, double alpha, double beta) {

    public static LawParams fromVector(double[] x) {
        return new LawParams(x[0], x[1], x[2], x[3], x[4]);
    }

    public double[] toVector() {
        return new double[] {e, a, b, alpha, beta};
    }

    public double bigE() {
        return Math.exp(e);
    }

    public double bigA() {
        return Math.exp(a);
    }

    public double bigB() {
        return Math.exp(b);
    }

    public double loss(double n, double d) {
        return Math.exp(e) + Math.exp(a - alpha * Math.log(n)) + Math.exp(b - beta * Math.log(d));
    }

    /**
     * The compute-optimal model for a budget C = 6·N·D (Hoffmann et al. eq. 4): N_opt = G·(C/6)^(β/(α+β)),
     * G = (αA / (βB))^(1/(α+β)); D_opt = C / (6·N_opt).
     */
    public double optimalN(double compute) {
        double g = Math.pow(alpha * bigA() / (beta * bigB()), 1 / (alpha + beta));
        return g * Math.pow(compute / 6, beta / (alpha + beta));
    }

    /** Exponent of N_opt ∝ C^a implied by the fit: β / (α + β). */
    public double optimalNExponent() {
        return beta / (alpha + beta);
    }

    /** Exponent of D_opt ∝ C^b implied by the fit: α / (α + β). */
    public double optimalDExponent() {
        return alpha / (alpha + beta);
    }
}
