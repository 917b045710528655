package lab.jielong.engine;

import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A character-level GPT: its configuration and its parameters in one flat array
 * ({@link ParameterLayout}). Immutable in use: inference reads the parameters from any number of
 * threads at once, each with its own {@link InferenceSession}; only the trainer writes them.
 * <p>Maths (= torch_ref.py {@code GPT}): x = wte[token] + wpe[t]; per block
 * x += attn(LN1(x)), x += fcproj(GELU(fc(LN2(x)))); logits = LNf(x) · wteᵀ (tied head).
 * Forward/backward for training: {@link TrainingPass}; KV-cache inference: {@link InferenceSession}.
 */
public final class Gpt {

    public final ModelConfig config;
    public final ParameterLayout layout;
    final float[] params;
    /**
     * Scratch buffers of the sessions' runs, reused (a run takes one and gives it back): at most one per run in
     * progress is ever made, and at most {@link #SCRATCH_KEPT} are kept.
     */
    private final ConcurrentLinkedQueue<InferenceSession.Scratch> scratch =
            new ConcurrentLinkedQueue<>();
    private final AtomicInteger scratchKept = new AtomicInteger();
    private static final int SCRATCH_KEPT = 2 * Runtime.getRuntime().availableProcessors() + 2;
    /** The parameters with the inference copy of the matrices, built on first use; dropped when they change. */
    private volatile Weights inference;

    /** Wraps existing parameters (not copied). */
    public Gpt(ModelConfig config, float[] params) {
        this.config = config;
        this.layout = new ParameterLayout(config);
        if (params.length != layout.size) {
            throw new IllegalArgumentException("parameter array has " + params.length + " floats, "
                    + config.describe() + " needs " + layout.size);
        }
        this.params = params;
    }

    /**
     * The reference's initialisation: matrices N(0, 0.02), the two projections back into the
     * residual stream N(0, 0.02/sqrt(2L)) so the stream's variance does not grow with depth,
     * biases 0, LayerNorm weights 1.
     */
    public static Gpt initialize(ModelConfig config, long seed) {
        ParameterLayout lay = new ParameterLayout(config);
        float[] p = new float[lay.size];
        Random rng = new Random(seed);
        double projStd = 0.02 / Math.sqrt(2.0 * config.nLayer());
        for (ParameterLayout.Group g : lay.groups()) {
            String n = g.name();
            if (g.decay()) {
                double std = n.equals("attprojw") || n.equals("fcprojw") ? projStd : 0.02;
                for (int i = g.offset(); i < g.offset() + g.size(); i++) {
                    p[i] = (float) (rng.nextGaussian() * std);
                }
            } else if (n.equals("ln1w") || n.equals("ln2w") || n.equals("lnfw")) {
                java.util.Arrays.fill(p, g.offset(), g.offset() + g.size(), 1f);
            }
        }
        return new Gpt(config, p);
    }

    /** The flat parameter array itself (not a copy): the trainer updates it in place. */
    public float[] parameters() {
        return params;
    }

    /**
     * The parameters as inference reads them: with every matrix of the model transposed to (in, out), at
     * its own offset in an array laid out like the parameters (wte becomes the head's (C, V)), so the
     * inference kernel {@link Gemm#aw} runs its vectors along the outputs. Built once (4 bytes a parameter)
     * on the first inference call.
     */
    Weights inferenceWeights() {
        Weights w = inference;
        if (w == null) {
            synchronized (this) {
                w = inference;
                if (w == null) {
                    w = new Weights(params, transpose());
                    inference = w;
                }
            }
        }
        return w;
    }

    /** The transposed matrices of {@link #inferenceWeights()}. */
    float[] transposedWeights() {
        return inferenceWeights().transposed();
    }

    /** Every matrix transposed (in, out) at its own offset; wpe, biases and LayerNorm parameters left 0. */
    private float[] transpose() {
        float[] t = new float[layout.size];
        transposeMatrices(t, 0, 1);
        return t;
    }

    /**
     * Writes part {@code part} of {@code parts} of {@link #transposedWeights()} into t (the same layout): the
     * matrices whose middle falls in that share of all matrix floats, so threads can split the work.
     */
    public void transposeMatrices(float[] t, int part, int parts) {
        forEachMatrixOfShare(part, parts, (m, rows, cols) -> Gemm.transposeBlocked(params, m, rows, cols, t, m));
    }

    /**
     * Writes part {@code part} of {@code parts} of the matrices packed in panels for {@link Gemm#awPanels} into t
     * (the layout of the parameters: each matrix in its own place): a matrix (out, in) as strips of
     * {@link Gemm#PANEL_COLUMNS} of its rows, each strip transposed to (in, w). The trainer's forward weights,
     * written once a step by all its threads.
     */
    public void packMatrices(float[] t, int part, int parts) {
        int strip = Gemm.PANEL_COLUMNS;
        forEachMatrixOfShare(part, parts, (m, rows, cols) -> {
            for (int r0 = 0; r0 < rows; r0 += strip) {
                int at = m + r0 * cols;
                Gemm.transposeBlocked(params, at, Math.min(strip, rows - r0), cols, t, at);
            }
        });
    }

    private interface MatrixAction {
        void apply(int offset, int rows, int cols);
    }

    /** Runs action on each matrix (not wpe) whose middle falls in share part of parts of all matrix floats. */
    private void forEachMatrixOfShare(int part, int parts, MatrixAction action) {
        long total = 0;
        for (ParameterLayout.Group g : layout.groups()) {
            if (g.decay() && !g.name().equals("wpe")) {
                total += g.size();
            }
        }
        long done = 0;
        for (ParameterLayout.Group g : layout.groups()) {
            int[] s = g.shape();
            if (g.decay() && !g.name().equals("wpe")) {
                int rows = s[s.length - 2], cols = s[s.length - 1];
                for (int m = g.offset(); m < g.offset() + g.size(); m += rows * cols) {
                    long middle = done + rows * cols / 2;
                    if (middle * parts / total == part) {
                        action.apply(m, rows, cols);
                    }
                    done += (long) rows * cols;
                }
            }
        }
    }

    /** Whoever writes the parameters (the trainer) calls this so inference rebuilds its copy. */
    public void parametersChanged() {
        inference = null;
    }

    public int parameterCount() {
        return layout.size;
    }

    InferenceSession.Scratch takeScratch() {
        InferenceSession.Scratch s = scratch.poll();
        if (s == null) {
            return new InferenceSession.Scratch(config);
        }
        scratchKept.decrementAndGet();
        return s;
    }

    void returnScratch(InferenceSession.Scratch s) {
        if (scratchKept.incrementAndGet() <= SCRATCH_KEPT) {
            scratch.offer(s);
        } else {
            scratchKept.decrementAndGet();
        }
    }

    /** A new inference session (its own KV cache); the model may be shared by many sessions. */
    public InferenceSession newSession() {
        return new InferenceSession(this);
    }

    /**
     * Weights that take part in a matrix product per token, including the tied head: the N of the
     * "6N FLOPs per training token" rule (the reference's {@code matmul_params_incl_head}).
     */
    public long matmulWeights() {
        long C = config.dModel(), F = config.dFf(), L = config.nLayer();
        return L * (3 * C * C + C * C + 2 * C * F) + (long) config.vocabSize() * C;
    }

    /** Training FLOPs per token: 6N + 12·L·T·C (attention, PaLM convention), as torch_ref reports. */
    public long trainFlopsPerToken() {
        return 6 * matmulWeights() + 12L * config.nLayer() * config.context() * config.dModel();
    }
}
