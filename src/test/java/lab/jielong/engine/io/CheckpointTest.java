package lab.jielong.engine.io;

import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.TestModels;
import lab.jielong.engine.train.TrainConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints round-trip; bad ones fail with the problem and the file. */
class CheckpointTest {

    static final ModelConfig CFG = new ModelConfig(23, 8, 16, 2, 2, 32, true);

    static Vocabulary vocab18() {
        return Vocabulary.fromCharacters("一丁七万丈三上下不与丐丑专且丕世丘丙");
    }

    @Test
    void checkpointRoundTripsExactlyInFp32AndClosely_inFp16() throws IOException {
        Gpt model = TestModels.randomModel(CFG, 4);
        Vocabulary v = vocab18();
        int[] toks = {1, 5, 6, 7, 2, 8};
        float[] ref = TestModels.fullForward(model, toks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Checkpoint.save(model, v, false, out);
        Checkpoint.Loaded back = Checkpoint.load(new ByteArrayInputStream(out.toByteArray()), "test.ckpt");
        assertArrayEquals(ref, TestModels.fullForward(back.model(), toks));
        assertEquals(v.characters(), back.vocabulary().characters());
        assertEquals(CFG, back.model().config);

        ByteArrayOutputStream half = new ByteArrayOutputStream();
        Checkpoint.save(model, v, true, half);
        assertTrue(half.size() < out.size() * 0.6);
        Gpt h = Checkpoint.load(new ByteArrayInputStream(half.toByteArray()), "half.ckpt").model();
        float[] lh = TestModels.fullForward(h, toks);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], lh[i], 2e-2f + 1e-2f * Math.abs(ref[i]));
        }
        // fp16 -> save -> load is exact
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Checkpoint.save(h, v, true, again);
        assertArrayEquals(half.toByteArray(), again.toByteArray());
    }

    @Test
    void badCheckpointsFailWithTheProblemAndTheFile() throws IOException {
        Gpt model = Gpt.initialize(CFG, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Checkpoint.save(model, vocab18(), true, out);
        byte[] good = out.toByteArray();

        byte[] magic = good.clone();
        magic[0] = 'X';
        assertMessage(magic, "x.ckpt: not a Jielong Lab checkpoint");
        byte[] version = good.clone();
        version[7] = 9;
        assertMessage(version, "x.ckpt: unsupported checkpoint version 9, expected 2");
        byte[] corrupt = good.clone();
        corrupt[good.length / 2] ^= 1;
        assertMessage(corrupt, "x.ckpt: checksum mismatch");
        assertMessage(Arrays.copyOf(good, good.length - 10), "x.ckpt: checksum mismatch");
    }

    @Test
    void theTrainingConfigurationTravelsWithTheWeightsAndVersion1StillLoads() throws IOException {
        Gpt model = TestModels.randomModel(CFG, 6);
        TrainConfig training = TrainConfig.reference(500, 7).withAdamW(0.8f, 0.99f, 1e-6f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Checkpoint.save(model, vocab18(), training, false, out);
        Checkpoint.Loaded back = Checkpoint.load(new ByteArrayInputStream(out.toByteArray()), "t.ckpt");
        assertEquals(training, back.training().orElseThrow());
        assertArrayEquals(model.parameters(), back.model().parameters());

        // version 1: the same bytes without the training flag, version 1, its own checksum
        ByteArrayOutputStream untrained = new ByteArrayOutputStream();
        Checkpoint.save(model, vocab18(), false, untrained);
        byte[] v2 = untrained.toByteArray();
        int flag = 4 + 4 + 6 * 4 + 1;
        assertEquals(0, v2[flag]);
        byte[] v1 = new byte[v2.length - 1];
        System.arraycopy(v2, 0, v1, 0, flag);
        System.arraycopy(v2, flag + 1, v1, flag, v2.length - flag - 1);
        v1[7] = 1;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v1, 0, v1.length - 8);
        java.nio.ByteBuffer.wrap(v1, v1.length - 8, 8).putLong(crc.getValue());
        Checkpoint.Loaded old = Checkpoint.load(new ByteArrayInputStream(v1), "v1.ckpt");
        assertTrue(old.training().isEmpty());
        assertArrayEquals(model.parameters(), old.model().parameters());
    }

    private static void assertMessage(byte[] bytes, String start) {
        IOException e = assertThrows(IOException.class,
                () -> Checkpoint.load(new ByteArrayInputStream(bytes), "x.ckpt"));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void halfPrecisionConversionRoundsToNearest() {
        for (float f : new float[] {0f, 1f, -2.5f, 0.1f, 65504f, 1e-5f, -3e-8f}) {
            float back = Checkpoint.Half.toFloat(Checkpoint.Half.fromFloat(f));
            assertEquals(f, back, Math.abs(f) * 1e-3f + 6e-8f, "half of " + f);
        }
        assertEquals(Float.POSITIVE_INFINITY, Checkpoint.Half.toFloat(Checkpoint.Half.fromFloat(1e6f)));
    }
}
