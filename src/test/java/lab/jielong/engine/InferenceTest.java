package lab.jielong.engine;

import lab.jielong.engine.decode.Sampler;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KV-cache inference against the training forward pass; causality; determinism. */
class InferenceTest {

    static final ModelConfig CFG = new ModelConfig(23, 12, 16, 2, 2, 32, true);

    static int[] randomTokens(int n, int vocab, long seed) {
        Random r = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(vocab);
        }
        return t;
    }

    @Test
    void cachedDecodingEqualsFullRecomputation() {
        Gpt model = TestModels.randomModel(CFG, 3);
        int[] toks = randomTokens(CFG.context(), CFG.vocabSize(), 4);
        float[] full = TestModels.fullForward(model, toks);
        int V = CFG.vocabSize();
        InferenceSession s = model.newSession();
        s.feed(toks, 0, 5); // prefill, then one token at a time
        double worst = 0;
        for (int t = 4; t < toks.length; t++) {
            if (t > 4) {
                s.feed(toks[t]);
            }
            float[] lg = s.logits();
            for (int v = 0; v < V; v++) {
                worst = Math.max(worst, Math.abs(lg[v] - full[t * V + v]));
            }
            assertEquals(lg[7], s.logit(7), 1e-5f);
        }
        assertTrue(worst < 1e-4, "cached vs full worst " + worst);
    }

    @Test
    void lastOutputOnlyGivesTheSameLogitsForLessWork() {
        for (boolean causal : new boolean[] {true, false}) {
            ModelConfig c = new ModelConfig(23, 12, 16, 2, 2, 32, causal);
            Gpt model = TestModels.randomModel(c, 11);
            int[] toks = randomTokens(9, c.vocabSize(), 12);
            InferenceSession full = model.newSession();
            InferenceSession lean = model.newSession().lastOutputOnly();
            lean.recordAttention(true);                              // attention rows are still all computed
            full.recordAttention(true);
            full.feed(toks, 0, 6);
            lean.feed(toks, 0, 6);
            assertTrue(lean.lastCost().flops() < full.lastCost().flops(), "skips the last layer's other rows");
            for (int t = 6; t <= toks.length; t++) {
                assertArrayEquals(full.logits(), lean.logits(), 1e-5f, "after " + t + " tokens, causal " + causal);
                InferenceSession copy = lean.copy();                  // a copy keeps the setting
                assertArrayEquals(lean.logits(), copy.logits(), 1e-5f);
                if (t < toks.length) {
                    full.feed(toks[t]);
                    lean.feed(toks[t]);
                }
            }
            for (int l = 0; l < c.nLayer(); l++) {
                for (int h = 0; h < c.nHead(); h++) {
                    for (int q = 0; q < toks.length; q++) {
                        assertArrayEquals(full.attention()[l][h][q], lean.attention()[l][h][q], 1e-6f);
                    }
                }
            }
        }
    }

    @Test
    void causalModelIgnoresTheFutureBitForBit() {
        Gpt model = TestModels.randomModel(CFG, 5);
        int[] a = randomTokens(CFG.context(), CFG.vocabSize(), 6);
        int[] b = a.clone();
        int t = 5;
        for (int i = t + 1; i < b.length; i++) {
            b[i] = (b[i] + 1 + i) % CFG.vocabSize();
        }
        float[] la = TestModels.fullForward(model, a), lb = TestModels.fullForward(model, b);
        int V = CFG.vocabSize();
        assertArrayEquals(Arrays.copyOf(la, (t + 1) * V), Arrays.copyOf(lb, (t + 1) * V), "positions <= t changed");
        assertFalse(Arrays.equals(la, lb), "later positions should change");
    }

    @Test
    void peekingModelSeesTheFuture() {
        Gpt model = TestModels.randomModel(CFG.withCausal(false), 5);
        int[] a = randomTokens(CFG.context(), CFG.vocabSize(), 6);
        int[] b = a.clone();
        b[b.length - 1] = (b[b.length - 1] + 1) % CFG.vocabSize();
        float[] la = TestModels.fullForward(model, a), lb = TestModels.fullForward(model, b);
        int V = CFG.vocabSize();
        assertFalse(Arrays.equals(Arrays.copyOf(la, V), Arrays.copyOf(lb, V)), "position 0 should see the last token");
        // its session recomputes: the same numbers as the full pass
        InferenceSession s = model.newSession();
        s.feed(a, 0, 4);
        s.feed(a[4]);
        float[] lg = s.logits();
        float[] ref = TestModels.fullForward(model, Arrays.copyOf(a, 5));
        for (int v = 0; v < V; v++) {
            assertEquals(ref[4 * V + v], lg[v], 1e-4f);
        }
    }

    @Test
    void attentionRowsAreDistributionsAndCausal() {
        Gpt model = TestModels.randomModel(CFG, 8);
        int[] toks = randomTokens(6, CFG.vocabSize(), 9);
        float[][][][] att = Attention.weights(model, toks);
        assertEquals(CFG.nLayer(), att.length);
        assertEquals(CFG.nHead(), att[0].length);
        assertEquals(6, att[0][0].length);
        for (float[][][] layer : att) {
            for (float[][] head : layer) {
                for (int t = 0; t < 6; t++) {
                    double s = 0;
                    for (int t2 = 0; t2 < 6; t2++) {
                        s += head[t][t2];
                        if (t2 > t) {
                            assertEquals(0f, head[t][t2]);
                        }
                    }
                    assertEquals(1.0, s, 1e-5);
                }
            }
        }
        float[][][][] bi = Attention.weights(TestModels.randomModel(CFG.withCausal(false), 8), toks);
        assertTrue(bi[0][0][0][5] > 0, "the peeking model attends forward");
    }

    @Test
    void greedyGenerationIsDeterministicAndSeededSamplingRepeats() {
        Gpt model = TestModels.randomModel(CFG, 10);
        int[] prompt = {1, 7, 8, 9};
        float[] first = null;
        for (int run = 0; run < 2; run++) {
            InferenceSession s = model.newSession();
            s.feed(prompt);
            float[] seq = new float[6];
            for (int i = 0; i < 6; i++) {
                float[] lg = s.logits();
                int next = Sampler.greedy().pick(lg, lg.length);
                seq[i] = next;
                s.feed(next);
            }
            if (first == null) {
                first = seq;
            } else {
                assertArrayEquals(first, seq);
            }
        }
        float[] logits = {0.1f, 2f, 1.5f, -1f, 0.3f};
        int[] a = new int[20], b = new int[20];
        Sampler s1 = Sampler.topP(0.9, 1.0, new Random(3)), s2 = Sampler.topP(0.9, 1.0, new Random(3));
        Sampler k1 = Sampler.topK(2, 0.8, new Random(4));
        for (int i = 0; i < 20; i++) {
            a[i] = s1.pick(logits, 5);
            b[i] = s2.pick(logits, 5);
            int k = k1.pick(logits, 5);
            assertTrue(k == 1 || k == 2, "top-2 picked " + k);
        }
        assertArrayEquals(a, b);
        assertEquals(1, Sampler.greedy().pick(logits, 5));
        assertEquals(1, Sampler.temperature(0, new Random(1)).pick(logits, 5));
    }

    @Test
    void copyAndTruncateKeepTheCacheConsistent() {
        Gpt model = TestModels.randomModel(CFG, 12);
        int[] toks = randomTokens(8, CFG.vocabSize(), 13);
        InferenceSession s = model.newSession();
        s.feed(toks, 0, 5);
        InferenceSession c = s.copy();
        float[] before = s.logits().clone();
        s.feed(toks, 5, 3);
        s.truncate(5);
        assertArrayEquals(before, s.logits());
        assertArrayEquals(before, c.logits());
        StepCost cost = s.lastCost();
        assertEquals(1, cost.tokensComputed());
        assertTrue(cost.flops() > 0 && cost.kvCacheBytes() == 2L * 2 * 5 * 16 * 4);
        assertNotEquals(0, cost.nanos());
    }

    @Test
    void snowballCachedStepsComputeOnePositionAndRecomputingAllOfThem() {
        Gpt model = TestModels.randomModel(CFG, 14);
        int[] toks = randomTokens(CFG.context(), CFG.vocabSize(), 15);
        List<Snowball.Row> rows = Snowball.compare(model, toks, 3);
        assertEquals(CFG.context() - 3, rows.size());
        for (Snowball.Row r : rows) {
            assertEquals(1, r.cached().tokensComputed());
            assertEquals(r.position() + 1, r.recomputed().tokensComputed());
            assertEquals(2L * CFG.nLayer() * (r.position() + 1) * CFG.dModel() * 4, r.cached().kvCacheBytes());
            assertTrue(r.position() == 3 ? r.recomputed().flops() > 3 * r.cached().flops()
                    : r.recomputed().flops() > r.cached().flops());
        }
    }
}
