package lab.jielong.engine.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.VecMath;

/**
 * Turning next-token distributions into answers, on a session whose history is the prompt
 * (e.g. {@code BOS X SEP}).
 * <ul>
 *   <li>{@link #free}: unguided decoding over the whole vocabulary; shows what the model learned.</li>
 *   <li>{@link #guided}: each step is restricted to the characters that keep the answer on the path
 *       of a valid, unused idiom of a trie, the model's probabilities renormalised over them, so the
 *       model chooses <em>among</em> valid moves. The first character can be further restricted by a
 *       predicate (the game's 同音 modes allow several first characters).</li>
 *   <li>{@link #topContinuations}: the N most probable valid idioms under that guided distribution
 *       (best-first search: a path's probability only falls as it grows, so complete idioms come out
 *       in order).</li>
 * </ul>
 */
public final class Decoding {

    private Decoding() {
    }

    /** A decoded answer: its tokens and, per token, the (renormalised, for guided) probability. */
    public record Answer(String text, int[] tokens, float[] probabilities) {
        public double sequenceProbability() {
            double p = 1;
            for (float f : probabilities) {
                p *= f;
            }
            return p;
        }
    }

    /** A valid idiom with its probability under the renormalised, guided distribution. */
    public record Choice(String idiom, double probability) {
    }

    /**
     * Free decoding: up to maxTokens tokens, stopping after the first special token (which is not
     * part of the text). Each generated token is passed to onToken (may be null) as it is produced.
     */
    public static Answer free(InferenceSession s, Vocabulary vocab, int maxTokens, Sampler sampler, IntConsumer onToken) {
        List<Integer> toks = new ArrayList<>();
        List<Float> probs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < maxTokens; i++) {
            float[] logits = s.logits();
            int next = sampler.pick(logits, logits.length);
            probs.add(probability(logits, logits.length, next));
            toks.add(next);
            if (onToken != null) {
                onToken.accept(next);
            }
            if (Vocabulary.isSpecial(next)) {
                break;
            }
            text.append(vocab.character(next));
            if (s.remaining() == 0) {
                break;
            }
            s.feed(next);
        }
        return new Answer(text.toString(), toks.stream().mapToInt(Integer::intValue).toArray(), unbox(probs));
    }

    /**
     * Guided decoding of one idiom from the trie, not in used, whose first token satisfies
     * allowedFirst (null: any). Feeds the chosen characters into the session and streams each to
     * onToken. Returns null (feeding nothing) when no valid idiom exists.
     */
    public static Answer guided(InferenceSession s, IdiomTrie trie, IntPredicate allowedFirst, Set<String> used,
                                Sampler sampler, IntConsumer onToken) {
        Set<String> usedSet = used == null ? Set.of() : used;
        int node = IdiomTrie.ROOT;
        List<Integer> toks = new ArrayList<>();
        List<Float> probs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int[] cand = new int[64];
        float[] logits = new float[64];
        while (true) {
            String word = trie.wordAt(node);
            if (word != null && !usedSet.contains(word)) {
                return new Answer(word, toks.stream().mapToInt(Integer::intValue).toArray(), unbox(probs));
            }
            int n = viableChildren(trie, node, node == IdiomTrie.ROOT ? allowedFirst : null, usedSet, cand);
            if (n == 0) {
                if (node != IdiomTrie.ROOT) {
                    throw new IllegalStateException("trie walk reached a dead branch");
                }
                return null;
            }
            cand = ensure(cand, n);
            if (logits.length < n) {
                logits = new float[cand.length];
            }
            n = viableChildren(trie, node, node == IdiomTrie.ROOT ? allowedFirst : null, usedSet, cand);
            for (int i = 0; i < n; i++) {
                logits[i] = s.logit(cand[i]);
            }
            int pick = sampler.pick(logits, n);
            int tok = cand[pick];
            probs.add(probability(logits, n, pick));
            toks.add(tok);
            text.append(trie.vocabulary().character(tok));
            if (onToken != null) {
                onToken.accept(tok);
            }
            s.feed(tok);
            node = trie.child(node, tok);
        }
    }

    /** The n most probable valid idioms (guided distribution), most probable first. The session is not changed. */
    public static List<Choice> topContinuations(InferenceSession s, IdiomTrie trie, IntPredicate allowedFirst,
                                                Set<String> used, int n, int maxExpansions) {
        Set<String> usedSet = used == null ? Set.of() : used;
        record Path(InferenceSession session, int node, double p, String text) {
        }
        PriorityQueue<Path> queue = new PriorityQueue<>((a, b) -> Double.compare(b.p, a.p));
        queue.add(new Path(s, IdiomTrie.ROOT, 1.0, ""));
        List<Choice> out = new ArrayList<>();
        int[] cand = new int[trie.childTokens(IdiomTrie.ROOT).length];
        int expansions = 0;
        while (!queue.isEmpty() && out.size() < n && expansions < maxExpansions) {
            Path path = queue.poll();
            String word = trie.wordAt(path.node);
            if (word != null && !usedSet.contains(word)) {
                out.add(new Choice(word, path.p));
                continue;
            }
            expansions++;
            int k = viableChildren(trie, path.node, path.node == IdiomTrie.ROOT ? allowedFirst : null, usedSet, cand);
            if (k == 0) {
                continue;
            }
            float[] logits = new float[k];
            for (int i = 0; i < k; i++) {
                logits[i] = path.session.logit(cand[i]);
            }
            float max = logits[0];
            for (int i = 1; i < k; i++) {
                max = Math.max(max, logits[i]);
            }
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += Math.exp(logits[i] - max);
            }
            for (int i = 0; i < k; i++) {
                int child = trie.child(path.node, cand[i]);
                double p = path.p * Math.exp(logits[i] - max) / sum;
                InferenceSession next = path.session.copy();
                String text = path.text + trie.vocabulary().character(cand[i]);
                if (trie.wordAt(child) == null || !trie.isLeaf(child)) {
                    next.feed(cand[i]);
                }
                queue.add(new Path(next, child, p, text));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Children of node that still lead to an unused word (and pass filter); writes them into out. */
    private static int viableChildren(IdiomTrie trie, int node, IntPredicate filter, Set<String> used, int[] out) {
        int[] toks = trie.childTokens(node);
        int n = 0;
        for (int tok : toks) {
            if (filter != null && !filter.test(tok)) {
                continue;
            }
            if (trie.unusedWordsBelow(trie.child(node, tok), used) > 0) {
                if (n < out.length) {
                    out[n] = tok;
                }
                n++;
            }
        }
        return n;
    }

    private static int[] ensure(int[] a, int n) {
        return a.length >= n ? a : new int[n];
    }

    /** softmax(logits[0..n))[i]. */
    static float probability(float[] logits, int n, int i) {
        return (float) Math.exp(logits[i] - VecMath.logSumExp(logits, 0, n));
    }

    private static float[] unbox(List<Float> l) {
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = l.get(i);
        }
        return f;
    }
}
