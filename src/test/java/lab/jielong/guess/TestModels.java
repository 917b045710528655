package lab.jielong.guess;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Checkpoint;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.ShippedModels;

import java.io.UncheckedIOException;

/**
 * The shipped models for the service tests; until they are trained and shipped, small untrained stand-ins
 * of the same kind (so the plumbing is tested either way, and the tests say which they used).
 */
final class TestModels {

    final Gpt decoder;
    final Gpt peeking;
    final Vocabulary vocabulary;
    final boolean shipped;

    private TestModels(Gpt decoder, Gpt peeking, Vocabulary vocabulary, boolean shipped) {
        this.decoder = decoder;
        this.peeking = peeking;
        this.vocabulary = vocabulary;
        this.shipped = shipped;
    }

    static TestModels load(IdiomCorpus corpus) {
        try {
            ShippedModels models = ShippedModels.fromClasspath();
            Checkpoint.Loaded decoder = models.load(ShippedModels.DECODER);
            Checkpoint.Loaded peeking = models.load(ShippedModels.PEEKING);
            return new TestModels(decoder.model(), peeking.model(), decoder.vocabulary(), true);
        } catch (UncheckedIOException e) {
            System.err.println("[service tests] no shipped models (" + e.getCause().getMessage()
                    + "): testing with untrained tiny stand-ins");
            Vocabulary vocabulary = Vocabulary.of(corpus);
            ModelConfig config = ModelConfig.tiny(vocabulary.size());
            return new TestModels(Gpt.initialize(config, 1), Gpt.initialize(config.withCausal(false), 2), vocabulary,
                    false);
        }
    }
}
