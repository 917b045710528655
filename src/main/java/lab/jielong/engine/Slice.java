package lab.jielong.engine;

/**
 * A place in a {@code float[]}: the array and an offset, what llm.c writes as a {@code float*}. The layers
 * read and write their tensors through slices; the shape is in the comment of the buffer it points into.
 */
public record Slice(float[] data, int offset) {

    /** The slice n floats further on ({@code inp + n} in C). */
    public Slice plus(int n) {
        return new Slice(data, offset + n);
    }

    /** Sets the first n floats to 0 (before a backward pass accumulates into them). */
    public void zero(int n) {
        java.util.Arrays.fill(data, offset, offset + n, 0f);
    }
}
