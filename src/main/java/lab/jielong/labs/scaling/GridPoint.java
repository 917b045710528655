package lab.jielong.labs.scaling;

/**
 * One run of a grid: a model size trained for a number of steps with a seed.
 *
 * @param sizeIndex position of the size in the design (0 = smallest)
 * @param level     the compute level it belongs to (see {@link GridDesign}); -1 for a visitor's point
 */
public record GridPoint(int index, String size, int sizeIndex, int level, int steps, long seed) {

    /** The chain sampler's seed: apart from the initialisation's. */
    public long samplerSeed() {
        return seed + 100;
    }

    /** Short name for logs and file names, e.g. {@code d16-l2-h2-f64 237 steps seed 1}. */
    public String describe() {
        return size + " " + steps + " steps seed " + seed;
    }
}
