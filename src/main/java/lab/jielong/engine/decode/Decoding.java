package lab.jielong.engine.decode;

import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.TokenSession;
import lab.jielong.engine.VecMath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Turning next-token distributions into answers, on a session whose history is the prompt
 * (e.g. {@code BOS X SEP}).
 * <ul>
 *   <li>{@link #free}: unguided decoding over the whole vocabulary; shows what the model learned.</li>
 *   <li>{@link #guided}: each step is restricted to the characters that keep the answer on the path
 *       of a valid, unused idiom of a trie, the model's probabilities renormalised over them, so the
 *       model chooses <em>among</em> valid moves. The first character can be further restricted by a
 *       predicate (the game's 同音 modes allow several first characters), and each step's choice can be
 *       weighed (the game's difficulty).</li>
 *   <li>{@link #topContinuations}: the N most probable valid idioms under that guided distribution
 *       (best-first search: a path's probability only falls as it grows, so complete idioms come out
 *       in order).</li>
 * </ul>
 */
public final class Decoding {

    private Decoding() {
    }

    /**
     * A decoded answer: its tokens, per token the (renormalised, for guided) probability, and the tokens
     * chosen but not fed to the session (guided decoding feeds only what the model must read).
     */
    public record Answer(String text, int[] tokens, float[] probabilities, int[] unfed) {
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

    /** Called with each token of an answer as it is chosen: its index in the answer and its probability. */
    @FunctionalInterface
    public interface TokenListener {
        void onToken(int index, int token, double probability);
    }

    /**
     * A weight on each allowed token of a guided step: the step chooses from the model's renormalised
     * probabilities times these weights (greedy: the largest p · w), i.e. from the logits plus log w.
     */
    @FunctionalInterface
    public interface StepWeights {
        /**
         * Writes weights[i] &gt; 0 for allowed[i], i &lt; n: the tokens that may follow prefix, the answer's
         * tokens so far. Called only for steps with a choice (n &gt; 1).
         */
        void weigh(int[] prefix, int[] allowed, int n, double[] weights);
    }

    /**
     * What guided decoding may write: a word of the trie, not in excluded, whose first token passes
     * allowedFirst (null: any); weights (null: none) weigh each step's choice.
     */
    public record Guide(IdiomTrie trie, IntPredicate allowedFirst, Set<String> excluded, StepWeights weights) {
        public Guide {
            excluded = excluded == null ? Set.of() : excluded;
        }

        public static Guide of(IdiomTrie trie, IntPredicate allowedFirst, Set<String> excluded) {
            return new Guide(trie, allowedFirst, excluded, null);
        }

        public Guide weighted(StepWeights stepWeights) {
            return new Guide(trie, allowedFirst, excluded, stepWeights);
        }
    }

    /**
     * Free decoding: up to maxTokens tokens, stopping after the first special token (which is not
     * part of the text). Each generated token is passed to onToken (may be null) as it is produced,
     * before it is fed; every token but a special one (or one that fills the context) is fed.
     */
    public static Answer free(TokenSession s, Vocabulary vocab, int maxTokens, Sampler sampler,
            TokenListener onToken) {
        List<Integer> toks = new ArrayList<>();
        List<Float> probs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < maxTokens; i++) {
            float[] logits = s.logits();
            int next = sampler.pick(logits, logits.length);
            float p = probability(logits, logits.length, next);
            probs.add(p);
            toks.add(next);
            if (onToken != null) {
                onToken.onToken(i, next, p);
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
        return new Answer(text.toString(), toInts(toks), unbox(probs), new int[0]);
    }

    /** {@link #guided(TokenSession, int[], Guide, Sampler, TokenListener)} on a session that holds its prompt. */
    public static Answer guided(TokenSession s, Guide guide, Sampler sampler, TokenListener onToken) {
        return guided(s, new int[0], guide, sampler, onToken);
    }

    /**
     * Guided decoding of one idiom the guide allows, after the session's history and then prompt. Tokens are
     * fed only when the model must be asked (a step with more than one allowed token), several at once: a
     * forced step costs nothing, and the answer's last token is never fed; {@link Answer#unfed()} lists what a
     * session that goes on must still be fed. Each chosen token is streamed to onToken (may be null). Returns
     * null, feeding nothing, when the guide allows no idiom.
     */
    public static Answer guided(TokenSession s, int[] prompt, Guide guide, Sampler sampler,
            TokenListener onToken) {
        IdiomTrie trie = guide.trie();
        int node = IdiomTrie.ROOT;
        List<Integer> pending = new ArrayList<>();
        for (int t : prompt) {
            pending.add(t);
        }
        List<Integer> toks = new ArrayList<>();
        List<Float> probs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int[] cand = new int[trie.vocabulary().size()];     // a node's children are distinct tokens
        float[] logits = new float[cand.length];
        double[] weights = new double[cand.length];
        while (true) {
            String word = trie.wordAt(node);
            if (word != null && !guide.excluded().contains(word)) {
                return new Answer(word, toInts(toks), unbox(probs), toInts(pending));
            }
            int n = viableChildren(trie, node, node == IdiomTrie.ROOT ? guide.allowedFirst() : null, guide.excluded(),
                    cand);
            if (n == 0) {
                if (node != IdiomTrie.ROOT) {
                    throw new IllegalStateException("trie walk reached a dead branch");
                }
                return null;
            }
            int pick = 0;
            double p = 1;
            if (n > 1) {
                // the model must choose: feed what it has not read yet, then ask it about the allowed tokens
                if (!pending.isEmpty()) {
                    s.feed(toInts(pending));
                    pending.clear();
                }
                for (int i = 0; i < n; i++) {
                    logits[i] = s.logit(cand[i]);
                }
                double[] renormalised = softmax(logits, n);
                if (guide.weights() == null) {
                    pick = sampler.pick(logits, n);
                } else {
                    guide.weights().weigh(toInts(toks), cand, n, weights);
                    float[] weighed = new float[n];
                    for (int i = 0; i < n; i++) {
                        weighed[i] = (float) (logits[i] + Math.log(weights[i]));
                    }
                    pick = sampler.pick(weighed, n);
                }
                p = renormalised[pick];
            }
            int tok = cand[pick];
            probs.add((float) p);
            toks.add(tok);
            text.append(trie.vocabulary().character(tok));
            if (onToken != null) {
                onToken.onToken(toks.size() - 1, tok, p);
            }
            pending.add(tok);
            node = trie.child(node, tok);
        }
    }

    /** The n most probable valid idioms (guided distribution), most probable first. The session is not changed. */
    public static List<Choice> topContinuations(InferenceSession s, Guide guide, int n, int maxExpansions) {
        return search(s, guide, n, maxExpansions).choices();
    }

    /**
     * What a {@link #search} found and what it cost.
     *
     * @param choices     the idioms found, most probable first (fewer than asked when the budget ran out)
     * @param expansions  trie nodes expanded (each: one session copy and one token fed, then the allowed logits)
     * @param copies      session copies made (each a whole {@link InferenceSession}, about 210 KB for the shipped
     *                    decoder); the search copies a path's session only when it expands it
     * @param queued      paths put in the queue; an eager search (a copy per child) would have copied this many
     * @param budgetSpent the search stopped at {@code maxExpansions} before finding {@code n} idioms
     */
    public record Search(List<Choice> choices, int expansions, int copies, int queued, boolean budgetSpent) {
    }

    /**
     * {@link #topContinuations} with its cost: best-first over the trie, at most {@code maxExpansions} nodes
     * expanded. A queued path holds its parent's session and the token it adds; the copy and the feed happen
     * only if the path is ever expanded (most never are: the search stops at n idioms), so the live sessions
     * are at most the expanded nodes, not their children.
     */
    public static Search search(InferenceSession s, Guide guide, int n, int maxExpansions) {
        IdiomTrie trie = guide.trie();
        Set<String> used = guide.excluded();
        // parent: the session after the path's prefix without its last token; token: that token (-1: the root)
        record Path(InferenceSession parent, int token, int node, double p, String text) {
        }
        PriorityQueue<Path> queue = new PriorityQueue<>((a, b) -> Double.compare(b.p, a.p));
        queue.add(new Path(s, -1, IdiomTrie.ROOT, 1.0, ""));
        List<Choice> out = new ArrayList<>();
        int[] cand = new int[trie.vocabulary().size()];
        int expansions = 0, copies = 0, queued = 1;
        while (!queue.isEmpty() && out.size() < n && expansions < maxExpansions) {
            Path path = queue.poll();
            String word = trie.wordAt(path.node);
            if (word != null && !used.contains(word)) {
                out.add(new Choice(word, path.p));
                continue;
            }
            expansions++;
            int k = viableChildren(trie, path.node, path.node == IdiomTrie.ROOT ? guide.allowedFirst() : null, used,
                    cand);
            if (k == 0) {
                continue;
            }
            InferenceSession session = path.parent;             // the root reads the caller's session, unchanged
            if (path.token >= 0) {
                session = path.parent.copy();
                copies++;
                session.feed(path.token);
            }
            double[] p = renormalised(session, cand, k);
            for (int i = 0; i < k; i++) {
                int child = trie.child(path.node, cand[i]);
                queue.add(new Path(session, cand[i], child, path.p * p[i],
                        path.text + trie.vocabulary().character(cand[i])));
                queued++;
            }
        }
        boolean spent = out.size() < n && expansions >= maxExpansions && !queue.isEmpty();
        return new Search(Collections.unmodifiableList(out), expansions, copies, queued, spent);
    }

    /**
     * The model's next-token probabilities renormalised over the allowed tokens[0..n) only: the softmax of
     * their logits (one row of the tied head each), in double.
     */
    public static double[] renormalised(InferenceSession s, int[] allowed, int n) {
        float[] logits = new float[n];
        for (int i = 0; i < n; i++) {
            logits[i] = s.logit(allowed[i]);
        }
        return softmax(logits, n);
    }

    /** softmax(logits[0..n)) in double: the one softmax over an allowed subset. */
    static double[] softmax(float[] logits, int n) {
        double max = logits[VecMath.argmax(logits, 0, n)];
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Children of node that still lead to an unused word (and pass filter); writes them into out. */
    private static int viableChildren(IdiomTrie trie, int node, IntPredicate filter, Set<String> used, int[] out) {
        int n = 0;
        for (int tok : trie.childTokens(node)) {
            if (filter != null && !filter.test(tok)) {
                continue;
            }
            if (trie.unusedWordsBelow(trie.child(node, tok), used) > 0) {
                out[n++] = tok;
            }
        }
        return n;
    }

    /**
     * The next token of free writing, step by step: chosen by {@code sampler} among every token but PAD and BOS,
     * which are never a target in training (the sampler sees logits[SEP..V)).
     */
    public static int nextToken(float[] logits, Sampler sampler) {
        int first = Vocabulary.SEP;
        float[] allowed = Arrays.copyOfRange(logits, first, logits.length);
        return first + sampler.pick(allowed, allowed.length);
    }

    /** softmax(logits[0..n))[i] over the whole vocabulary (free decoding). */
    public static float probability(float[] logits, int n, int i) {
        return (float) Math.exp(logits[i] - VecMath.logSumExp(logits, 0, n));
    }

    private static int[] toInts(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] unbox(List<Float> l) {
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = l.get(i);
        }
        return f;
    }
}
