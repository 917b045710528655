package lab.jielong.engine.io;

import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.EncDecConfig;
import lab.jielong.engine.EncoderDecoder;
import lab.jielong.engine.train.TrainConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder-decoder's checkpoint: a round trip, its own kind, and the shipped file. */
class EncDecCheckpointTest {

    @Test
    void roundTripKeepsEverythingAndTheKindIsChecked() throws IOException {
        Vocabulary v = Vocabulary.fromCharacters("一二三四五六七八".chars().sorted().collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString());
        EncDecConfig c = new EncDecConfig(v.size(), 6, 5, 8, 1, 2, 2, 12);
        EncoderDecoder m = EncoderDecoder.initialize(c, 3);
        TrainConfig t = TrainConfig.reference(100, 44);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EncDecCheckpoint.save(m, v, t, false, out);
        EncDecCheckpoint.Loaded l = EncDecCheckpoint.load(new ByteArrayInputStream(out.toByteArray()), "test");
        assertEquals(c, l.model().config);
        assertArrayEquals(m.parameters(), l.model().parameters());
        assertEquals(t, l.training().orElseThrow());
        assertEquals(v.characters(), l.vocabulary().characters());
        IOException e = assertThrows(IOException.class,
                () -> Checkpoint.load(new ByteArrayInputStream(out.toByteArray()), "test"));
        assertTrue(e.getMessage().contains("not a Jielong Lab checkpoint"), e.getMessage());
        byte[] bad = out.toByteArray();
        bad[bad.length / 2] ^= 1;
        assertThrows(IOException.class, () -> EncDecCheckpoint.load(new ByteArrayInputStream(bad), "test"));
    }

    @Test
    void theShippedEncoderDecoderLoadsWithItsSeed() {
        EncDecCheckpoint.Loaded l = ShippedModels.fromClasspath().encoderDecoder();
        assertEquals(44, l.training().orElseThrow().seed());
        assertTrue(ShippedModels.fromClasspath().record("encdec").contains("\"seed\": 44"));
    }
}
