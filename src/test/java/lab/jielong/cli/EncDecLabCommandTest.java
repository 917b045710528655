package lab.jielong.cli;

import lab.jielong.labs.encdec.EncDecResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code encdec-lab} at a toy size writes both results files in the shape the lab page reads
 * ({@link EncDecResults}): the three runs with their points, token and target counts that agree with the rows
 * each model was fed, and the stage table with the same chain for both architectures.
 */
class EncDecLabCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesWhatThePageReads() throws Exception {
        Cli.run(new String[] {"encdec-lab", "--tokens", "4000", "--pretrain-chains", "64", "--finetune-pairs", "64",
                "--points", "2", "--out", tmp.toString()}, System.out, System.err);
        EncDecResults r;
        try (InputStream e = Files.newInputStream(tmp.resolve("data-efficiency.json"));
                InputStream c = Files.newInputStream(tmp.resolve("consistency.json"))) {
            r = EncDecResults.read(e, c);
        }
        EncDecResults.DataEfficiency e = r.efficiency();
        assertThat(e.command()).endsWith("encdec-lab --tokens 4000 --pretrain-chains 64 --finetune-pairs 64 --points 2 "
                + "--out " + tmp);
        assertThat(e.decoder().tokens()).isBetween(4000L, 4000L + 32 * 32);
        assertThat(e.encdecSameTokens().tokens()).isLessThanOrEqualTo(e.decoder().tokens());
        assertThat(e.encdecSameFlops().flops()).isCloseTo(e.decoder().flops(),
                org.assertj.core.data.Percentage.withPercentage(10));
        for (EncDecResults.Run run : new EncDecResults.Run[] {e.decoder(), e.encdecSameTokens(), e.encdecSameFlops()}) {
            assertThat(run.points()).hasSize(2);
            assertThat(run.last().tokens()).isEqualTo(run.tokens());
            assertThat(run.points()).allSatisfy(p -> assertThat(p.gameValidOfPossible()).isBetween(0.0, 1.0));
        }
        // a pair supervises Y's four characters and EOS out of the nine tokens read
        assertThat(e.encdecSameTokens().supervisedTargetsPerToken()).isCloseTo(5.0 / 9,
                org.assertj.core.data.Offset.offset(1e-6));   // written with 6 digits
        assertThat(e.decoder().supervisedTargetsPerToken()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);

        EncDecResults.Consistency c = r.consistency();
        assertThat(c.pretrainChains()).isEqualTo(64);
        assertThat(c.encdec().pretrainSteps()).isEqualTo(c.decoder().pretrainSteps()).isEqualTo(2);
        // the same chain for both: the decoder reads <bos> + chain, the encoder the chain with spans cut out
        EncDecResults.Stage dec = c.decoder().stage("pretrain"), enc = c.encdec().stage("pretrain");
        assertThat(dec.input().get(0)).isEqualTo("<bos>");
        assertThat(enc.input()).contains("<sentinel>");
        java.util.List<String> chain = dec.target();          // the chain without BOS, PAD dropped
        assertThat(dec.input().subList(1, dec.input().size())).isEqualTo(chain.subList(0, dec.input().size() - 1));
        java.util.List<String> restored = new java.util.ArrayList<>(enc.input());
        restored.removeIf("<sentinel>"::equals);
        enc.target().stream().filter(t -> !t.startsWith("<")).forEach(restored::add);
        assertThat(restored).containsExactlyInAnyOrderElementsOf(chain);
        assertThat(c.encdec().stage("finetune").target()).startsWith("<bos>").endsWith("<eos>").hasSize(6);
    }
}
