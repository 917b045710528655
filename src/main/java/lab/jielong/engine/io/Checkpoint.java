package lab.jielong.engine.io;

import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.ParameterLayout;
import lab.jielong.engine.train.TrainConfig;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The checkpoint file: a model's configuration, how it was trained, its vocabulary and its weights,
 * self-checking.
 * <pre>
 * int   magic 0x4A4C4750 ("JLGP")       int   format version (2)
 * int   vocabSize, context, dModel, nLayer, nHead, dFf;  byte causal (0/1)
 * byte  trained (0/1), then if 1 the {@link TrainConfig}: int steps, batchSize; float learningRate;
 *       int warmupSteps; float minLrRatio, beta1, beta2, eps, weightDecay, gradClip; long seed;
 *       int threads, logEvery
 * int   n characters, then n UTF-16 chars: the vocabulary after the 5 specials
 * byte  dtype: 16 (IEEE half) or 32 (float)      int   parameter count
 * the parameters in {@link ParameterLayout} order, little-endian 2 or 4 bytes each
 * long  CRC-32 of every byte above
 * </pre>
 * Header fields are big-endian (DataOutputStream). fp16 halves the file; the shipped models are
 * evaluated after the round trip, so the quality bars hold for exactly what is stored.
 * A wrong magic, version, size or checksum fails with a message naming the problem and the file.
 * Version 1 (the same without the training block) is still read: its training is unknown; the code that
 * wrote it trained with AdamW betas {@value TrainConfig#BETA1}/{@value TrainConfig#BETA2}, eps
 * {@value TrainConfig#EPS}, the only values it had.
 */
public final class Checkpoint {

    public static final int MAGIC = 0x4A4C4750;
    public static final int VERSION = 2;
    /** The oldest version still read. */
    public static final int OLDEST_VERSION = 1;

    /**
     * A loaded checkpoint.
     *
     * @param training how the model was trained; empty when not recorded (version 1, or saved untrained)
     */
    public record Loaded(Gpt model, Vocabulary vocabulary, Optional<TrainConfig> training) {
    }

    private Checkpoint() {
    }

    /** Saves a model whose training is not recorded (e.g. made by hand in a test). */
    public static void save(Gpt model, Vocabulary vocab, boolean fp16, OutputStream out) throws IOException {
        save(model, vocab, null, fp16, out);
    }

    /** Saves a model with the configuration it was trained with (null: not recorded). */
    public static void save(Gpt model, Vocabulary vocab, TrainConfig training, boolean fp16, OutputStream out)
            throws IOException {
        if (vocab.size() != model.config.vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocab.size() + " tokens, the model "
                    + model.config.vocabSize());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        ModelConfig c = model.config;
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(c.vocabSize());
        d.writeInt(c.context());
        d.writeInt(c.dModel());
        d.writeInt(c.nLayer());
        d.writeInt(c.nHead());
        d.writeInt(c.dFf());
        d.writeByte(c.causal() ? 1 : 0);
        writeTraining(d, training);
        String chars = vocab.characters();
        d.writeInt(chars.length());
        d.writeChars(chars);
        d.writeByte(fp16 ? 16 : 32);
        float[] p = model.parameters();
        d.writeInt(p.length);
        ByteBuffer buf = ByteBuffer.allocate(p.length * (fp16 ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : p) {
            if (fp16) {
                buf.putShort(Half.fromFloat(v));
            } else {
                buf.putFloat(v);
            }
        }
        d.write(buf.array());
        d.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        d.writeLong(crc.getValue());
        d.flush();
        bytes.writeTo(out);
        out.flush();
    }

    /** Reads a checkpoint; {@code name} (a path or resource name) appears in every error message. */
    public static Loaded load(InputStream in, String name) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length < 8 + 8) {
            throw new IOException(name + ": not a Jielong Lab checkpoint (only " + all.length + " bytes)");
        }
        DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(all));
        try {
            int magic = d.readInt();
            if (magic != MAGIC) {
                throw new IOException(String.format("%s: not a Jielong Lab checkpoint (magic 0x%08X, expected 0x%08X)",
                        name, magic, MAGIC));
            }
            int version = d.readInt();
            if (version < OLDEST_VERSION || version > VERSION) {
                throw new IOException(name + ": unsupported checkpoint version " + version + ", expected " + VERSION
                        + " (or " + OLDEST_VERSION + ", still read)");
            }
            CRC32 crc = new CRC32();
            crc.update(all, 0, all.length - 8);
            long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                throw new IOException(String.format("%s: checksum mismatch (stored %08x, computed %08x): the file is "
                        + "corrupt or truncated", name, stored, crc.getValue()));
            }
            ModelConfig c;
            try {
                c = new ModelConfig(d.readInt(), d.readInt(), d.readInt(), d.readInt(), d.readInt(), d.readInt(),
                        d.readByte() != 0);
            } catch (IllegalArgumentException e) {
                throw new IOException(name + ": invalid model configuration: " + e.getMessage(), e);
            }
            Optional<TrainConfig> training = version >= 2 ? readTraining(d, name) : Optional.empty();
            int n = d.readInt();
            if (n + Vocabulary.SPECIALS != c.vocabSize()) {
                throw new IOException(name + ": vocabulary has " + n + " characters + " + Vocabulary.SPECIALS
                        + " specials, the configuration says " + c.vocabSize());
            }
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = d.readChar();
            }
            int dtype = d.readByte();
            if (dtype != 16 && dtype != 32) {
                throw new IOException(name + ": unsupported weight type " + dtype + " bits, expected 16 or 32");
            }
            int count = d.readInt();
            int expected = new ParameterLayout(c).size;
            if (count != expected) {
                throw new IOException(
                        name + ": holds " + count + " parameters, " + c.describe() + " needs " + expected);
            }
            int bytes = count * (dtype / 8);
            if (d.available() != bytes + 8) {
                throw new IOException(name + ": size mismatch: " + d.available() + " bytes of weights and checksum, "
                        + "expected " + (bytes + 8));
            }
            byte[] raw = new byte[bytes];
            d.readFully(raw);
            ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[] p = new float[count];
            for (int i = 0; i < count; i++) {
                p[i] = dtype == 16 ? Half.toFloat(buf.getShort()) : buf.getFloat();
            }
            return new Loaded(new Gpt(c, p), Vocabulary.fromCharacters(new String(chars)), training);
        } catch (EOFException e) {
            throw new IOException(name + ": truncated checkpoint", e);
        }
    }

    static void writeTraining(DataOutputStream d, TrainConfig t) throws IOException {
        d.writeByte(t == null ? 0 : 1);
        if (t == null) {
            return;
        }
        d.writeInt(t.steps());
        d.writeInt(t.batchSize());
        d.writeFloat(t.learningRate());
        d.writeInt(t.warmupSteps());
        d.writeFloat(t.minLrRatio());
        d.writeFloat(t.beta1());
        d.writeFloat(t.beta2());
        d.writeFloat(t.eps());
        d.writeFloat(t.weightDecay());
        d.writeFloat(t.gradClip());
        d.writeLong(t.seed());
        d.writeInt(t.threads());
        d.writeInt(t.logEvery());
    }

    static Optional<TrainConfig> readTraining(DataInputStream d, String name) throws IOException {
        int trained = d.readByte();
        if (trained == 0) {
            return Optional.empty();
        }
        if (trained != 1) {
            throw new IOException(name + ": invalid training flag " + trained + ", expected 0 or 1");
        }
        try {
            return Optional.of(new TrainConfig(d.readInt(), d.readInt(), d.readFloat(), d.readInt(), d.readFloat(),
                    d.readFloat(), d.readFloat(), d.readFloat(), d.readFloat(), d.readFloat(), d.readLong(),
                    d.readInt(), d.readInt()));
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": invalid training configuration: " + e.getMessage(), e);
        }
    }

    /** IEEE 754 binary16 conversions (Java 17 has none); round to nearest, ties to even. */
    static final class Half {
        private Half() {
        }

        static short fromFloat(float f) {
            int bits = Float.floatToRawIntBits(f);
            int sign = (bits >>> 16) & 0x8000;
            int exp = (bits >>> 23) & 0xff;
            int m = bits & 0x7fffff;
            if (exp == 0xff) {
                return (short) (sign | 0x7c00 | (m != 0 ? 0x200 : 0));
            }
            int e = exp - 127 + 15;
            if (e >= 31) {
                return (short) (sign | 0x7c00);
            }
            if (e <= 0) {
                if (e < -10) {
                    return (short) sign;
                }
                int full = m | 0x800000;
                int shift = 14 - e;
                return (short) (sign | roundShift(full, shift));
            }
            return (short) (sign | ((e << 10) + roundShift(m, 13)));
        }

        private static int roundShift(int v, int shift) {
            int q = v >>> shift;
            int rem = v & ((1 << shift) - 1);
            int half = 1 << (shift - 1);
            if (rem > half || (rem == half && (q & 1) == 1)) {
                q++;
            }
            return q;
        }

        static float toFloat(short h) {
            int sign = (h & 0x8000) << 16;
            int e = (h >>> 10) & 0x1f;
            int m = h & 0x3ff;
            if (e == 0) {
                float v = m * 0x1p-24f;
                return sign != 0 ? -v : v;
            }
            if (e == 31) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (m << 13));
            }
            return Float.intBitsToFloat(sign | ((e - 15 + 127) << 23) | (m << 13));
        }
    }
}
