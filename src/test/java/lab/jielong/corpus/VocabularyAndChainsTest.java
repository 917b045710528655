package lab.jielong.corpus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vocabulary (2,989 ids: 5 specials and the corpus's 2,984 characters) and training chains follow the recipe. */
class VocabularyAndChainsTest {

    static IdiomCorpus corpus;
    static Vocabulary vocab;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
        vocab = Vocabulary.of(corpus);
    }

    @Test
    void vocabularyIsSpecialsThenSortedCharacters() {
        assertEquals(2989, vocab.size());
        assertEquals("<pad>", vocab.token(Vocabulary.PAD));
        assertEquals("<unk>", vocab.token(Vocabulary.UNK));
        String chars = vocab.characters();
        for (int i = 1; i < chars.length(); i++) {
            assertTrue(chars.charAt(i - 1) < chars.charAt(i));
        }
        Vocabulary.Encoding e = vocab.encodeChecked("一心A意");
        assertEquals(List.of(2), e.unknownPositions());
        assertEquals(Vocabulary.UNK, e.ids()[2]);
        assertEquals("一心", vocab.decodeAnswer(vocab.encode("一心")));
        assertEquals("<bos>一", vocab.decode(new int[] {Vocabulary.BOS, vocab.id('一')}));
    }

    @Test
    void chainsLinkTrainingIdiomsAndNeverShowHeldOutOnes() {
        ChainSampler sampler = new ChainSampler(corpus, vocab, 32, 1);
        Set<String> heldOut = corpus.heldOut().stream().map(Idiom::word).collect(Collectors.toSet());
        int eos = 0;
        for (int n = 0; n < 300; n++) {
            int[] row = new int[33];
            sampler.sample(row, 0);
            assertEquals(Vocabulary.BOS, row[0]);
            List<String> idioms = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean ended = false;
            for (int t = 1; t < 33; t++) {
                int id = row[t];
                if (ended) {
                    assertEquals(Vocabulary.PAD, id, "only padding after EOS");
                } else if (id == Vocabulary.SEP || id == Vocabulary.EOS) {
                    idioms.add(cur.toString());
                    cur.setLength(0);
                    if (id == Vocabulary.EOS) {
                        ended = true;
                        eos++;
                        assertTrue(corpus.training().stream().noneMatch(
                                i -> i.first() == idioms.get(idioms.size() - 1).charAt(3)), "EOS only at a dead end");
                    }
                } else {
                    cur.append(vocab.character(id));
                }
            }
            for (int i = 0; i < idioms.size(); i++) {
                String w = idioms.get(i);
                assertEquals(4, w.length());
                assertTrue(corpus.contains(w) && !heldOut.contains(w), w);
                if (i > 0) {
                    assertEquals(idioms.get(i - 1).charAt(3), w.charAt(0), "chain rule");
                }
            }
        }
        assertTrue(eos > 0, "some chains hit a dead end");
        assertFalse(corpus.training().isEmpty());
    }
}
