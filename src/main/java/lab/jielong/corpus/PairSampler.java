package lab.jielong.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Aligned (X, Y) pairs for the encoder-decoder, cut from the same training idioms as the chains: X a training
 * idiom, Y a training idiom that starts with X's last character (a valid next move). Held-out idioms never
 * appear, on either side; an idiom with no training successor is never an X. A training row is the source
 * {@code x1 x2 x3 x4} padded with PAD to the source length, then the target {@code BOS y1 y2 y3 y4 EOS}
 * padded to target length + 1 (the decoder reads the first Ty tokens and is trained on the shifted ones).
 * Not thread-safe (one generator).
 */
public final class PairSampler {

    /** Source tokens of one pair: the idiom's characters. */
    public static final int SOURCE_LENGTH = Idiom.LENGTH;
    /** Target tokens the decoder reads ({@code BOS y1..y4}); it is trained on {@code y1..y4 EOS}. */
    public static final int TARGET_LENGTH = Idiom.LENGTH + 1;

    private final List<Idiom> sources = new ArrayList<>();
    private final List<List<Idiom>> successors = new ArrayList<>();
    private final Vocabulary vocab;
    private final Random rng;
    private final long pairs;

    public PairSampler(IdiomCorpus corpus, Vocabulary vocab, long seed) {
        this.vocab = vocab;
        this.rng = new Random(seed);
        Map<Character, List<Idiom>> byFirst = new HashMap<>();
        for (Idiom w : corpus.training()) {
            byFirst.computeIfAbsent(w.first(), k -> new ArrayList<>()).add(w);
        }
        long n = 0;
        for (Idiom w : corpus.training()) {
            List<Idiom> next = byFirst.getOrDefault(w.last(), List.of());
            if (!next.isEmpty()) {
                sources.add(w);
                successors.add(next);
                n += next.size();
            }
        }
        pairs = n;
    }

    /** A pair of idioms. */
    public record Pair(Idiom x, Idiom y) {
    }

    /** The number of distinct (X, Y) pairs there are to draw from. */
    public long pairCount() {
        return pairs;
    }

    /** Training idioms that can be an X (they have a training successor). */
    public int sourceCount() {
        return sources.size();
    }

    /** A random pair: X uniform among the possible sources, Y uniform among its successors. */
    public Pair next() {
        int i = rng.nextInt(sources.size());
        List<Idiom> s = successors.get(i);
        return new Pair(sources.get(i), s.get(rng.nextInt(s.size())));
    }

    /** Writes a random pair as one training row of sourceLength + targetLength + 1 tokens at out[off ..]. */
    public Pair sample(int[] out, int off, int sourceLength, int targetLength) {
        Pair p = next();
        write(p, out, off, sourceLength, targetLength);
        return p;
    }

    /** The row of a given pair. */
    public void write(Pair p, int[] out, int off, int sourceLength, int targetLength) {
        java.util.Arrays.fill(out, off, off + sourceLength + targetLength + 1, Vocabulary.PAD);
        int[] x = vocab.encode(p.x().word()), y = vocab.encode(p.y().word());
        System.arraycopy(x, 0, out, off, Math.min(x.length, sourceLength));
        int t = off + sourceLength, end = t + targetLength + 1;
        out[t++] = Vocabulary.BOS;
        for (int i = 0; i < y.length && t < end; i++) {
            out[t++] = y[i];
        }
        if (t < end) {
            out[t] = Vocabulary.EOS;
        }
    }

    /** The source the encoder-decoder is prompted with for the idiom after x: its characters. */
    public static int[] source(String x, Vocabulary vocab) {
        return vocab.encode(x);
    }
}
