package lab.jielong.labs.snowball;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.InputProblem;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.Snowball;
import lab.jielong.engine.decode.DecodingConfig;
import lab.jielong.models.ModelService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The snowball lab's service on the shipped models, without a browser. */
class SnowballServiceTest {

    private static ModelService models;
    private static SnowballService service;

    @BeforeAll
    static void load() {
        models = ModelService.load(IdiomCorpus.load());
        service = new SnowballService(models, 0);
        service.warmUp();                       // the kernels compiled, as on a server that has been running
    }

    private static Generation start(Object visitor, String prompt, DecodingConfig decoding) {
        return service.start(visitor, prompt, decoding).generation().orElseThrow();
    }

    private static String written(Generation g) {
        StringBuilder s = new StringBuilder();
        g.steps().stream().skip(1).forEach(step -> s.append(step.text()).append(' '));
        return s.toString();
    }

    @Test
    void aGreedyRunIsMeasuredBothWaysAtEveryStepWithBothProofs() {
        Generation g = start(new Object(), "一心一意", DecodingConfig.greedy());
        ModelConfig c = g.config();
        Generation.Step prompt = g.last();
        assertThat(prompt.number()).isZero();
        assertThat(g.promptLength()).isEqualTo(6);                   // BOS 一 心 一 意 SEP
        assertThat(prompt.cached().tokensComputed()).isEqualTo(6);
        while (g.step().isPresent()) {
            // the steps come one by one: nothing is written ahead of the step that shows it
            assertThat(g.tokens()).hasSize(g.last().position() + 1);
        }
        List<Generation.Step> steps = g.steps();
        assertThat(g.end()).isPresent();
        if (g.end().get() == Generation.End.CONTEXT_FULL) {
            assertThat(steps).hasSize(1 + c.context() - 6);
        } else {
            assertThat(g.end()).contains(Generation.End.END_OF_CHAIN);
            assertThat(steps.get(steps.size() - 1).token()).isEqualTo(Vocabulary.EOS);
        }
        double[] peekingMax = new double[c.nLayer()];
        for (Generation.Step s : steps.subList(1, steps.size())) {
            assertThat(s.cached().tokensComputed()).isEqualTo(1);
            assertThat(s.recomputed().tokensComputed()).isEqualTo(s.position() + 1);
            assertThat(s.cachedFlops()).isEqualTo(s.cached().flops())
                    .isEqualTo(Snowball.cachedStepFlops(c, s.position()));
            assertThat(s.recomputedFlops()).isEqualTo(s.recomputed().flops());
            assertThat(s.cached().kvCacheBytes()).isEqualTo(Snowball.cacheBytes(c, s.position() + 1));
            assertThat(s.cached().nanos()).isPositive();
            assertThat(s.recomputed().nanos()).isPositive();
            assertThat(s.logitDifference()).as("cached vs recomputed logits at step %d", s.number()).isZero();
            assertThat(s.decoderStateChange()).hasSize(c.nLayer());
            assertThat(s.peekingStateChange()).hasSize(c.nLayer());
            for (int l = 0; l < c.nLayer(); l++) {
                assertThat(s.decoderStateChange()[l]).as("decoder layer %d, step %d", l + 1, s.number()).isZero();
                assertThat(s.peekingStateChange()[l]).as("peeking layer %d, step %d", l + 1, s.number()).isPositive();
                peekingMax[l] = Math.max(peekingMax[l], s.peekingStateChange()[l]);
            }
            assertThat(s.probability()).isBetween(0.0, 1.0);
        }
        for (int l = 0; l < c.nLayer(); l++) {
            assertThat(peekingMax[l]).as("peeking layer %d, largest change over the run", l + 1).isGreaterThan(1.0);
        }
        double[][] cache = g.cacheNorms();
        assertThat(cache).hasNumberOfRows(2 * c.nLayer());
        assertThat(cache[0]).hasSize(steps.get(steps.size() - 1).position() + 1);
        assertThat(Arrays.stream(cache[0]).allMatch(v -> v > 0)).isTrue();
        System.out.println("greedy after 一心一意: " + written(g) + "(" + g.end().get() + ")");
    }

    @Test
    void samplingRepeatsExactlyFromItsSeed() {
        DecodingConfig seeded = DecodingConfig.sampling(1.2, 50, 0.95, 7);
        List<String> runs = new ArrayList<>();
        for (long seed : new long[] {7, 7, 8}) {
            Generation g = start(new Object(), "春眠不觉晓", DecodingConfig.sampling(1.2, 50, 0.95, seed));
            for (int i = 0; i < 12; i++) {
                g.step();
            }
            runs.add(written(g));
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).as("another seed").isNotEqualTo(runs.get(0));
        assertThat(seeded.describe()).isEqualTo("T 1.2, top-k 50, top-p 0.95, seed 7");
    }

    @Test
    void promptsAreCheckedByTheNormaliserAndFitTheContext() {
        assertThat(service.maxPromptCharacters()).isEqualTo(24);
        assertThat(service.start(new Object(), "hello", DecodingConfig.greedy()).problem().orElseThrow().problem())
                .isEqualTo(InputProblem.NOT_CHINESE);
        var tooLong = service.start(new Object(), "一".repeat(25), DecodingConfig.greedy()).problem().orElseThrow();
        assertThat(tooLong.problem()).isEqualTo(InputProblem.TOO_LONG);
        assertThat(tooLong.detail()).isEqualTo("24");
        Generation full = start(new Object(), "一".repeat(24), DecodingConfig.greedy());
        assertThat(full.step()).isPresent();
        assertThat(full.end()).isPresent();
        Generation empty = start(new Object(), "  ", DecodingConfig.greedy());
        assertThat(empty.tokens()).containsExactly("<bos>");
        assertThat(service.start(new Object(), "<b>x</b>", DecodingConfig.greedy()).problem().orElseThrow().problem())
                .isEqualTo(InputProblem.MARKUP);
    }

    @Test
    void oneGenerationAtATimePerVisitorAndAPlayStopsWhenAsked() {
        Object visitor = new Object();
        Generation first = start(visitor, "一心一意", DecodingConfig.greedy());
        Generation second = start(visitor, "画蛇添", DecodingConfig.greedy());
        assertThat(first.end()).contains(Generation.End.REPLACED);
        assertThat(first.step()).isEmpty();
        Generation other = start(new Object(), "画蛇添", DecodingConfig.greedy());
        assertThat(second.end()).isEmpty();

        List<Integer> seen = new ArrayList<>();
        boolean[] ended = {false};
        service.play(second, step -> seen.add(step.number()) && seen.size() < 3, () -> ended[0] = true);
        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(ended[0]).isFalse();
        service.play(other, step -> true, () -> ended[0] = true);
        assertThat(ended[0]).isTrue();
        assertThat(other.end()).isPresent();
    }

    @Test
    void longTextsAreCountedNotMeasured() {
        ModelConfig c = service.config();
        SnowballService.Projection p = service.project(c, 4000);
        assertThat(p.cachedFlops()).isEqualTo(Snowball.totalCachedFlops(c, 4000));
        assertThat(p.recomputedFlops()).isEqualTo(Snowball.totalRecomputedFlops(c, 4000));
        assertThat(p.ratio()).isGreaterThan(1000);
        assertThat(p.cacheBytes()).isEqualTo(2L * c.nLayer() * 4000 * c.dModel() * 4);
        assertThatThrownBy(() -> service.project(c, SnowballService.MAX_PROJECTED + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
