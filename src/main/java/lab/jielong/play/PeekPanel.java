package lab.jielong.play;

import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.VecMath;

/**
 * The numbers behind the side panel (what the peeking model reads that the decoder may not), for one token
 * sequence: the decoder's attention (causal: nothing to the right), the peeking model's attention on the full
 * text, how much of each position's attention lands to its right, and at one position both models'
 * next-token guess once the future is cut off.
 */
final class PeekPanel {

    private PeekPanel() {
    }

    /** A model's attention on a text and, optionally, its next-token distribution partway through it. */
    record Run(float[][][][] attention, float[] probabilitiesAfterPosition) {
    }

    /**
     * Attention [L][NH][T][T] of {@code model} on {@code tokens} (trimmed to T = tokens.length) and its
     * next-token distribution after tokens[0..position] (null when position is out of range). The causal
     * model does both in one pass: the prefix, a look at the head, then the rest through the KV cache. The
     * peeking model cannot (its earlier positions change when later tokens arrive), so it runs twice.
     */
    static Run run(Gpt model, int[] tokens, int position) {
        boolean cut = position >= 0 && position < tokens.length - 1;
        InferenceSession session = model.newSession().lastOutputOnly();
        session.recordAttention(true);
        float[] after = null;
        if (cut && model.config.causal()) {
            session.feed(tokens, 0, position + 1);
            after = session.probabilities();
            session.feed(tokens, position + 1, tokens.length - position - 1);
        } else {
            session.feed(tokens);
            if (cut) {
                after = withoutFuture(model, tokens, position);
            }
        }
        return new Run(trim(session.attention(), tokens.length), after);
    }

    /** The first T rows and columns of a recorded [L][NH][context][context] attention. */
    static float[][][][] trim(float[][][][] full, int T) {
        float[][][][] out = new float[full.length][][][];
        for (int l = 0; l < full.length; l++) {
            out[l] = new float[full[l].length][T][];
            for (int h = 0; h < full[l].length; h++) {
                for (int t = 0; t < T; t++) {
                    out[l][h][t] = java.util.Arrays.copyOf(full[l][h][t], T);
                }
            }
        }
        return out;
    }

    /** [L][NH][T]: the share of position t's attention on positions after t. */
    static double[][][] futureShareByHead(float[][][][] attention) {
        double[][][] share = new double[attention.length][][];
        for (int l = 0; l < attention.length; l++) {
            share[l] = new double[attention[l].length][];
            for (int h = 0; h < attention[l].length; h++) {
                float[][] rows = attention[l][h];
                share[l][h] = new double[rows.length];
                for (int t = 0; t < rows.length; t++) {
                    double s = 0;
                    for (int t2 = t + 1; t2 < rows[t].length; t2++) {
                        s += rows[t][t2];
                    }
                    share[l][h][t] = s;
                }
            }
        }
        return share;
    }

    /** [T]: {@link #futureShareByHead} averaged over layers and heads. */
    static double[] futureShare(double[][][] byHead) {
        int T = byHead[0][0].length;
        double[] mean = new double[T];
        int n = 0;
        for (double[][] layer : byHead) {
            for (double[] head : layer) {
                for (int t = 0; t < T; t++) {
                    mean[t] += head[t];
                }
                n++;
            }
        }
        for (int t = 0; t < T; t++) {
            mean[t] /= n;
        }
        return mean;
    }

    /** The next-token distribution of {@code model} after tokens[0..position] only (the future removed). */
    static float[] withoutFuture(Gpt model, int[] tokens, int position) {
        InferenceSession session = model.newSession().lastOutputOnly();
        session.feed(tokens, 0, position + 1);
        return session.probabilities();
    }

    /** The most likely token that is not a padding or BOS. */
    static int argmax(float[] probabilities) {
        return VecMath.argmax(probabilities, Vocabulary.SEP, probabilities.length);
    }
}
