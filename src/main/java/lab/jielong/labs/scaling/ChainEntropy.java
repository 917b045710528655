package lab.jielong.labs.scaling;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The lowest loss any model can reach on the training chains: the entropy of the process that makes
 * them ({@link lab.jielong.corpus.ChainSampler}), estimated by Monte Carlo. A chain is
 * {@code BOS i1 SEP i2 SEP …}: i1 uniform over the training idioms, each next idiom uniform over those
 * that start with the last character of the one before, {@code EOS} at a dead end, cut to context + 1
 * tokens. A model that has memorised every training idiom and knows this law predicts
 * <ul>
 *   <li>an idiom's k-th character with probability (idioms with the first k characters) / (idioms with
 *   the first k − 1), counted among the candidates: all training idioms for i1, for later idioms those
 *   with the required first character (which makes the first character itself certain);</li>
 *   <li>{@code SEP} or {@code EOS} after an idiom with certainty.</li>
 * </ul>
 * So the floor is the cost of the choices: which idiom opens the chain, and which of the possible
 * continuations comes next. Everything above it is what a model has not (yet) memorised.
 * Held-out idioms never occur in the chains, so nothing here is about them.
 */
public final class ChainEntropy {

    /** Mean nats per target token and its standard error over the chains. */
    public record Estimate(double natsPerToken, double standardError, int chains, long seed) {
    }

    private ChainEntropy() {
    }

    public static Estimate estimate(IdiomCorpus corpus, int context, int chains, long seed) {
        List<Idiom> words = corpus.training();
        // prefix (length 0..4) -> training idioms with that prefix; length 0 is the empty string
        Map<String, Integer> prefixCount = new HashMap<>();
        Map<Character, List<String>> byFirst = new HashMap<>();
        for (Idiom w : words) {
            String s = w.word();
            for (int k = 0; k <= s.length(); k++) {
                prefixCount.merge(s.substring(0, k), 1, Integer::sum);
            }
            byFirst.computeIfAbsent(s.charAt(0), c -> new java.util.ArrayList<>()).add(s);
        }
        Random rng = new Random(seed);
        double sum = 0, sumSq = 0;
        long targets = 0;
        double[] perChain = new double[chains];
        int[] perChainTargets = new int[chains];
        for (int n = 0; n < chains; n++) {
            double nats = 0;
            int left = context;                       // targets in the row: tokens 1 .. context
            String word = words.get(rng.nextInt(words.size())).word();
            boolean first = true;
            int t = 0;
            while (left > 0) {
                // the idiom's characters (after SEP the first one is certain: it is the previous last one)
                for (int k = 0; k < word.length() && left > 0; k++, left--, t++) {
                    if (!first && k == 0) {
                        continue;
                    }
                    double p =
                            (double) prefixCount.get(word.substring(0, k + 1)) / prefixCount.get(word.substring(0, k));
                    nats -= Math.log(p);
                }
                if (left == 0) {
                    break;
                }
                // SEP or EOS: certain either way
                left--;
                t++;
                List<String> next = byFirst.get(word.charAt(word.length() - 1));
                if (next == null) {
                    break;                            // EOS, then padding (not a target)
                }
                word = next.get(rng.nextInt(next.size()));
                first = false;
            }
            perChain[n] = nats;
            perChainTargets[n] = t;
            sum += nats;
            targets += t;
        }
        double mean = sum / targets;
        // standard error of a ratio estimator: chains are independent, targets per chain vary
        double meanTargets = (double) targets / chains;
        for (int n = 0; n < chains; n++) {
            double r = perChain[n] - mean * perChainTargets[n];
            sumSq += r * r;
        }
        double se = Math.sqrt(sumSq / ((double) chains * Math.max(1, chains - 1))) / meanTargets;
        return new Estimate(mean, se, chains, seed);
    }
}
