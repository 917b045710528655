package lab.jielong.engine;

/**
 * Attention weights for a token sequence, for the side panel and the labs: [layer][head][query t][key t2],
 * each row a distribution over the positions the query may see (0 beyond t for the causal model).
 */
public final class Attention {

    private Attention() {
    }

    /** Runs the model over tokens (at most its context) and returns every layer's and head's weights. */
    public static float[][][][] weights(Gpt model, int[] tokens) {
        int T = tokens.length;
        InferenceSession s = model.newSession();
        s.recordAttention(true);
        s.feed(tokens);
        float[][][][] all = s.attention();
        float[][][][] out = new float[all.length][all[0].length][T][T];
        for (int l = 0; l < all.length; l++) {
            for (int h = 0; h < all[l].length; h++) {
                for (int t = 0; t < T; t++) {
                    System.arraycopy(all[l][h][t], 0, out[l][h][t], 0, T);
                }
            }
        }
        return out;
    }
}
