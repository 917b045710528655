package lab.jielong.models;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.engine.Gpt;
import lab.jielong.guess.GuessService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one owner of the models: checked at start-up, bad files named, and each visitor's own models kept apart. */
class ModelServiceTest {

    private static IdiomCorpus corpus;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
    }

    @Test
    void theShippedModelsAreLoadedAndCheckedAndServeWhenThereIsNoVisitor() {
        ModelService service = ModelService.load(corpus);
        Models shipped = service.shipped();
        assertThat(shipped.shipped()).isTrue();
        assertThat(shipped.decoder().config.causal()).isTrue();
        assertThat(shipped.peeking().config.causal()).isFalse();
        assertThat(shipped.source()).contains("classpath:/models/decoder.ckpt")
                .contains("classpath:/models/peeking.ckpt");
        assertThat(corpus.idioms().stream().flatMapToInt(i -> i.word().chars())
                .allMatch(c -> shipped.vocabulary().contains((char) c))).isTrue();
        assertThat(service.current()).isSameAs(shipped);
        assertThat(service.visitor()).isEmpty();
    }

    @Test
    void aMissingFileStopsStartUpNamingTheFile(@TempDir Path dir) throws IOException {
        copyShipped("peeking", dir.resolve("peeking.ckpt"));
        assertThatThrownBy(() -> new ModelService(corpus, dir, Optional::empty))
                .isInstanceOfSatisfying(ShippedModelException.class, e -> {
                    assertThat(e.file()).isEqualTo(dir.resolve("decoder.ckpt").toString());
                    assertThat(e.problem()).isEqualTo("not found");
                });
    }

    @Test
    void aCorruptFileStopsStartUpNamingTheFileAndTheProblem(@TempDir Path dir) throws IOException {
        copyShipped("decoder", dir.resolve("decoder.ckpt"));
        copyShipped("peeking", dir.resolve("peeking.ckpt"));
        byte[] bytes = Files.readAllBytes(dir.resolve("peeking.ckpt"));
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(dir.resolve("peeking.ckpt"), bytes);
        assertThatThrownBy(() -> new ModelService(corpus, dir, Optional::empty))
                .isInstanceOfSatisfying(ShippedModelException.class, e -> {
                    assertThat(e.file()).endsWith("peeking.ckpt");
                    assertThat(e.problem()).startsWith("checksum mismatch");
                    assertThat(e.getMessage()).startsWith(dir.resolve("peeking.ckpt") + ": checksum mismatch");
                });

        Files.write(dir.resolve("decoder.ckpt"), Arrays.copyOf(bytes, 100));
        assertThatThrownBy(() -> new ModelService(corpus, dir, Optional::empty))
                .isInstanceOfSatisfying(ShippedModelException.class,
                        e -> assertThat(e.file()).endsWith("decoder.ckpt"));
    }

    @Test
    void swappedFilesAreRefusedTheDecoderMustBeCausal(@TempDir Path dir) throws IOException {
        copyShipped("peeking", dir.resolve("decoder.ckpt"));
        copyShipped("decoder", dir.resolve("peeking.ckpt"));
        assertThatThrownBy(() -> new ModelService(corpus, dir, Optional::empty))
                .isInstanceOfSatisfying(ShippedModelException.class, e -> {
                    assertThat(e.file()).endsWith("decoder.ckpt");
                    assertThat(e.problem()).contains("must be causal");
                });
    }

    @Test
    void startUpFailureIsReportedAsTheFileAndTheProblem() {
        ShippedModelException cause = new ShippedModelException("classpath:/models/decoder.ckpt", "not found", null);
        FailureAnalysis analysis = new ModelFailureAnalyzer()
                .analyze(new BeanCreationException("modelService", "could not create", cause));
        assertThat(analysis.getDescription())
                .isEqualTo("The shipped model classpath:/models/decoder.ckpt cannot be used: not found");
        assertThat(analysis.getAction()).contains("train --model");
    }

    @Test
    void aVisitorsOwnModelChangesNeitherAnotherVisitorsNorTheShippedOnes() {
        SessionModels alice = new SessionModels();
        SessionModels bob = new SessionModels();
        AtomicReference<SessionModels> visiting = new AtomicReference<>();
        ModelService service = new ModelService(corpus, null, () -> Optional.ofNullable(visiting.get()));
        GuessService guess = new GuessService(corpus, service);
        Models shipped = service.shipped();
        int shippedWeights = Arrays.hashCode(shipped.decoder().parameters());
        List<GuessService.Prediction> shippedTop = guess.round("一心一").round().orElseThrow().top();

        // Alice's lab derives a decoder from the shipped one and changes it (here: all weights to zero, so
        // every token is equally likely); the copy is hers alone.
        visiting.set(alice);
        Gpt derived = new Gpt(shipped.decoder().config, shipped.decoder().parameters().clone());
        Arrays.fill(derived.parameters(), 0f);
        service.visitor().orElseThrow().use(shipped.withDecoder(derived, "zeroed copy of the shipped decoder"));
        assertThat(service.current().decoder()).isSameAs(derived);
        assertThat(service.current().shipped()).isFalse();
        List<GuessService.Prediction> aliceTop = guess.round("一心一").round().orElseThrow().top();
        assertThat(aliceTop.get(0).probability()).as("uniform over the vocabulary")
                .isCloseTo(1.0 / shipped.vocabulary().size(), org.assertj.core.data.Offset.offset(1e-4));

        visiting.set(bob);
        assertThat(service.current()).isSameAs(shipped);
        assertThat(guess.round("一心一").round().orElseThrow().top()).isEqualTo(shippedTop);

        visiting.set(null);
        assertThat(service.current()).isSameAs(shipped);
        assertThat(service.shipped()).isSameAs(shipped);
        assertThat(Arrays.hashCode(shipped.decoder().parameters())).isEqualTo(shippedWeights);

        visiting.set(alice);
        alice.reset();
        assertThat(service.current()).isSameAs(shipped);
    }

    @Test
    void aModelThatDoesNotFitIsRefusedBeforeAnyVisitorGetsIt() {
        Models shipped = ModelService.load(corpus).shipped();
        Gpt peeking = shipped.peeking();
        assertThatThrownBy(() -> shipped.withDecoder(peeking, "the peeking model"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be causal");
        lab.jielong.corpus.Vocabulary small = lab.jielong.corpus.Vocabulary.fromCharacters("一心意");
        Gpt tiny = Gpt.initialize(lab.jielong.engine.ModelConfig.tiny(small.size()), 1);
        assertThatThrownBy(() -> Models.check(corpus, tiny, Gpt.initialize(tiny.config.withCausal(false), 1), small,
                "tiny", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the vocabulary lacks");
    }

    private static void copyShipped(String name, Path target) throws IOException {
        try (InputStream in = ModelServiceTest.class.getResourceAsStream("/models/" + name + ".ckpt")) {
            Files.copy(in, target);
        }
    }
}
