package lab.jielong.engine.io;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.IdiomTrie;
import lab.jielong.engine.decode.Sampler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one test that loads the shipped weights: they load, match the corpus, and play legal moves. */
class ShippedModelsTest {

    @Test
    void shippedDecoderLoadsAndGuidedMovesAreLegal() {
        ShippedModels shipped = ShippedModels.fromClasspath();
        Gpt decoder = shipped.model(ShippedModels.DECODER);
        Gpt peeking = shipped.model(ShippedModels.PEEKING);
        assertTrue(decoder.config.causal());
        assertFalse(peeking.config.causal());
        assertEquals(decoder.config.withCausal(false), peeking.config, "peeking must match the decoder's size");
        assertTrue(shipped.record(ShippedModels.DECODER).contains("corpus_checksum"));

        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocab = shipped.vocabulary(ShippedModels.DECODER);
        assertEquals(Vocabulary.of(corpus).characters(), vocab.characters());
        IdiomTrie trie = new IdiomTrie(vocab, corpus.idioms().stream().map(i -> i.word()).toList());
        String prompt = "一心一意";
        InferenceSession s = decoder.newSession();
        s.feed(Vocabulary.BOS);
        s.feed(vocab.encode(prompt));
        s.feed(Vocabulary.SEP);
        List<Decoding.Choice> hints = Decoding.topContinuations(s,
                Decoding.Guide.of(trie, t -> t == vocab.id('意'), Set.of(prompt)), 3, 200);
        assertFalse(hints.isEmpty());
        StringBuilder streamed = new StringBuilder();
        Decoding.Answer a = Decoding.guided(s, Decoding.Guide.of(trie, t -> t == vocab.id('意'), Set.of(prompt)),
                Sampler.greedy(), (i, t, p) -> streamed.append(vocab.character(t)));
        assertNotNull(a);
        assertEquals(a.text(), streamed.toString());
        assertTrue(corpus.contains(a.text()) && a.text().charAt(0) == '意', a.text());
        double sum = 0;
        for (int i = 0; i < hints.size(); i++) {
            sum += hints.get(i).probability();
            assertTrue(i == 0 || hints.get(i - 1).probability() >= hints.get(i).probability(), "hints sorted");
            assertTrue(hints.get(i).idiom().charAt(0) == '意' && !hints.get(i).idiom().equals(prompt));
        }
        assertTrue(sum <= 1.0 + 1e-6);
    }
}
