package lab.jielong.engine.eval;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.ChainSampler;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.TrainingPass;
import lab.jielong.engine.VecMath;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.IdiomTrie;
import lab.jielong.engine.decode.Sampler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The quality metrics of torch_ref.py {@code evaluate}, on the engine. Samples are drawn with
 * Java's seeded {@link Random} (not Python's), with the reference's seeds and sizes:
 * game prompts = 500 training idioms (seed 2024); next-character sample = as many training idioms
 * as there are held-out ones (seed 99; 439 today, 1,122 in the reference); teacher-forced loss on 2,048 fresh chains
 * (seed 12345); honest (prefix-truncated) loss on 256 chains (seed 777).
 */
public final class ModelEvaluation {

    private final IdiomCorpus corpus;
    private final Vocabulary vocab;
    private final IdiomTrie dictionary;

    public ModelEvaluation(IdiomCorpus corpus, Vocabulary vocab) {
        this.corpus = corpus;
        this.vocab = vocab;
        this.dictionary = new IdiomTrie(vocab, corpus.idioms().stream().map(Idiom::word).toList());
    }

    public IdiomTrie dictionary() {
        return dictionary;
    }

    /** n training idioms drawn without replacement with a seeded generator. */
    public List<Idiom> sampleTraining(int n, long seed) {
        List<Idiom> all = new ArrayList<>(corpus.training());
        Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    public List<Idiom> gamePrompts() {
        return sampleTraining(500, 2024);
    }

    /** Game result over prompts X: answers after {@code BOS X SEP}. */
    public record Game(int prompts, int possible, int valid, List<String> examples) {
        /** Valid answers among the prompts that have a continuation (another idiom starts with X's last character). */
        public double validOfPossible() {
            return possible == 0 ? 0 : (double) valid / possible;
        }

        public double validOfAll() {
            return (double) valid / prompts;
        }
    }

    /** Valid = 4 characters, starts with X's last character, a dictionary idiom. */
    private boolean valid(Idiom x, String answer) {
        return answer.length() == 4 && answer.charAt(0) == x.last() && corpus.contains(answer);
    }

    /** {@code BOS X SEP}: the prompt for the idiom after X. */
    private int[] prompt(Idiom x) {
        return ChainFormat.encode(x.word(), vocab, true);
    }

    /** Free greedy decoding (up to 6 tokens, as the reference). */
    public Game freeGame(Gpt model, List<Idiom> prompts) {
        int possible = 0, valid = 0;
        List<String> examples = new ArrayList<>();
        for (Idiom x : prompts) {
            if (hasContinuation(x)) {
                possible++;
            }
            InferenceSession s = model.newSession();
            s.feed(prompt(x));
            String a = Decoding.free(s, vocab, 6, Sampler.greedy(), null).text();
            if (valid(x, a)) {
                valid++;
            }
            if (examples.size() < 8) {
                examples.add(x.word() + "→" + a);
            }
        }
        return new Game(prompts.size(), possible, valid, examples);
    }

    /**
     * Whether some idiom other than X starts with X's last character: X is used once played, so 玄之又玄, the
     * only idiom starting with 玄, has no continuation though 玄 is no dead end (the game's rule too).
     */
    boolean hasContinuation(Idiom x) {
        for (Idiom next : corpus.startingWith(x.last())) {
            if (!next.word().equals(x.word())) {
                return true;
            }
        }
        return false;
    }

    /** Guided greedy decoding: dictionary idioms starting with X's last character, X itself used. */
    public Game guidedGame(Gpt model, List<Idiom> prompts) {
        int possible = 0, valid = 0;
        List<String> examples = new ArrayList<>();
        for (Idiom x : prompts) {
            if (hasContinuation(x)) {
                possible++;
            }
            int first = vocab.id(x.last());
            Decoding.Answer a = Decoding.guided(model.newSession(), prompt(x),
                    Decoding.Guide.of(dictionary, t -> t == first, Set.of(x.word())), Sampler.greedy(), null);
            String text = a == null ? "" : a.text();
            if (valid(x, text)) {
                valid++;
            }
            if (examples.size() < 8) {
                examples.add(x.word() + "→" + text);
            }
        }
        return new Game(prompts.size(), possible, valid, examples);
    }

    /** Top-1 accuracy of the next character given the first k of each idiom (prompt {@code BOS c1..ck}). */
    public double nextCharTop1(Gpt model, List<Idiom> idioms, int k) {
        int hit = 0;
        InferenceSession s = model.newSession();
        for (Idiom w : idioms) {
            s.reset();
            s.feed(ChainFormat.encode(w.word().substring(0, k), vocab, false));
            float[] lg = s.logits();
            if (VecMath.argmax(lg, 0, lg.length) == vocab.id(w.word().charAt(k))) {
                hit++;
            }
        }
        return (double) hit / idioms.size();
    }

    /** Mean teacher-forced cross-entropy (the training objective) on fresh chains of training idioms. */
    public double teacherForcedLoss(Gpt model, int chains, long seed) {
        int T = model.config.context(), B = 64;
        ChainSampler sampler = new ChainSampler(corpus, vocab, T, seed);
        TrainingPass pass = new TrainingPass(model, B);
        double sum = 0;
        long count = 0;
        for (int done = 0; done < chains; done += B) {
            int[] batch = sampler.batch(B);
            sum += pass.forward(batch, 0, T + 1, B, T, batch, 1);
            count += pass.targetCount();
        }
        return sum / count;
    }

    /**
     * Honest loss: the prediction at position t only ever sees tokens 0..t, enforced by running the
     * model on the truncated input x[:t+1]. Equals the teacher-forced loss for a correctly masked
     * causal model; for the peeking model it removes the future it was reading.
     */
    public double honestLoss(Gpt model, int chains, long seed) {
        int T = model.config.context();
        return honestLoss(model, new ChainSampler(corpus, vocab, T, seed).batch(chains), chains);
    }

    /**
     * The honest loss of {@link #honestLoss(Gpt, int, long)} on given rows: {@code rows} is (count, T + 1),
     * inputs and shifted targets, in any layout (idiom chains, windows of a text).
     */
    public static double honestLoss(Gpt model, int[] rows, int count) {
        int T = model.config.context();
        int B = Math.min(64, count);
        TrainingPass pass = new TrainingPass(model, B);
        int row = T + 1;
        double sum = 0;
        long n = 0;
        int[] targets = new int[B * row];
        for (int b0 = 0; b0 < count; b0 += B) {
            int nb = Math.min(B, count - b0);
            for (int t = 0; t < T; t++) {
                // only the last position of each truncated row carries its target
                java.util.Arrays.fill(targets, 0);
                for (int b = 0; b < nb; b++) {
                    targets[b * row + t] = rows[(b0 + b) * row + t + 1];
                }
                sum += pass.forward(rows, b0 * row, row, nb, t + 1, targets, 0);
                n += pass.targetCount();
            }
        }
        return sum / n;
    }

    /** Mean teacher-forced cross-entropy on given rows (count, T + 1): every position sees what the model allows. */
    public static double teacherForcedLoss(Gpt model, int[] rows, int count) {
        int T = model.config.context();
        int B = Math.min(64, count);
        TrainingPass pass = new TrainingPass(model, B);
        double sum = 0;
        long n = 0;
        for (int b0 = 0; b0 < count; b0 += B) {
            int nb = Math.min(B, count - b0);
            sum += pass.forward(rows, b0 * (T + 1), T + 1, nb, T, rows, b0 * (T + 1) + 1);
            n += pass.targetCount();
        }
        return sum / n;
    }
}
