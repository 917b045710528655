package lab.jielong.engine;

/**
 * A model's parameters as the layers read them: the flat array ({@link ParameterLayout}), and for
 * inference every matrix also transposed to (in, out) ({@link Gpt#inferenceWeights}), which the linear
 * layer then multiplies with the kernel {@link Gemm#aw}. Training transposes them too, once a step (its
 * parameters change every step), for all its threads' forward passes, in panels of 64 output columns
 * ({@link Gpt#packMatrices}, multiplied by {@link Gemm#awPanels}); null leaves the products on the weights as
 * stored ({@link Gemm#mm}).
 *
 * @param params     the parameters, (out, in) for matrices
 * @param transposed the same layout with each matrix transposed, or null
 * @param inPanels   the transposed matrices are packed in panels ({@link Gpt#packMatrices}), not plain (in, out)
 */
public record Weights(float[] params, float[] transposed, boolean inPanels) {

    /** Plain weights (transposed null) or the inference copy (each matrix transposed to (in, out)). */
    public Weights(float[] params, float[] transposed) {
        this(params, transposed, false);
    }
}
