package lab.jielong.cli;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.Snowball;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** bench's snowball section reports what the issue asks: steps 1..32 both ways in µs and FLOPs, and the totals. */
class SnowballSectionTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyStepOfTheContextBothWaysAndTheTotals() throws Exception {
        IdiomCorpus corpus = IdiomCorpus.load();
        Vocabulary vocabulary = Vocabulary.of(corpus);
        Map<String, Object> out = new BenchCommand.SnowballSection()
                .run(new BenchContext(corpus, vocabulary, 1, true));
        ModelConfig small = ModelConfig.named("small", vocabulary.size());
        int T = small.context();
        assertThat(out.get("steps")).isEqualTo(IntStream.rangeClosed(1, T).boxed().toList());
        List<Double> cached = (List<Double>) out.get("cached_us"), recomputed = (List<Double>) out.get("recompute_us");
        assertThat(cached).hasSize(T).allMatch(us -> us > 0);
        assertThat(recomputed).hasSize(T).allMatch(us -> us > 0);
        List<Long> cachedFlops = (List<Long>) out.get("cached_flops"),
                recomputeFlops = (List<Long>) out.get("recompute_flops");
        for (int t = 0; t < T; t++) {
            assertThat(cachedFlops.get(t)).isEqualTo(Snowball.cachedStepFlops(small, t));
            assertThat(recomputeFlops.get(t)).isEqualTo(Snowball.recomputedStepFlops(small, t));
        }
        assertThat((double) out.get("total_cached_ms"))
                .isCloseTo(cached.stream().mapToDouble(Double::doubleValue).sum() / 1e3, offset(1e-9));
        assertThat((double) out.get("total_recompute_ms"))
                .isCloseTo(recomputed.stream().mapToDouble(Double::doubleValue).sum() / 1e3, offset(1e-9));
    }
}
