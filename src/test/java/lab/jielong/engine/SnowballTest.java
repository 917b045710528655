package lab.jielong.engine;

import lab.jielong.engine.decode.Sampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snowball: cached steps against recomputing every position (logits at every step), the closed-form FLOP
 * counts against the engine's own count, and the earlier hidden states once a token is appended (unchanged
 * in the decoder, changed in the peeking model).
 */
class SnowballTest {

    static final ModelConfig CFG = new ModelConfig(23, 12, 16, 2, 2, 32, true);

    /**
     * The tests below compare numbers bit for bit across separate passes. The Vector API's exp (GELU, softmax)
     * differs in the last bit between the JIT's tiers (interpreted or C1: Math.exp per lane; C2: the CPU's
     * vector maths), so the kernels are run hot first, as they are on a server that has been playing.
     */
    @BeforeAll
    static void warmUp() {
        Gpt decoder = TestModels.randomModel(CFG, 1), peeking = TestModels.randomModel(CFG.withCausal(false), 1);
        int[] toks = InferenceTest.randomTokens(CFG.context(), CFG.vocabSize(), 2);
        for (int i = 0; i < 300; i++) {
            Snowball.compare(decoder, toks, 0);
            peeking.newSession().feed(toks);
        }
    }

    @Test
    void cachedLogitsEqualRecomputedOnesAtEveryStep() {
        Gpt decoder = TestModels.randomModel(CFG, 21);
        Snowball.Run run = new Snowball.Run(decoder, null);
        int[] prompt = {1, 7, 8};
        Snowball.Step first = run.start(prompt);
        assertEquals(3, first.fed());
        assertEquals(2, first.position());
        double worst = first.logitDifference();
        int steps = 0;
        while (run.remaining() > 0) {
            float[] logits = run.logits();
            Snowball.Step s = run.step(Sampler.greedy().pick(logits, logits.length));
            assertEquals(1, s.cached().tokensComputed());
            assertEquals(s.position() + 1, s.recomputed().tokensComputed());
            worst = Math.max(worst, s.logitDifference());
            steps++;
        }
        assertEquals(CFG.context() - prompt.length, steps);
        System.out.println("cached vs recomputed logits, largest |difference| over " + steps + " steps: " + worst);
        assertTrue(worst <= 1e-5, "cached vs recomputed " + worst);
        // and both equal the training forward pass over the whole generated sequence, at its last position
        float[] full = TestModels.fullForward(decoder, run.tokens());
        int V = CFG.vocabSize();
        float[] last = Arrays.copyOfRange(full, (CFG.context() - 1) * V, CFG.context() * V);
        for (int v = 0; v < V; v++) {
            assertEquals(last[v], run.logits()[v], 1e-4f);
        }
        assertThrows(IllegalStateException.class, () -> run.step(5), "the context is full");
    }

    @Test
    void closedFormFlopCountsEqualTheEnginesOwnCount() {
        for (boolean causal : new boolean[] {true, false}) {
            ModelConfig c = CFG.withCausal(causal);
            Gpt model = TestModels.randomModel(c, 22);
            int[] toks = InferenceTest.randomTokens(c.context(), c.vocabSize(), 23);
            InferenceSession stepping = model.newSession();
            InferenceSession recomputing = model.newSession();
            for (int t = 0; t < toks.length; t++) {
                stepping.feed(toks[t]);
                stepping.logits();
                recomputing.feedWithoutCache(toks[t]);
                recomputing.logits();
                String at = c.describe() + " position " + t;
                assertEquals(Snowball.recomputedStepFlops(c, t), recomputing.lastCost().flops(), at);
                if (causal) {
                    assertEquals(Snowball.cachedStepFlops(c, t), stepping.lastCost().flops(), at);
                    assertEquals(Snowball.cacheBytes(c, t + 1), stepping.lastCost().kvCacheBytes(), at);
                } else {
                    // the peeking model's own feed recomputes everything: the same count
                    assertEquals(Snowball.recomputedStepFlops(c, t), stepping.lastCost().flops(), at);
                }
            }
            // a prefill of n tokens costs what recomputing them does
            InferenceSession prefill = model.newSession();
            prefill.feed(Arrays.copyOf(toks, 9));
            prefill.logits();
            assertEquals(Snowball.recomputedStepFlops(c, 8), prefill.lastCost().flops());
        }
        // the totals are the sums of the steps, far beyond the shipped context too
        long cached = 0, recomputed = 0;
        for (int t = 0; t < 4096; t++) {
            cached += Snowball.cachedStepFlops(CFG, t);
            recomputed += Snowball.recomputedStepFlops(CFG, t);
            if (t == 31 || t == 999 || t == 4095) {
                assertEquals(cached, Snowball.totalCachedFlops(CFG, t + 1));
                assertEquals(recomputed, Snowball.totalRecomputedFlops(CFG, t + 1));
            }
        }
    }

