package lab.jielong.corpus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder-decoder's data against the corpus: aligned pairs and span corruption. */
class EncDecDataTest {

    static IdiomCorpus corpus;
    static Vocabulary vocab;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
        vocab = Vocabulary.of(corpus);
    }

    @Test
    void everyPairIsAValidMoveBetweenTrainingIdioms() {
        PairSampler s = new PairSampler(corpus, vocab, 1);
        Set<String> training = corpus.training().stream().map(Idiom::word).collect(Collectors.toSet());
        int Tx = PairSampler.SOURCE_LENGTH, Ty = PairSampler.TARGET_LENGTH, row = Tx + Ty + 1;
        int[] out = new int[row];
        for (int i = 0; i < 5000; i++) {
            PairSampler.Pair p = s.sample(out, 0, Tx, Ty);
            assertTrue(training.contains(p.x().word()) && training.contains(p.y().word()), p.toString());
            assertFalse(IdiomCorpus.isHeldOut(p.x().word()) || IdiomCorpus.isHeldOut(p.y().word()), p.toString());
            assertEquals(p.x().last(), p.y().first(), p.toString());
            assertEquals(p.x().word(), vocab.decode(java.util.Arrays.copyOfRange(out, 0, Tx)));
            assertEquals(Vocabulary.BOS, out[Tx]);
            assertEquals(p.y().word(), vocab.decode(java.util.Arrays.copyOfRange(out, Tx + 1, Tx + 5)));
            assertEquals(Vocabulary.EOS, out[Tx + 5]);
        }
        // the count of distinct pairs, from the corpus directly
        long pairs = 0;
        int sources = 0;
        for (Idiom x : corpus.training()) {
            long n = corpus.training().stream().filter(y -> y.first() == x.last()).count();
            pairs += n;
            sources += n > 0 ? 1 : 0;
        }
        assertEquals(pairs, s.pairCount());
        assertEquals(sources, s.sourceCount());
        System.out.printf("pairs: %,d distinct (X, Y) over %,d possible X of %,d training idioms%n", pairs, sources,
                corpus.training().size());
    }

    @Test
    void spanCorruptionRemovesSpansAndTheTargetGivesThemBack() {
        SpanCorruption sc = new SpanCorruption(corpus, vocab, 32, 3);
        for (int i = 0; i < 2000; i++) {
            SpanCorruption.Example e = sc.next();
            assertEquals(Vocabulary.BOS, e.target()[0]);
            assertEquals(Vocabulary.EOS, e.target()[e.target().length - 1]);
            // filling each sentinel with its span (spans separated by SEP in the target) gives the chain back
            List<List<Integer>> spans = new ArrayList<>();
            List<Integer> cur = new ArrayList<>();
            for (int k = 1; k < e.target().length - 1; k++) {
                if (e.target()[k] == Vocabulary.SEP) {
                    spans.add(cur);
                    cur = new ArrayList<>();
                } else {
                    cur.add(e.target()[k]);
                }
            }
            spans.add(cur);
            assertEquals(count(e.source()), spans.size());
            List<Integer> rebuilt = new ArrayList<>();
            int span = 0;
            for (int t : e.source()) {
                if (t == SpanCorruption.SENTINEL) {
                    rebuilt.addAll(spans.get(span++));
                } else {
                    rebuilt.add(t);
                }
            }
            assertEquals(java.util.Arrays.stream(e.chain()).boxed().toList(), rebuilt);
            int removed = e.chain().length - (e.source().length - count(e.source()));
            assertTrue(removed >= 1 && removed <= Math.round(0.15 * e.chain().length), "removed " + removed);
            for (List<Integer> sp : spans) {
                assertTrue(!sp.isEmpty() && sp.size() <= SpanCorruption.MAX_SPAN
                        && sp.stream().noneMatch(Vocabulary::isSpecial), sp.toString());
            }
        }
    }

    private static int count(int[] source) {
        int n = 0;
        for (int t : source) {
            n += t == SpanCorruption.SENTINEL ? 1 : 0;
        }
        return n;
    }

    @Test
    void theZeroShotPromptIsTheIdiomThenASentinel() {
        int[] s = SpanCorruption.gameSource("一心一意", vocab);
        assertEquals(6, s.length);
        assertEquals("一心一意", vocab.decode(java.util.Arrays.copyOf(s, 4)));
        assertEquals(Vocabulary.SEP, s[4]);
        assertEquals(SpanCorruption.SENTINEL, s[5]);
        assertTrue(SpanCorruption.corrupt(new int[] {10, 11, 12}, new Random(1)).source().length >= 1);
    }
}
