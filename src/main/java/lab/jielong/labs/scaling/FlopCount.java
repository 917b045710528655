package lab.jielong.labs.scaling;

import lab.jielong.engine.ModelConfig;

/**
 * Training FLOPs of the engine, counted from the model's shapes: the multiply-adds (2 FLOPs each) of
 * every matrix product and of the attention that one forward + backward pass over a row of T tokens
 * performs, divided by T. Per token:
 * <pre>
 *   linear layers   per layer q/k/v (3C·C), attention projection (C·C), MLP in (F·C) and out (C·F),
 *                   plus the tied head (V·C): M = L·(4C² + 2CF) + VC weights in products.
 *                   Forward 2M; backward 4M (the input gradient and the weight gradient, each a product
 *                   of the same size: the engine computes both for every layer, the first included).
 *   attention       causal: position t scores t + 1 keys and mixes t + 1 values, over C = NH·hs channels,
 *                   so a row costs C·T(T+1)/2 multiply-adds for the scores and as many for the mix:
 *                   forward 2·C·(T+1) per token and layer; backward four products of that size
 *                   (d scores from d out and v, dv, dq, dk): 4·C·(T+1). Without the mask T + 1 becomes 2T.
 *   exact = 6·M + 6·L·C·(T+1)        (causal)
 * </pre>
 * Left out on purpose, because each is a few operations per activation rather than per weight: biases,
 * LayerNorm, GELU, softmax, the residual adds, the embedding lookups and AdamW. At d_model 16 the
 * softmax over 2,993 tokens is no longer negligible in time, though it is in this count.
 * Every position of a row is computed, padding included, so D counts B·T tokens a step.
 * <p>The rule of thumb 6·N·D (Kaplan et al. 2020) uses the N of one {@link Counting}; with N = M it equals
 * the linear part above exactly, and it is close to "all" because here the head is the token table.
 */
public final class FlopCount {

    private FlopCount() {
    }

    /** Weights that take part in a matrix product per token, the tied head included. */
    public static long productWeights(ModelConfig c) {
        long C = c.dModel(), F = c.dFf(), L = c.nLayer();
        return L * (4 * C * C + 2 * C * F) + (long) c.vocabSize() * C;
    }

    /** Forward + backward FLOPs per token, as derived above. */
    public static long exactPerToken(ModelConfig c) {
        long C = c.dModel(), L = c.nLayer(), T = c.context();
        long attention = c.causal() ? 6 * L * C * (T + 1) : 12 * L * C * T;
        return 6 * productWeights(c) + attention;
    }

    /** The rule of thumb 6·N·D. */
    public static double sixND(long n, long tokens) {
        return 6.0 * n * tokens;
    }
}
