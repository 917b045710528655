package lab.jielong.cli;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.ChainSampler;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gemm;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.Parallel;
import lab.jielong.engine.Snowball;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.IdiomTrie;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.engine.train.TrainConfig;
import lab.jielong.engine.train.Trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench [--json] [--quick] [--threads N] [--section NAME,…]}: speed figures ({@code --section hints}: that
 * section only; {@code --section kernels,training}: the trainer's share of the FMA ceiling). Benchmarks are programs that print
 * figures, not timed tests; on a shared machine compare ratios within one run, and read the load
 * average printed beside them. Sections: kernels (GFLOP/s vs the machine's FMA ceiling), training
 * throughput, batch-1 inference (KV cache vs recompute), the snowball (each step's cost with the cache and
 * without, position by position). More sections: add to {@link #SECTIONS}.
 */
final class BenchCommand {

    /** The sections, in order. The last is the Play page's "computer move". */
    static final List<BenchSection> SECTIONS = new ArrayList<>(List.of(
            new Kernels(), new Training(), new Inference(), new SnowballSection(), new ComputerMoveBenchSection(),
            new HintBenchSection(), new TrainingLabBenchSection()));

    private BenchCommand() {
    }

    static void run(String[] args) throws Exception {
        Options o = new Options(args, Set.of("threads", "section"), Set.of("json", "quick"));
        String only = o.get("section", null);
        List<String> names = SECTIONS.stream().map(BenchSection::name).toList();
        List<String> chosen = only == null ? names : List.of(only.split(","));
        for (String name : chosen) {
            if (!names.contains(name)) {
                throw new UsageException("unknown bench section '" + name + "': " + String.join(", ", names));
            }
        }
        int threads = o.getInt("threads", TrainConfig.defaultThreads());
        IdiomCorpus corpus = IdiomCorpus.load();
        BenchContext ctx = new BenchContext(corpus, Vocabulary.of(corpus), threads, o.flag("quick"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threads", threads);
        out.put("cpus", Runtime.getRuntime().availableProcessors());
        out.put("vector_species", Gemm.speciesName());
        out.put("load_average_start", BenchContext.load());
        System.out.printf("bench: %d threads, %d cpus, vector %s, load average %.2f%n", threads,
                Runtime.getRuntime().availableProcessors(), Gemm.speciesName(), BenchContext.load());
        for (BenchSection s : SECTIONS) {
            if (!chosen.contains(s.name())) {
                continue;
            }
            Map<String, Object> r = s.run(ctx);
            if (s.key() == null) {
                out.putAll(r);
            } else {
                out.put(s.key(), r);
            }
        }
        // the speed goal: small's model GFLOP/s over the FMA ceiling of all threads, both of this run
        if (out.get("kernels") instanceof Map<?, ?> k && out.get("train_model_gflops") instanceof Map<?, ?> g
                && k.get("fma_ceiling_threads") instanceof Double ceiling && g.get("small") instanceof Double small
                && !k.containsKey("fma_ceiling_below_gemm")) {
            out.put("train_small_of_fma_ceiling", small / ceiling);
            System.out.printf(
                    "%nsmall trains at %.2f of the FMA ceiling measured above (%.1f of %.1f GFLOP/s), %.2f in pairs%n",
                    small / ceiling, small, ceiling, out.get("train_small_of_fma_ceiling_paired"));
        }
        out.put("load_average_end", BenchContext.load());
        System.out.printf("load average at the end %.2f%n", BenchContext.load());
        if (o.flag("json")) {
            System.out.println(Json.write(out, false));
        }
    }

    // ------------------------------------------------------------------------------------------ kernels

    /** GFLOP/s of the GEMM (fast vs naive twin, 1 and 2 threads) and an FMA-only ceiling probe. */
    static final class Kernels implements BenchSection {
        @Override
        public String key() {
            return "kernels";
        }

        @Override
        public Map<String, Object> run(BenchContext ctx) throws Exception {
            Map<String, Object> r = new LinkedHashMap<>();
            System.out.println("\n== kernels (GFLOP/s; median of runs) ==");
            FmaProbe.warmUp();
            double peak1 = FmaProbe.gflops(1), peakN = FmaProbe.gflops(ctx.threads());
            System.out.printf("FMA ceiling probe (registers only): 1 thread %.1f, %d threads %.1f%n", peak1,
                    ctx.threads(), peakN);
            r.put("fma_ceiling_1_thread", peak1);
            r.put("fma_ceiling_threads", peakN);
            int[][] shapes = {{1024, 128, 512}, {1024, 128, 2993}, {1024, 512, 128}};
            double bestGemm = 0;
            for (int[] s : shapes) {
                String name = s[0] + "x" + s[1] + "x" + s[2];
                double fast1 = gemm(s, 1, false), fastN = gemm(s, ctx.threads(), false);
                double naive = s[2] > 1000 ? Double.NaN : gemm(new int[] {128, s[1], s[2]}, 1, true);
                System.out.printf("gemm %-15s vector 1 thread %6.1f, %d threads %6.1f | naive triple loop %s%n",
                        name, fast1, ctx.threads(), fastN,
                        Double.isNaN(naive) ? "not run (too slow at this width)" : String.format("%5.1f", naive));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("vector_1_thread", fast1);
                m.put("vector_threads", fastN);
                if (!Double.isNaN(naive)) {
                    m.put("naive_1_thread", naive);
                }
                r.put("gemm_" + name, m);
                bestGemm = Math.max(bestGemm, fast1);
            }
            if (peak1 < bestGemm) {
                // seen once in many runs: the probe ran at ~3 GFLOP/s, as the Vector API does when the JIT has not
                // compiled it to vector instructions; a ceiling below a GEMM is no ceiling, so no ratio is made of it
                System.out.printf("the probe ran slower than a GEMM (%.1f < %.1f): not compiled to vector code in this"
                        + " run; no ratio to it is computed%n", peak1, bestGemm);
                r.put("fma_ceiling_below_gemm", true);
            }
            // the trainer's forward, one micro-batch (256 rows) through fc (128 -> 512): Wt as (in, out) rows, whose
            // rows lie 2 KB apart, against the same weight in panels of 64 columns; the two alternate in one loop
            double[] layouts = forwardLayouts(256, 128, 512);
            System.out.printf("forward 256x128x512 1 thread: Wt rows (aw) %6.1f, Wt in panels (awPanels) %6.1f%n",
                    layouts[0], layouts[1]);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rows_1_thread", layouts[0]);
            f.put("panels_1_thread", layouts[1]);
            r.put("forward_256x128x512", f);
            return r;
        }

        /** GFLOP/s of out (m×n) = A (m×k) · Wt (k×n) on one thread: {aw on plain rows, awPanels}, medians. */
        private static double[] forwardLayouts(int m, int k, int n) {
            java.util.Random rng = new java.util.Random(2);
            float[] a = new float[m * k], wt = new float[k * n], panels = new float[k * n], out = new float[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextFloat();
            }
            for (int i = 0; i < wt.length; i++) {
                wt[i] = rng.nextFloat();
            }
            for (int j0 = 0; j0 < n; j0 += Gemm.PANEL_COLUMNS) {
                int w = Math.min(Gemm.PANEL_COLUMNS, n - j0);
                for (int p = 0; p < k; p++) {
                    System.arraycopy(wt, p * n + j0, panels, j0 * k + p * w, w);
                }
            }
            int runs = 15, reps = 20;
            double[][] g = new double[2][runs];
            for (int it = -10; it < runs; it++) {
                for (int v = 0; v < 2; v++) {
                    long t0 = System.nanoTime();
                    for (int rep = 0; rep < reps; rep++) {
                        if (v == 0) {
                            Gemm.aw(a, 0, m, k, wt, 0, n, null, 0, out, 0);
                        } else {
                            Gemm.awPanels(a, 0, m, k, panels, 0, n, null, 0, out, 0);
                        }
                    }
                    if (it >= 0) {
                        g[v][it] = 2.0 * m * k * n * reps / (System.nanoTime() - t0);
                    }
                }
            }
            return new double[] {BenchContext.median(g[0]), BenchContext.median(g[1])};
        }

        /** C (m×n) = A (m×k) · Bᵀ like a forward linear layer; rows split over threads. */
        private static double gemm(int[] shape, int threads, boolean naive) {
            int m = shape[0], k = shape[1], n = shape[2];
            java.util.Random rng = new java.util.Random(1);
            float[] a = new float[m * k], b = new float[n * k], c = new float[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextFloat();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rng.nextFloat();
            }
            try (Parallel par = new Parallel(threads)) {
                int runs = naive ? 3 : 15;
                double[] g = new double[runs];
                for (int it = naive ? -1 : -10; it < runs; it++) {
                    long t0 = System.nanoTime();
                    par.forEachThread(i -> {
                        int r0 = par.start(m, i), r1 = par.start(m, i + 1);
                        if (naive) {
                            Gemm.mmNaive(false, true, a, r0 * k, k, b, 0, k, c, r0 * n, n, r1 - r0, k, n, false);
                        } else {
                            Gemm.mm(false, true, a, r0 * k, k, b, 0, k, c, r0 * n, n, r1 - r0, k, n, false);
                        }
                    });
                    if (it >= 0) {
                        g[it] = 2.0 * m * k * n / (System.nanoTime() - t0);
                    }
                }
                return BenchContext.median(g);
            }
        }
    }

    /** Independent FMA chains on registers: what one core can do at most with this vector width. */
    static final class FmaProbe {
        /**
         * Short calls first, so that the JIT compiles the probe as a method before the long measured calls (which
         * otherwise run only an on-stack-replacement compile of their loop).
         */
        static void warmUp() {
            for (int i = 0; i < 5_000; i++) {
                sink += Gemm.fmaProbe(200);
            }
        }

        static double gflops(int threads) throws InterruptedException {
            long iters = 20_000_000;
            double best = 0;
            for (int rep = 0; rep < 3; rep++) {
                Thread[] ts = new Thread[threads];
                long t0 = System.nanoTime();
                for (int i = 0; i < threads; i++) {
                    ts[i] = new Thread(() -> sink += Gemm.fmaProbe(iters));
                    ts[i].start();
                }
                for (Thread t : ts) {
                    t.join();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, threads * Gemm.fmaProbeFlops(iters) / s / 1e9);
            }
            return best;
        }

        /** One burst of iters on every thread: GFLOP/s of all threads together. */
        static double burst(int threads, long iters) {
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                ts[i] = new Thread(() -> sink += Gemm.fmaProbe(iters));
                ts[i].start();
            }
            try {
                for (Thread t : ts) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return threads * Gemm.fmaProbeFlops(iters) / ((System.nanoTime() - t0) / 1e9) / 1e9;
        }

        static volatile float sink;
    }

    // ------------------------------------------------------------------------------------------ training

    /** Training tokens/s (forward + backward + clip + AdamW) at batch 32 × 32 on real chains. */
    static final class Training implements BenchSection {
        @Override
        public String key() {
            return null;
        }

        @Override
        public String name() {
            return "training";
        }

        @Override
        public Map<String, Object> run(BenchContext ctx) {
            System.out.println("\n== training throughput, batch 32 x 32 (fwd + bwd + clip + AdamW) ==");
            System.out.println(
                    "PyTorch reference as recorded on an AVX-512 machine (results-measured.md): tiny 30.8-32.3k tok/s, small 13.4-14.0k tok/s;"
                            + " for a ratio, run shared/reference/torch_ref.py throughput on this machine in the same session");
            Map<String, Object> tokS = new LinkedHashMap<>(), stepMs = new LinkedHashMap<>(),
                    gf = new LinkedHashMap<>(), coldTokS = new LinkedHashMap<>(), warmUp = new LinkedHashMap<>();
            double warmUpSeconds = ctx.quick() ? 2 : WARM_UP_SECONDS;
            for (String size : List.of("tiny", "small")) {
                ModelConfig mc = ModelConfig.named(size, ctx.vocabulary().size());
                Gpt model = Gpt.initialize(mc, 1);
                int steps = ctx.quick() ? 8 : 20;
                TrainConfig tc = TrainConfig.reference(1000, 1).withThreads(ctx.threads());
                ChainSampler sampler = new ChainSampler(ctx.corpus(), ctx.vocabulary(), mc.context(), 5);
                double[] cold = new double[steps], ms = new double[steps];
                int warmSteps = 0;
                long start = System.nanoTime();
                try (Trainer tr = new Trainer(model, tc)) {
                    int[] batch = tr.batchBuffer();
                    // steps 5 .. 5 + steps: what this section timed before it warmed up (the JIT still compiling
                    // on the same cores); then steps until warmUpSeconds have passed; then the timed steps
                    for (int it = -5; it < steps || (System.nanoTime() - start) / 1e9 < warmUpSeconds; it++) {
                        double took = step(tr, batch, tc, mc, sampler, it >= 0 && it < steps);
                        if (it >= 0 && it < steps) {
                            cold[it] = took;
                        }
                        warmSteps++;
                    }
                    for (int it = 0; it < steps; it++) {
                        ms[it] = step(tr, batch, tc, mc, sampler, true);
                    }
                }
                double med = BenchContext.median(ms), coldMed = BenchContext.median(cold);
                double tps = tc.batchSize() * mc.context() / (med / 1e3);
                double gflops = tps * model.trainFlopsPerToken() / 1e9;
                System.out.printf(
                        "%-6s %,10d params: %7.1f ms/step, %,8.0f tok/s, %5.1f model GFLOP/s after %d warm-up steps"
                                + " (%.1f s); the first %d after 5: %,8.0f tok/s (load %.2f)%n",
                        size, model.parameterCount(), med, tps, gflops, warmSteps,
                        (System.nanoTime() - start) / 1e9 - med * steps / 1e3, steps,
                        tc.batchSize() * mc.context() / (coldMed / 1e3), BenchContext.load());
                tokS.put(size, tps);
                stepMs.put(size, med);
                gf.put(size, gflops);
                coldTokS.put(size, tc.batchSize() * mc.context() / (coldMed / 1e3));
                warmUp.put(size, warmSteps);
                if (size.equals("small")) {
                    paired = pairedWithCeiling(model, tc, sampler, ctx);
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("train_tokens_per_s", tokS);
            r.put("train_step_ms", stepMs);
            r.put("train_model_gflops", gf);
            r.put("train_small_of_fma_ceiling_paired", paired);
            r.put("train_warm_up_steps", warmUp);
            r.put("train_tokens_per_s_first_steps", coldTokS);
            return r;
        }

        /**
         * Seconds of training before the timed steps: the JIT compiles the trainer's code over the first seconds
         * (C2 on the same two cores; measured here with {@code train}: ~60 ms a step for small at step 20, ~40
         * from step 80 on), and a grid point trains for minutes, so the figure that predicts its wall time is
         * the one after. The first steps are timed too, and printed beside it.
         */
        static final double WARM_UP_SECONDS = 8;

        /** One step on a fresh batch; its wall time in ms when timed, else 0. */
        private static double step(Trainer tr, int[] batch, TrainConfig tc, ModelConfig mc, ChainSampler sampler,
                boolean timed) {
            for (int b = 0; b < tc.batchSize(); b++) {
                sampler.sample(batch, b * (mc.context() + 1));
            }
            long t0 = System.nanoTime();
            tr.step(1e-3f);
            return timed ? (System.nanoTime() - t0) / 1e6 : 0;
        }

        private double paired;

        /**
         * small's model GFLOP/s as a share of the FMA ceiling, measured in pairs: a burst of the ceiling probe on
         * every thread, then one training step, ROUNDS times; the median of the pairs' ratios. On a shared machine
         * the load changes within seconds, and a ratio of two figures taken a minute apart (the kernels section's
         * ceiling, this section's median step) measures the load as much as the trainer; a pair sees the same load.
         */
        private static double pairedWithCeiling(Gpt model, TrainConfig tc, ChainSampler sampler, BenchContext ctx) {
            int rounds = ctx.quick() ? 5 : 15;
            double[] ratios = new double[rounds];
            int T = model.config.context();
            try (Trainer tr = new Trainer(model, tc)) {
                int[] batch = tr.batchBuffer();
                for (int it = -3; it < rounds; it++) {
                    double ceiling = FmaProbe.burst(ctx.threads(), 5_000_000);
                    double ms = step(tr, batch, tc, model.config, sampler, true);
                    double gflops = (double) tc.batchSize() * T * model.trainFlopsPerToken() / (ms * 1e6);
                    if (it >= 0) {
                        ratios[it] = gflops / ceiling;
                    }
                }
            }
            double r = BenchContext.median(ratios);
            System.out.printf(
                    "small in pairs (a ceiling burst, then a step; median of %d): %.2f of the FMA ceiling (load %.2f)%n",
                    rounds, r, BenchContext.load());
            return r;
        }
    }

    // ------------------------------------------------------------------------------------------ inference

    /** Batch-1 inference for small: one KV-cache decode step, the same step recomputing the prefix, an answer. */
    static final class Inference implements BenchSection {
        @Override
        public String key() {
            return null;
        }

        @Override
        public String name() {
            return "inference";
        }

        @Override
        public Map<String, Object> run(BenchContext ctx) {
            System.out.println("\n== batch-1 inference, one thread (median ms) ==");
            System.out.println(
                    "PyTorch reference (small) as recorded on an AVX-512 machine: KV decode step 0.68-0.75 ms, 4-character answer 3.1 ms;"
                            + " torch_ref.py latency gives this machine's");
            Vocabulary v = ctx.vocabulary();
            Map<String, Object> step = new LinkedHashMap<>(), recompute = new LinkedHashMap<>(),
                    answer = new LinkedHashMap<>(), guided = new LinkedHashMap<>(), prefill = new LinkedHashMap<>();
            IdiomTrie trie = new IdiomTrie(v, ctx.corpus().idioms().stream().map(i -> i.word()).toList());
            int first = v.id('发');
            Decoding.Guide guide = Decoding.Guide.of(trie, t -> t == first, Set.of());
            for (String size : List.of("tiny", "small")) {
                Gpt model = Gpt.initialize(ModelConfig.named(size, v.size()), 1);
                int runs = ctx.quick() ? 200 : 1000;
                int[] prompt = ChainFormat.encode("一心一意意气风发发", v, false);  // BOS 一心一意 SEP 意气风发 SEP 发: 12
                double[] kv = new double[runs], full = new double[runs], ans = new double[runs], g = new double[runs],
                        pre = new double[runs];
                InferenceSession s = model.newSession();
                for (int it = -runs / 2; it < runs; it++) {
                    // one decode step at position 12 with the cache (incl. the full head)
                    s.reset();
                    s.feed(prompt);
                    s.logits();
                    long t0 = System.nanoTime();
                    s.feed(v.id('奋'));
                    s.logits();
                    long t1 = System.nanoTime();
                    // the same step recomputing all 13 positions
                    s.reset();
                    s.feed(prompt);
                    s.feed(v.id('奋'));
                    s.logits();
                    long t1b = System.nanoTime();
                    // a whole answer: prefill the 12-token context, 4 greedy steps over the whole vocabulary
                    s.reset();
                    s.feed(prompt);
                    long t2a = System.nanoTime();
                    Decoding.free(s, v, 4, Sampler.greedy(), null);
                    long t2 = System.nanoTime();
                    // a guided answer: the prompt and the forced first character in one pass, then the
                    // trie-restricted steps (the last character is not fed: nothing reads it)
                    s.reset();
                    Decoding.guided(s, prompt, guide, Sampler.greedy(), null);
                    long t3 = System.nanoTime();
                    if (it >= 0) {
                        kv[it] = (t1 - t0) / 1e6;
                        full[it] = (t1b - t1) / 1e6;
                        ans[it] = (t2 - t1b) / 1e6;
                        pre[it] = (t2a - t1b) / 1e6;
                        g[it] = (t3 - t2) / 1e6;
                    }
                }
                double mkv = BenchContext.median(kv), mfull = BenchContext.median(full),
                        mans = BenchContext.median(ans),
                        mg = BenchContext.median(g), mpre = BenchContext.median(pre);
                System.out.printf("%-6s decode step with KV cache %.4f ms | recomputing 13 positions %.4f ms (x%.1f)%n",
                        size, mkv, mfull, mfull / mkv);
                System.out.printf(
                        "%-6s 4-character answer (prefill 12 + 4 steps, full vocabulary) %.3f ms (prefill %.3f); "
                                + "trie-guided %.3f ms (load %.2f)%n",
                        size, mans, mpre, mg, BenchContext.load());
                step.put(size, mkv);
                recompute.put(size, mfull);
                answer.put(size, mans);
                guided.put(size, mg);
                prefill.put(size, mpre);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("decode_step_ms", step);
            r.put("recompute_step_ms", recompute);
            r.put("answer_ms", answer);
            r.put("guided_answer_ms", guided);
            r.put("prefill_ms", prefill);
            return r;
        }
    }

    // ------------------------------------------------------------------------------------------ snowball

    /**
     * Generating a whole context token by token from an empty one, for small: step t = 1..T feeds the t-th token
     * with the KV cache (one new position) and recomputing every position ({@link Snowball}); per step the median
     * µs over repetitions as the engine timed it, and the FLOPs it counted; the totals are the sums of the medians.
     */
    static final class SnowballSection implements BenchSection {
        @Override
        public String key() {
            return "snowball";
        }

        @Override
        public Map<String, Object> run(BenchContext ctx) {
            System.out.println("\n== snowball: each generation step with the KV cache vs recomputing every position "
                    + "(small, median µs, one thread) ==");
            Vocabulary v = ctx.vocabulary();
            Gpt model = Gpt.initialize(ModelConfig.named("small", v.size()), 1);
            int T = model.config.context();
            int[] tokens = Arrays.copyOf(new ChainSampler(ctx.corpus(), v, T, 9).batch(1), T);
            int runs = ctx.quick() ? 5 : 20;
            double[][] cached = new double[T][runs], recomputed = new double[T][runs];
            List<Snowball.Row> rows = null;
            for (int it = -3; it < runs; it++) {
                rows = Snowball.compare(model, tokens, 0);
                for (int i = 0; it >= 0 && i < rows.size(); i++) {
                    cached[i][it] = rows.get(i).cached().nanos() / 1e3;
                    recomputed[i][it] = rows.get(i).recomputed().nanos() / 1e3;
                }
            }
            List<Object> steps = new ArrayList<>(), cachedUs = new ArrayList<>(), recomputeUs = new ArrayList<>(),
                    cachedFlops = new ArrayList<>(), recomputeFlops = new ArrayList<>(), cacheBytes = new ArrayList<>();
            double totalCached = 0, totalRecomputed = 0;
            for (int i = 0; i < rows.size(); i++) {
                Snowball.Row r = rows.get(i);
                int step = r.position() + 1;
                double c = BenchContext.median(cached[i]), f = BenchContext.median(recomputed[i]);
                totalCached += c;
                totalRecomputed += f;
                steps.add(step);
                cachedUs.add(c);
                recomputeUs.add(f);
                cachedFlops.add(r.cached().flops());
                recomputeFlops.add(r.recomputed().flops());
                cacheBytes.add(r.cached().kvCacheBytes());
                if (step == 1 || step % 8 == 0) {
                    System.out.printf("step %2d: cached %8.1f µs (%,11d FLOPs, cache %,7d bytes) | recomputing %2d "
                            + "positions %8.1f µs (%,12d FLOPs, x%.1f)%n", step, c, r.cached().flops(),
                            r.cached().kvCacheBytes(), r.recomputed().tokensComputed(), f, r.recomputed().flops(),
                            f / c);
                }
            }
            System.out.printf("total over %d steps: cached %.3f ms, recomputing %.3f ms (x%.1f) (load %.2f)%n", T,
                    totalCached / 1e3, totalRecomputed / 1e3, totalRecomputed / totalCached, BenchContext.load());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("steps", steps);
            out.put("cached_us", cachedUs);
            out.put("recompute_us", recomputeUs);
            out.put("cached_flops", cachedFlops);
            out.put("recompute_flops", recomputeFlops);
            out.put("kv_cache_bytes", cacheBytes);
            out.put("total_cached_ms", totalCached / 1e3);
            out.put("total_recompute_ms", totalRecomputed / 1e3);
            return out;
        }
    }
}
