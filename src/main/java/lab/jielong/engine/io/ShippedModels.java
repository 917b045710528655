package lab.jielong.engine.io;

import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models that ship with the application: {@code decoder} (causal, used by the game),
 * {@code peeking} (the same configuration trained without the mask) and {@code encdec} (the encoder-decoder,
 * {@link #encoderDecoder()}), read from
 * {@code /models/NAME.ckpt} on the classpath (or a directory) once and cached. The record of how
 * each was made is {@code /models/NAME.json}. Thread-safe; the models are shared.
 */
public final class ShippedModels {

    public static final String DECODER = "decoder", PEEKING = "peeking", ENCDEC = "encdec";

    private static final ShippedModels CLASSPATH = new ShippedModels(null);
    private final Path dir;
    private final Map<String, Checkpoint.Loaded> cache = new ConcurrentHashMap<>();
    private volatile EncDecCheckpoint.Loaded encDec;

    private ShippedModels(Path dir) {
        this.dir = dir;
    }

    public static ShippedModels fromClasspath() {
        return CLASSPATH;
    }

    public static ShippedModels fromDirectory(Path dir) {
        return new ShippedModels(dir);
    }

    public Gpt model(String name) {
        return load(name).model();
    }

    public Vocabulary vocabulary(String name) {
        return load(name).vocabulary();
    }

    public Checkpoint.Loaded load(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = open(n + ".ckpt")) {
                return Checkpoint.load(in, where(n + ".ckpt"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The shipped encoder-decoder ({@code encdec.ckpt}, its own checkpoint kind), loaded once. */
    public EncDecCheckpoint.Loaded encoderDecoder() {
        EncDecCheckpoint.Loaded l = encDec;
        if (l == null) {
            synchronized (this) {
                if (encDec == null) {
                    try (InputStream in = open(ENCDEC + ".ckpt")) {
                        encDec = EncDecCheckpoint.load(in, where(ENCDEC + ".ckpt"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                l = encDec;
            }
        }
        return l;
    }

    /** The training record (JSON text) of a shipped model. */
    public String record(String name) {
        try (InputStream in = open(name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String where(String file) {
        return dir == null ? "classpath:/models/" + file : dir.resolve(file).toString();
    }

    private InputStream open(String file) throws IOException {
        if (dir != null) {
            return Files.newInputStream(dir.resolve(file));
        }
        InputStream in = ShippedModels.class.getResourceAsStream("/models/" + file);
        if (in == null) {
            throw new IOException(where(file) + ": not found (train it with: train --model "
                    + file.substring(0, file.indexOf('.')) + ")");
        }
        return in;
    }
}
