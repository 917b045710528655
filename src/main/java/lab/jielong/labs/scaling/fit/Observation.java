package lab.jielong.labs.scaling.fit;

/** One trained model: parameters N, training tokens D, measured loss L (nats per token). */
public record Observation(double n, double d, double loss) {

    public Observation {
        if (!(n > 0 && d > 0 && loss > 0) || !Double.isFinite(n + d + loss)) {
            throw new IllegalArgumentException(
                    "an observation needs positive, finite N, D and L: " + n + ", " + d + ", " + loss);
        }
    }
}
