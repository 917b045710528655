package lab.jielong.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training samples: random idiom chains {@code BOS i1 SEP i2 SEP …} over the training idioms,
 * each next idiom chosen uniformly among the training idioms that start with the previous one's
 * last character, {@code EOS} at a dead end, cut to context + 1 tokens (the +1 is the shifted
 * target) and padded with {@code <pad>}. The recipe of torch_ref.py {@code ChainSampler}; the
 * random generator is Java's (seeded), so chains differ from Python's but follow the same law.
 * Held-out idioms never appear. Not thread-safe (one generator).
 */
public final class ChainSampler {

    private final int[][] encoded;      // training idiom -> its 4 ids
    private final int[][] successors;   // training idiom -> indexes of training idioms starting with its last char
    private final int context;
    private final Random rng;

    public ChainSampler(IdiomCorpus corpus, Vocabulary vocab, int context, long seed) {
        this(corpus.training(), vocab, context, seed);
    }

    /**
     * Chains over {@code words} only (e.g. the training lab's well-known idioms), each next idiom chosen among
     * those of {@code words} that start with the previous one's last character.
     */
    public ChainSampler(List<Idiom> words, Vocabulary vocab, int context, long seed) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no idioms to make chains of");
        }
        this.context = context;
        this.rng = new Random(seed);
        encoded = new int[words.size()][];
        Map<Character, List<Integer>> byFirst = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            encoded[i] = vocab.encode(words.get(i).word());
            byFirst.computeIfAbsent(words.get(i).first(), k -> new ArrayList<>()).add(i);
        }
        successors = new int[words.size()][];
        for (int i = 0; i < words.size(); i++) {
            List<Integer> s = byFirst.getOrDefault(words.get(i).last(), List.of());
            successors[i] = s.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Writes one chain of context + 1 tokens into out[off ..] (the layout of {@link ChainFormat}). */
    public void sample(int[] out, int off) {
        ChainFormat.Row row = new ChainFormat.Row(out, off, context + 1);
        int i = rng.nextInt(encoded.length);
        row.idiom(encoded[i]);
        while (!row.full()) {
            int[] s = successors[i];
            if (s.length == 0) {
                row.deadEnd();
                break;
            }
            i = s[rng.nextInt(s.length)];
            row.idiom(encoded[i]);
        }
        row.pad();
    }

    /** B chains, row-major (B, context + 1). */
    public int[] batch(int B) {
        int[] out = new int[B * (context + 1)];
        for (int b = 0; b < B; b++) {
            sample(out, b * (context + 1));
        }
        return out;
    }

    public int context() {
        return context;
    }
}