    @Test
    void appendingATokenLeavesTheDecodersEarlierStatesAloneAndChangesThePeekingModels() {
        Gpt decoder = TestModels.randomModel(CFG, 24);
        Gpt peeking = TestModels.randomModel(CFG.withCausal(false), 25);
        Snowball.Run run = new Snowball.Run(decoder, peeking);
        Snowball.Step first = run.start(new int[] {1, 9});
        assertEquals(0, first.decoderStateChange().length, "no earlier positions at the prompt");
        int[] next = InferenceTest.randomTokens(10, CFG.vocabSize(), 26);
        for (int token : next) {
            Snowball.Step s = run.step(token);
            assertEquals(CFG.nLayer(), s.decoderStateChange().length);
            assertEquals(CFG.nLayer(), s.peekingStateChange().length);
            for (int l = 0; l < CFG.nLayer(); l++) {
                assertEquals(0.0, s.decoderStateChange()[l], "decoder layer " + (l + 1) + " at " + s.position());
                assertTrue(s.peekingStateChange()[l] > 1e-3,
                        "peeking layer " + (l + 1) + " at " + s.position() + ": " + s.peekingStateChange()[l]);
            }
        }
    }

    @Test
    void hiddenStatesAreTheResidualStreamTheCacheKeepsTheKeysAndValues() {
        Gpt decoder = TestModels.randomModel(CFG, 27);
        int[] toks = InferenceTest.randomTokens(6, CFG.vocabSize(), 28);
        InferenceSession whole = decoder.newSession();
        whole.recordHiddenStates(true);
        whole.feed(toks);
        InferenceSession stepwise = decoder.newSession();
        stepwise.recordHiddenStates(true);
        for (int t : toks) {
            stepwise.feed(t);
        }
        for (int l = 0; l < CFG.nLayer(); l++) {
            for (int t = 0; t < toks.length; t++) {
                assertArrayEquals(whole.hiddenStates()[l][t], stepwise.hiddenStates()[l][t]);
                assertArrayEquals(whole.cacheRow(l, t), stepwise.cacheRow(l, t));
            }
        }
        assertEquals(2 * CFG.dModel(), whole.cacheRow(1, 5).length);
        assertThrows(IllegalArgumentException.class, () -> whole.cacheRow(0, 6));
    }

    @Test
    void compareCoversEveryStepFromAnEmptyContext() {
        Gpt model = TestModels.randomModel(CFG, 29);
        int[] toks = InferenceTest.randomTokens(CFG.context(), CFG.vocabSize(), 30);
        List<Snowball.Row> rows = Snowball.compare(model, toks, 0);
        assertEquals(CFG.context(), rows.size());
        assertEquals(rows.get(0).cached().flops(), rows.get(0).recomputed().flops(), "step 1: one position both ways");
        for (Snowball.Row r : rows) {
            assertEquals(Snowball.cachedStepFlops(CFG, r.position()), r.cached().flops());
            assertEquals(Snowball.recomputedStepFlops(CFG, r.position()), r.recomputed().flops());
            assertTrue(r.cached().nanos() > 0 && r.recomputed().nanos() > 0);
        }
        assertThrows(IllegalArgumentException.class, () -> Snowball.compare(model.config.causal()
                ? TestModels.randomModel(CFG.withCausal(false), 1) : model, toks, 0));
    }
}
