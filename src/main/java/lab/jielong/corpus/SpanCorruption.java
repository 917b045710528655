package lab.jielong.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Span-corruption pre-training data (the T5 recipe, at toy scale) from the same chains the decoder trains on:
 * a chain from {@link ChainSampler} without its BOS, with about 15% of its tokens removed in spans of 1 to 5
 * characters (a span never holds a SEP, so it may cover a whole idiom but never crosses into the next); X is the chain with each removed span replaced by a sentinel, Y the removed spans in order:
 * {@code BOS span1 SEP span2 … EOS}. The vocabulary has no room for T5's numbered sentinels, so one sentinel
 * token serves for every span: {@link #SENTINEL} (the unknown-character token, which no training chain
 * contains); the spans come back in order, separated by SEP. Not thread-safe.
 */
public final class SpanCorruption {

    public static final int SENTINEL = Vocabulary.UNK;
    /** Fraction of a chain's tokens removed (T5's 15%). */
    public static final double RATE = 0.15;
    public static final int MAX_SPAN = 5;

    private final ChainSampler chains;
    private final Random rng;
    private final int[] chain;

    public SpanCorruption(IdiomCorpus corpus, Vocabulary vocab, int chainLength, long seed) {
        this.chains = new ChainSampler(corpus, vocab, chainLength, seed);
        this.rng = new Random(seed + 1);
        this.chain = new int[chainLength + 1];
    }

    /** One corrupted example: the chain it came from (without BOS, PAD cut), the source and the target. */
    public record Example(int[] chain, int[] source, int[] target) {
    }

    /** Corrupts one fresh chain. */
    public Example next() {
        chains.sample(chain, 0);
        int n = 1;
        while (n < chain.length && chain[n] != Vocabulary.PAD) {
            n++;
        }
        int[] text = java.util.Arrays.copyOfRange(chain, 1, n);
        return corrupt(text, rng);
    }

    /**
     * Removes spans of characters (never a SEP or EOS) from text: about {@link #RATE} of its tokens, at least one
     * span when the text has a character.
     */
    public static Example corrupt(int[] text, Random rng) {
        int n = text.length;
        boolean[] removed = new boolean[n];
        int budget = Math.max(1, (int) Math.round(RATE * n));
        int tries = 0;
        while (budget > 0 && tries++ < 100) {
            int len = Math.min(budget, 1 + rng.nextInt(MAX_SPAN));
            int start = rng.nextInt(Math.max(1, n - len + 1));
            boolean free = start + len <= n;
            for (int i = Math.max(0, start - 1); i < Math.min(n, start + len + 1); i++) {
                free &= !removed[i];
            }
            for (int i = start; free && i < start + len; i++) {
                free = !Vocabulary.isSpecial(text[i]); // spans hold characters only, so SEP in Y is unambiguous
            }
            if (free) {
                for (int i = start; i < start + len && i < n; i++) {
                    removed[i] = true;
                    budget--;
                }
            }
        }
        List<Integer> src = new ArrayList<>(), tgt = new ArrayList<>();
        tgt.add(Vocabulary.BOS);
        for (int i = 0; i < n; i++) {
            if (removed[i]) {
                if (i == 0 || !removed[i - 1]) {
                    src.add(SENTINEL);
                    if (tgt.size() > 1) {
                        tgt.add(Vocabulary.SEP);
                    }
                }
                tgt.add(text[i]);
            } else {
                src.add(text[i]);
            }
        }
        tgt.add(Vocabulary.EOS);
        return new Example(text, src.stream().mapToInt(Integer::intValue).toArray(),
                tgt.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Writes an example as one training row: the source padded to sourceLength, the target padded (or cut) to
     * targetLength + 1.
     */
    public static void write(Example e, int[] out, int off, int sourceLength, int targetLength) {
        java.util.Arrays.fill(out, off, off + sourceLength + targetLength + 1, Vocabulary.PAD);
        System.arraycopy(e.source(), 0, out, off, Math.min(e.source().length, sourceLength));
        System.arraycopy(e.target(), 0, out, off + sourceLength, Math.min(e.target().length, targetLength + 1));
    }

    /**
     * The zero-shot game prompt in the pre-training format: the idiom, SEP, and a sentinel where the next idiom
     * would be ({@code x1 x2 x3 x4 SEP <sentinel>}); the answer is the span the model fills in.
     */
    public static int[] gameSource(String x, Vocabulary vocab) {
        int[] ids = vocab.encode(x);
        int[] out = java.util.Arrays.copyOf(ids, ids.length + 2);
        out[ids.length] = Vocabulary.SEP;
        out[ids.length + 1] = SENTINEL;
        return out;
    }
}
