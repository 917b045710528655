package lab.jielong.models;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.io.Checkpoint;
import lab.jielong.engine.io.ShippedModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The one owner of the models: loads the shipped decoder and peeking model at start-up and checks them
 * against the idiom dictionary ({@link Models#check}); a missing, corrupt or unsuitable file stops start-up
 * with a {@link ShippedModelException} naming the file and the problem. Every feature asks
 * {@link #current()} for the models of the visitor it serves: the visitor's own ({@link SessionModels},
 * e.g. trained in a lab) if they set any, otherwise the shipped ones, which nobody can replace.
 */
@Service
public class ModelService {

    private static final Logger log = LoggerFactory.getLogger(ModelService.class);

    private final IdiomCorpus corpus;
    private final Models shipped;
    private final SessionModels.Lookup visitors;
    private final long loadMillis;

    /** The shipped models from the classpath; visitors found by the web layer's {@link SessionModels.Lookup}. */
    @Autowired
    public ModelService(IdiomCorpus corpus, ObjectProvider<SessionModels.Lookup> visitors) {
        this(corpus, null, visitors.getIfAvailable(() -> Optional::empty));
    }

    /**
     * The shipped models from {@code directory} ({@code decoder.ckpt}, {@code peeking.ckpt}; null: the
     * classpath's {@code /models/}), visitors found by {@code visitors}.
     */
    public ModelService(IdiomCorpus corpus, Path directory, SessionModels.Lookup visitors) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.visitors = Objects.requireNonNull(visitors, "visitors");
        long start = System.nanoTime();
        this.shipped = load(corpus, directory);
        this.loadMillis = (System.nanoTime() - start) / 1_000_000;
        log.info("Shipped models loaded and checked in {} ms: decoder {}, peeking {}",
                loadMillis, shipped.decoder().config.describe(),
                shipped.peeking().config.describe());
    }

    /** Outside the web server (commands, tests): the shipped models from the classpath, no visitors. */
    public static ModelService load(IdiomCorpus corpus) {
        return new ModelService(corpus, null, Optional::empty);
    }

    /** The idiom dictionary the models were checked against. */
    public IdiomCorpus corpus() {
        return corpus;
    }

    /** How long loading and checking the shipped models took at start-up (ms). */
    public long loadMillis() {
        return loadMillis;
    }

    /** The shipped models: what every visitor plays with unless they set their own. */
    public Models shipped() {
        return shipped;
    }

    /** The models for the current visitor: their own if set, else the shipped ones. */
    public Models current() {
        return visitors.current().flatMap(SessionModels::own).orElse(shipped);
    }

    /** The current visitor's holder, where a lab hands over a model it trained; empty outside a visit. */
    public Optional<SessionModels> visitor() {
        return visitors.current();
    }

    /** A set of models a lab made, checked like the shipped ones; hand it to {@link SessionModels#use}. */
    public Models check(Gpt decoder, Gpt peeking, Vocabulary vocabulary, String source) {
        return Models.check(corpus, decoder, peeking, vocabulary, source, false);
    }

    private static Models load(IdiomCorpus corpus, Path directory) {
        ShippedModels files =
                directory == null ? ShippedModels.fromClasspath() : ShippedModels.fromDirectory(directory);
        String decoderFile = file(directory, ShippedModels.DECODER);
        String peekingFile = file(directory, ShippedModels.PEEKING);
        Checkpoint.Loaded decoder = read(files, ShippedModels.DECODER, decoderFile);
        Checkpoint.Loaded peeking = read(files, ShippedModels.PEEKING, peekingFile);
        if (!peeking.vocabulary().characters().equals(decoder.vocabulary().characters())) {
            throw new ShippedModelException(peekingFile, "its vocabulary differs from the decoder's in "
                    + decoderFile + ": the two were trained on different corpora", null);
        }
        try {
            return Models.check(corpus, decoder.model(), peeking.model(), decoder.vocabulary(),
                    decoderFile + ", " + peekingFile, true);
        } catch (IllegalArgumentException e) {
            String file = e.getMessage().startsWith("peeking") ? peekingFile : decoderFile;
            throw new ShippedModelException(file, e.getMessage(), e);
        }
    }

    /** The file as ShippedModels names it in its messages. */
    private static String file(Path directory, String name) {
        return directory == null ? "classpath:/models/" + name + ".ckpt" : directory.resolve(name + ".ckpt").toString();
    }

    private static Checkpoint.Loaded read(ShippedModels files, String name, String file) {
        try {
            return files.load(name);
        } catch (UncheckedIOException e) {
            Throwable cause = e.getCause();
            String problem = cause instanceof NoSuchFileException ? "not found"
                    : Objects.requireNonNullElse(cause.getMessage(), cause.toString()).replace(file + ": ", "");
            throw new ShippedModelException(file, problem, e);
        } catch (RuntimeException e) {
            throw new ShippedModelException(file, Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
        }
    }
}
