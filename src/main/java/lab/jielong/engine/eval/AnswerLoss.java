package lab.jielong.engine.eval;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.PairSampler;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.EncDecSession;
import lab.jielong.engine.EncoderDecoder;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.TokenSession;

import java.util.ArrayList;
import java.util.List;

/**
 * One loss both architectures can be held to: the mean cross-entropy of the answer's four characters given the
 * idiom before it, on the same (X, Y) pairs of training idioms. The decoder reads {@code BOS X SEP} and then Y's
 * characters; the encoder-decoder encodes X and reads {@code BOS} and then Y's characters. Each model's training
 * loss is over different targets (every chain character, or Y and EOS), so those two are not comparable; this is.
 */
public final class AnswerLoss {

    private final List<PairSampler.Pair> pairs;
    private final Vocabulary vocab;

    /** {@code n} pairs drawn by a {@link PairSampler} with this seed. */
    public AnswerLoss(IdiomCorpus corpus, Vocabulary vocab, int n, long seed) {
        this.vocab = vocab;
        PairSampler sampler = new PairSampler(corpus, vocab, seed);
        List<PairSampler.Pair> drawn = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drawn.add(sampler.next());
        }
        this.pairs = List.copyOf(drawn);
    }

    public int size() {
        return pairs.size();
    }

    /** The decoder's loss on Y's characters after {@code BOS X SEP}. */
    public double of(Gpt model) {
        InferenceSession s = model.newSession();
        double sum = 0;
        for (PairSampler.Pair p : pairs) {
            s.reset();
            s.feed(ChainFormat.encode(p.x().word(), vocab, true));
            sum += answer(s, vocab.encode(p.y().word()));
        }
        return sum / (pairs.size() * (double) vocab.encode(pairs.get(0).y().word()).length);
    }

    /** The encoder-decoder's loss on Y's characters, X encoded. */
    public double of(EncoderDecoder model) {
        EncDecSession s = model.newSession();
        double sum = 0;
        for (PairSampler.Pair p : pairs) {
            s.encode(PairSampler.source(p.x().word(), vocab));
            s.feed(Vocabulary.BOS);
            sum += answer(s, vocab.encode(p.y().word()));
        }
        return sum / (pairs.size() * (double) vocab.encode(pairs.get(0).y().word()).length);
    }

    /** -sum log p(y_i | prefix) with the session positioned before y_1; feeds y_1 .. y_{n-1}. */
    private static double answer(TokenSession s, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            float[] logits = s.logits();
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            for (float l : logits) {
                z += Math.exp(l - max);
            }
            sum += max + Math.log(z) - logits[y[i]];        // -log softmax(logits)[y_i]
            if (i + 1 < y.length) {
                s.feed(y[i]);
            }
        }
        return sum;
    }
}
