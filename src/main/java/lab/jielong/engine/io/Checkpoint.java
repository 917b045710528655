package lab.jielong.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.ParameterLayout;

/**
 * The checkpoint file: a model's configuration, its vocabulary and its weights, self-checking.
 * <pre>
 * int   magic 0x4A4C4750 ("JLGP")       int   format version (1)
 * int   vocabSize, context, dModel, nLayer, nHead, dFf;  byte causal (0/1)
 * int   n characters, then n UTF-16 chars: the vocabulary after the 5 specials
 * byte  dtype: 16 (IEEE half) or 32 (float)      int   parameter count
 * the parameters in {@link ParameterLayout} order, little-endian 2 or 4 bytes each
 * long  CRC-32 of every byte above
 * </pre>
 * Header fields are big-endian (DataOutputStream). fp16 halves the file; the shipped models are
 * evaluated after the round trip, so the quality bars hold for exactly what is stored.
 * A wrong magic, version, size or checksum fails with a message naming the problem and the file.
 */
public final class Checkpoint {

    public static final int MAGIC = 0x4A4C4750;
    public static final int VERSION = 1;

    /** A loaded checkpoint. */
    public record Loaded(Gpt model, Vocabulary vocabulary) {
    }

    private Checkpoint() {
    }

    public static void save(Gpt model, Vocabulary vocab, boolean fp16, OutputStream out) throws IOException {
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
            if (version != VERSION) {
                throw new IOException(name + ": unsupported checkpoint version " + version + ", expected " + VERSION);
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
                throw new IOException(name + ": holds " + count + " parameters, " + c.describe() + " needs " + expected);
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
            return new Loaded(new Gpt(c, p), Vocabulary.fromCharacters(new String(chars)));
        } catch (EOFException e) {
            throw new IOException(name + ": truncated checkpoint", e);
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
