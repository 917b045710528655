package lab.jielong.labs.scaling;

/**
 * The three ways this lab counts a model's parameters N. Which one a fit uses moves its exponents:
 * Kaplan et al. (2020) left the embeddings out, Chinchilla (Hoffmann et al. 2022) counted them, and
 * Pearce &amp; Song (2024) showed that much of the gap between the two papers' exponents comes from
 * that choice at small sizes, where the embeddings are a large share of N. Here the vocabulary has
 * 2,993 tokens, so a d_model 16 model is almost all embedding.
 */
public enum Counting {
    /** Every parameter: token and position embeddings (the token table is also the tied output head), blocks, final LayerNorm. */
    ALL("all"),
    /** Without the token and position embedding tables (Kaplan's N). */
    NON_EMBEDDING("non_embedding"),
    /** Only the blocks' four weight matrices (q/k/v, attention projection, MLP in and out): 12·L·C² at d_ff 4C. */
    MATRICES("matrices");

    private final String key;

    Counting(String key) {
        this.key = key;
    }

    /** The name used in grid.json and on the command line. */
    public String key() {
        return key;
    }

    public static Counting fromKey(String key) {
        for (Counting c : values()) {
            if (c.key.equals(key) || c.name().equalsIgnoreCase(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown way of counting N '" + key + "': all, non_embedding or matrices");
    }
}
