package lab.jielong.engine.io;

import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.EncDecConfig;
import lab.jielong.engine.EncDecLayout;
import lab.jielong.engine.EncoderDecoder;
import lab.jielong.engine.train.TrainConfig;

import java.io.ByteArrayInputStream;
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
 * The encoder-decoder's checkpoint: {@link Checkpoint}'s format with its own model kind (magic "JLED") and
 * version, and its own configuration block.
 * <pre>
 * int   magic 0x4A4C4544 ("JLED")        int   format version (1)
 * int   vocabSize, sourceContext, targetContext, dModel, encoderLayers, decoderLayers, nHead, dFf
 * byte  trained (0/1), then the {@link TrainConfig} as in {@link Checkpoint}
 * int   n characters, then n UTF-16 chars: the vocabulary after the 5 specials
 * byte  dtype 16 or 32     int parameter count     the parameters in {@link EncDecLayout} order, little-endian
 * long  CRC-32 of every byte above
 * </pre>
 */
public final class EncDecCheckpoint {

    public static final int MAGIC = 0x4A4C4544;
    public static final int VERSION = 1;

    public record Loaded(EncoderDecoder model, Vocabulary vocabulary, Optional<TrainConfig> training) {
    }

    private EncDecCheckpoint() {
    }

    public static void save(EncoderDecoder model, Vocabulary vocab, TrainConfig training, boolean fp16,
            OutputStream out) throws IOException {
        EncDecConfig c = model.config;
        if (vocab.size() != c.vocabSize()) {
            throw new IllegalArgumentException(
                    "vocabulary has " + vocab.size() + " tokens, the model " + c.vocabSize());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        for (int v : new int[] {c.vocabSize(), c.sourceContext(), c.targetContext(), c.dModel(), c.encoderLayers(),
                c.decoderLayers(), c.nHead(), c.dFf()}) {
            d.writeInt(v);
        }
        Checkpoint.writeTraining(d, training);
        String chars = vocab.characters();
        d.writeInt(chars.length());
        d.writeChars(chars);
        d.writeByte(fp16 ? 16 : 32);
        float[] p = model.parameters();
        d.writeInt(p.length);
        ByteBuffer buf = ByteBuffer.allocate(p.length * (fp16 ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : p) {
            if (fp16) {
                buf.putShort(Checkpoint.Half.fromFloat(v));
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

    public static Loaded load(InputStream in, String name) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length < 16) {
            throw new IOException(name + ": not an encoder-decoder checkpoint (only " + all.length + " bytes)");
        }
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(all));
        try {
            int magic = d.readInt();
            if (magic != MAGIC) {
                throw new IOException(String.format("%s: not an encoder-decoder checkpoint (magic 0x%08X, expected "
                        + "0x%08X)", name, magic, MAGIC));
            }
            int version = d.readInt();
            if (version != VERSION) {
                throw new IOException(name + ": unsupported encoder-decoder checkpoint version " + version
                        + ", expected " + VERSION);
            }
            CRC32 crc = new CRC32();
            crc.update(all, 0, all.length - 8);
            long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                throw new IOException(String.format("%s: checksum mismatch (stored %08x, computed %08x): the file is "
                        + "corrupt or truncated", name, stored, crc.getValue()));
            }
            EncDecConfig c;
            try {
                c = new EncDecConfig(d.readInt(), d.readInt(), d.readInt(), d.readInt(), d.readInt(), d.readInt(),
                        d.readInt(), d.readInt());
            } catch (IllegalArgumentException e) {
                throw new IOException(name + ": invalid model configuration: " + e.getMessage(), e);
            }
            Optional<TrainConfig> training = Checkpoint.readTraining(d, name);
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
            int expected = new EncDecLayout(c).size;
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
                p[i] = dtype == 16 ? Checkpoint.Half.toFloat(buf.getShort()) : buf.getFloat();
            }
            return new Loaded(new EncoderDecoder(c, p), Vocabulary.fromCharacters(new String(chars)), training);
        } catch (EOFException e) {
            throw new IOException(name + ": truncated checkpoint", e);
        }
    }
}
