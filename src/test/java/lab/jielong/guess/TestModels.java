package lab.jielong.guess;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Checkpoint;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.ShippedModels;

import java.io.UncheckedIOException;

/**
 * The shipped decoder for the service tests; until it is trained and shipped, a small untrained stand-in
 * (so the plumbing is tested either way, and the tests say which they used).
 */
final class TestModels {

    final Gpt decoder;
    final Vocabulary vocabulary;
    final boolean shipped;

    private TestModels(Gpt decoder, Vocabulary vocabulary, boolean shipped) {
        this.decoder = decoder;
        this.vocabulary = vocabulary;
        this.shipped = shipped;
    }

    static TestModels load(IdiomCorpus corpus) {
        try {
            Checkpoint.Loaded decoder = ShippedModels.fromClasspath().load(ShippedModels.DECODER);
            return new TestModels(decoder.model(), decoder.vocabulary(), true);
        } catch (UncheckedIOException e) {
            System.err.println("[service tests] no shipped decoder (" + e.getCause().getMessage()
                    + "): testing with an untrained tiny stand-in");
            Vocabulary vocabulary = Vocabulary.of(corpus);
            return new TestModels(Gpt.initialize(ModelConfig.tiny(vocabulary.size()), 1), vocabulary, false);
        }
    }
}
