package lab.jielong.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The "snowball" comparison: generating token after token, what each step costs with the KV cache
 * (one new position) and without it (the whole prefix recomputed), measured on the same model.
 */
public final class Snowball {

    private Snowball() {
    }

    /** One generation step: the position produced and the cost both ways (each including the head). */
    public record Row(int position, StepCost cached, StepCost recomputed) {
    }

    /**
     * For each position t in from..tokens.length-1: the cost of feeding tokens[t] into a cached session
     * holding tokens[0..t-1], and of recomputing tokens[0..t] from scratch; both include the head.
     */
    public static List<Row> compare(Gpt model, int[] tokens, int from) {
        if (from < 1 || from >= tokens.length) {
            throw new IllegalArgumentException("from must be in 1.." + (tokens.length - 1) + ", got " + from);
        }
        List<Row> rows = new ArrayList<>();
        InferenceSession cached = model.newSession();
        InferenceSession scratch = model.newSession();
        cached.feed(tokens, 0, from);
        for (int t = from; t < tokens.length; t++) {
            cached.feed(tokens[t]);
            cached.logits();
            StepCost c = cached.lastCost();
            scratch.reset();
            long t0 = System.nanoTime();
            scratch.feed(tokens, 0, t + 1);
            scratch.logits();
            long ns = System.nanoTime() - t0;
            rows.add(new Row(t, c, new StepCost(t + 1, scratch.flops(0, t + 1, true), 0, ns)));
        }
        return rows;
    }
}
