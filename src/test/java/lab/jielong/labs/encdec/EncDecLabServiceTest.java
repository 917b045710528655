package lab.jielong.labs.encdec;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.engine.EncDecSession;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.engine.io.ShippedModels;
import lab.jielong.game.RejectionReason;
import lab.jielong.models.ModelService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The lab's live comparison on the shipped models: both answers as the engine decodes them, judged by the game,
 * attention of the right shapes and kinds (the encoder and the cross-attention unmasked, the decoder-only causal),
 * the stage table's chain from the corpus, refusals in the game's words; and the results files as shipped.
 */
class EncDecLabServiceTest {

    static IdiomCorpus corpus;
    static EncDecLabService service;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
        service = new EncDecLabService(corpus, ModelService.load(corpus));
    }

    @Test
    void bothModelsAnswerTheVisitorsIdiomAndTheGameJudgesThem() {
        EncDecLabService.Comparison c = service.compare(" 一心一意 ").comparison().orElseThrow();
        assertThat(c.x().word()).isEqualTo("一心一意");
        // the encoder-decoder's answer is what the engine's greedy decoding writes from the shipped checkpoint
        EncDecSession s = ShippedModels.fromClasspath().encoderDecoder().model().newSession();
        lab.jielong.corpus.Vocabulary v = ModelService.load(corpus).shipped().vocabulary();
        s.encode(v.encode("一心一意"));
        s.feed(lab.jielong.corpus.Vocabulary.BOS);
        assertThat(c.encDec().move().answer()).isEqualTo(Decoding.free(s, v, 4, Sampler.greedy(), null).text());
        for (EncDecLabService.Move m : List.of(c.encDec().move(), c.decoder().move())) {
            boolean rulesSay = m.answer().length() == 4 && m.answer().charAt(0) == '意' && corpus.contains(m.answer());
            assertThat(m.valid()).as(m.answer()).isEqualTo(rulesSay);
            assertThat(m.why().isPresent()).isEqualTo(!m.valid());
            assertThat(m.guided()).startsWith("意").hasSize(4);
            assertThat(corpus.contains(m.guided())).isTrue();
        }
    }

    @Test
    void attentionHasTheShapeAndTheMaskOfEachArchitecture() {
        EncDecLabService.Comparison c = service.compare("画蛇添足").comparison().orElseThrow();
        EncDecLabService.EncDecView e = c.encDec();
        assertThat(e.source()).containsExactly("画", "蛇", "添", "足");
        assertThat(e.target().get(0)).isEqualTo("<bos>");
        int rows = e.target().size();
        assertThat(rows).isEqualTo(1 + Math.min(4, c.encDec().move().answer().length()));
        double future = 0;
        for (float[][][] layer : e.encoder()) {
            for (float[][] head : layer) {
                assertThat(head).hasNumberOfRows(4);
                for (int q = 0; q < 4; q++) {
                    assertThat(sum(head[q])).isCloseTo(1.0, within(1e-4));
                    for (int k = q + 1; k < 4; k++) {
                        future += head[q][k];
                    }
                }
            }
        }
        assertThat(future).as("the encoder reads the characters after each one").isGreaterThan(0.1);
        for (float[][][] layer : e.cross()) {
            for (float[][] head : layer) {
                assertThat(head).hasNumberOfRows(rows);
                for (float[] row : head) {
                    assertThat(row).hasSize(4);
                    assertThat(sum(row)).isCloseTo(1.0, within(1e-4));
                }
            }
        }
        EncDecLabService.DecoderView d = c.decoder();
        assertThat(d.tokens().subList(0, 6)).containsExactly("<bos>", "画", "蛇", "添", "足", "<sep>");
        for (float[][][] layer : d.attention()) {
            for (float[][] head : layer) {
                for (int q = 0; q < head.length; q++) {
                    assertThat(sum(head[q])).isCloseTo(1.0, within(1e-4));
                    for (int k = q + 1; k < head.length; k++) {
                        assertThat(head[q][k]).as("causal mask").isZero();
                    }
                }
            }
        }
    }

    @Test
    void theStageTableFollowsAChainFromTheIdiom() {
        EncDecLabService.Stages s = service.compare("守株待兔").comparison().orElseThrow().stages();
        assertThat(s.chain().subList(0, 5)).containsExactly("<bos>", "守", "株", "待", "兔");
        assertThat(s.pair().get(0)).isEqualTo("守株待兔");
        assertThat(s.pair().get(1)).startsWith("兔");
        assertThat(corpus.contains(s.pair().get(1))).isTrue();
        assertThat(IdiomCorpus.isHeldOut(s.pair().get(1))).isFalse();
        assertThat(s.spanSource()).contains("<sentinel>");
        assertThat(s.spanTarget()).startsWith("<bos>").endsWith("<eos>");
        // the same idiom gets the same chain
        assertThat(service.compare("守株待兔").comparison().orElseThrow().stages()).isEqualTo(s);
    }

    @Test
    void badInputIsRefusedInTheGamesWords() {
        assertThat(service.compare("").refused().orElseThrow().reason()).isEqualTo(RejectionReason.EMPTY);
        assertThat(service.compare("hello").refused().orElseThrow().reason()).isEqualTo(RejectionReason.NOT_CHINESE);
        assertThat(service.compare("一心一").refused().orElseThrow().reason()).isEqualTo(RejectionReason.WRONG_LENGTH);
        assertThat(service.compare("<b>一心一意</b>").refused()).isPresent();
        assertThat(service.compare("一心一意".repeat(100)).refused().orElseThrow().reason())
                .isEqualTo(RejectionReason.TOO_LONG);
        assertThat(service.compare(null).refused()).isPresent();
    }

    @Test
    void theResultsAndRecordsAreTheShippedFiles() {
        EncDecResults r = service.results();
        assertThat(r.efficiency().decoder().points()).isNotEmpty();
        assertThat(r.efficiency().encdecSameFlops().flops()).isCloseTo(r.efficiency().decoder().flops(),
                org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(r.consistency().encdec().stages()).extracting(EncDecResults.Stage::stage)
                .containsExactly("pretrain", "finetune", "inference");
        EncDecLabService.ShippedFigures f = service.shippedFigures();
        assertThat(f.encdec().parameters()).isEqualTo(service.encDecParameters());
        assertThat(f.decoder().parameters()).isEqualTo(service.decoderParameters());
        assertThat(f.encdec().seed()).isEqualTo(44);
        assertThat(f.decoder().honestLoss()).isGreaterThan(0);
        assertThat(f.peeking().honestLoss()).isGreaterThan(f.peeking().teacherForcedLoss());
    }

    private static double sum(float[] row) {
        double s = 0;
        for (float w : row) {
            s += w;
        }
        return s;
    }
}
