package lab.jielong.engine.eval;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.PairSampler;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.EncDecPass;
import lab.jielong.engine.EncDecSession;
import lab.jielong.engine.EncoderDecoder;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.Sampler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link ModelEvaluation}'s game metrics for the encoder-decoder: the same prompts (the 500 training idioms of
 * {@link ModelEvaluation#gamePrompts()}), the same validity (4 characters, starting with X's last character, a
 * dictionary idiom), greedy, free and guided. The source the encoder reads is given per prompt: the idiom itself
 * after X→Y fine-tuning ({@link PairSampler#source}), or the span-corruption prompt zero-shot.
 */
public final class EncDecEvaluation {

    private final IdiomCorpus corpus;
    private final Vocabulary vocab;
    private final ModelEvaluation base;

    public EncDecEvaluation(IdiomCorpus corpus, Vocabulary vocab, ModelEvaluation base) {
        this.corpus = corpus;
        this.vocab = vocab;
        this.base = base;
    }

    /** The X→Y source: the idiom's characters. */
    public Function<Idiom, int[]> pairSource() {
        return x -> PairSampler.source(x.word(), vocab);
    }

    private boolean valid(Idiom x, String answer) {
        return answer.length() == 4 && answer.charAt(0) == x.last() && corpus.contains(answer);
    }

    /** Free greedy decoding of up to 6 tokens after BOS, the source encoded once. */
    public ModelEvaluation.Game freeGame(EncoderDecoder model, List<Idiom> prompts, Function<Idiom, int[]> source) {
        int possible = 0, valid = 0;
        List<String> examples = new ArrayList<>();
        EncDecSession s = model.newSession();
        for (Idiom x : prompts) {
            if (base.hasContinuation(x)) {
                possible++;
            }
            s.encode(source.apply(x));
            s.feed(Vocabulary.BOS);
            String a = Decoding.free(s, vocab, 6, Sampler.greedy(), null).text();
            if (valid(x, a)) {
                valid++;
            }
            if (examples.size() < 8) {
                examples.add(x.word() + "→" + a);
            }
        }
        return new ModelEvaluation.Game(prompts.size(), possible, valid, examples);
    }

    /** Guided greedy decoding: dictionary idioms starting with X's last character, X itself excluded. */
    public ModelEvaluation.Game guidedGame(EncoderDecoder model, List<Idiom> prompts, Function<Idiom, int[]> source) {
        int possible = 0, valid = 0;
        List<String> examples = new ArrayList<>();
        EncDecSession s = model.newSession();
        for (Idiom x : prompts) {
            if (base.hasContinuation(x)) {
                possible++;
            }
            s.encode(source.apply(x));
            int first = vocab.id(x.last());
            Decoding.Answer a = Decoding.guided(s, new int[] {Vocabulary.BOS},
                    Decoding.Guide.of(base.dictionary(), t -> t == first, Set.of(x.word())), Sampler.greedy(), null);
            String text = a == null ? "" : a.text();
            if (valid(x, text)) {
                valid++;
            }
            if (examples.size() < 8) {
                examples.add(x.word() + "→" + text);
            }
        }
        return new ModelEvaluation.Game(prompts.size(), possible, valid, examples);
    }

    /** Mean teacher-forced cross-entropy on fresh (X, Y) pairs of training idioms (per target token). */
    public double pairLoss(EncoderDecoder model, int pairs, long seed) {
        PairSampler sampler = new PairSampler(corpus, vocab, seed);
        int Tx = PairSampler.SOURCE_LENGTH, Ty = PairSampler.TARGET_LENGTH, row = Tx + Ty + 1, B = 64;
        EncDecPass pass = new EncDecPass(model, B, Tx, Ty);
        int[] batch = new int[B * row];
        double sum = 0;
        long count = 0;
        for (int done = 0; done < pairs; done += B) {
            for (int b = 0; b < B; b++) {
                sampler.sample(batch, b * row, Tx, Ty);
            }
            sum += pass.forward(batch, 0, row, B, Tx, Ty);
            count += pass.targetCount();
        }
        return sum / count;
    }
}
