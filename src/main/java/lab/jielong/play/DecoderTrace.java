package lab.jielong.play;

import lab.jielong.engine.InferenceSession;

import java.util.Arrays;

/**
 * What the decoder read and wrote in a move, recorded on the way, so the panel needs no second decoder run.
 * Holds the move's inference session until the panel has been made; safe to use from one thread at a time.
 */
public final class DecoderTrace {
    private final InferenceSession session;
    private int[] unfed;
    private boolean beforeLastUnfed;
    private float[] beforeLast;
    private float[][][][] attention;

    /**
     * @param unfed           tokens the move chose but did not feed (the model had nothing left to decide)
     * @param beforeLastUnfed the distribution before the last unfed token is still to be read
     * @param beforeLast      that distribution, when the move already read it (free decoding)
     */
    DecoderTrace(InferenceSession session, int[] unfed, boolean beforeLastUnfed, float[] beforeLast) {
        this.session = session;
        this.unfed = unfed;
        this.beforeLastUnfed = beforeLastUnfed && unfed.length > 0;
        this.beforeLast = beforeLast;
    }

    /** {@code BOS X SEP} and the answer. */
    public synchronized int[] tokens() {
        int[] fed = session.tokens();
        int[] all = Arrays.copyOf(fed, fed.length + unfed.length);
        System.arraycopy(unfed, 0, all, fed.length, unfed.length);
        return all;
    }

    /** The decoder's attention over {@link #tokens()}, [layer][head][T][T]. */
    public synchronized float[][][][] attention() {
        complete();
        return attention;
    }

    /** The decoder's unrestricted next-token distribution before the answer's last character; null if none. */
    public synchronized float[] beforeLast() {
        complete();
        return beforeLast;
    }

    /** Feeds what the move left unfed, reading the distribution before the last token on the way. */
    private void complete() {
        if (attention != null) {
            return;
        }
        if (unfed.length > 0) {
            int n = unfed.length;
            if (n > 1) {
                session.feed(unfed, 0, n - 1);
            }
            if (beforeLastUnfed) {
                beforeLast = session.probabilities();
            }
            session.feed(unfed, n - 1, 1);
            unfed = new int[0];
        }
        attention = PeekPanel.trim(session.attention(), session.length());
    }
}
