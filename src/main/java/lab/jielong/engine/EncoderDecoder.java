package lab.jielong.engine;

import java.util.Arrays;
import java.util.Random;

/**
 * A tiny encoder-decoder beside the decoder-only {@link Gpt}, built from the same {@link Layers} and kernels:
 * a bidirectional encoder reads the source X, a causal decoder with cross-attention writes the target Y.
 * Its configuration is an {@link EncDecConfig}, its parameters one flat array ({@link EncDecLayout}).
 * Immutable in use like {@link Gpt}: sessions share it, only a trainer writes it.
 * <p>Maths (= src/test/python/torch_encdec_fixture.py): m = LNenc(encoder(wte[x] + wpe_enc)), encoder blocks
 * as the decoder-only's without the mask; decoder: y = wte[y] + wpe_dec; per block y += attn_causal(LN1(y)),
 * y += xproj(crossattn(xq(LNx(y)), xkv(m))), y += MLP(LN2(y)); logits = LNf(y) · wteᵀ.
 */
public final class EncoderDecoder {

    public final EncDecConfig config;
    public final EncDecLayout layout;
    final float[] params;
    private volatile Weights inference;

    public EncoderDecoder(EncDecConfig config, float[] params) {
        this.config = config;
        this.layout = new EncDecLayout(config);
        if (params.length != layout.size) {
            throw new IllegalArgumentException("parameter array has " + params.length + " floats, "
                    + config.describe() + " needs " + layout.size);
        }
        this.params = params;
    }

    /**
     * {@link Gpt#initialize}'s recipe: matrices N(0, 0.02), the projections back into a residual stream
     * N(0, 0.02/sqrt(2L)) with L the layers of their side, biases 0, LayerNorm weights 1.
     */
    public static EncoderDecoder initialize(EncDecConfig config, long seed) {
        EncDecLayout lay = new EncDecLayout(config);
        float[] p = new float[lay.size];
        Random rng = new Random(seed);
        for (ParameterLayout.Group g : lay.groups()) {
            String n = g.name();
            if (g.decay()) {
                boolean proj = n.endsWith("attprojw") || n.endsWith("fcprojw") || n.endsWith("xprojw");
                int L = n.startsWith("enc.") ? config.encoderLayers() : config.decoderLayers();
                double std = proj ? 0.02 / Math.sqrt(2.0 * L) : 0.02;
                for (int i = g.offset(); i < g.offset() + g.size(); i++) {
                    p[i] = (float) (rng.nextGaussian() * std);
                }
            } else if (n.endsWith("w")) {
                Arrays.fill(p, g.offset(), g.offset() + g.size(), 1f);
            }
        }
        return new EncoderDecoder(config, p);
    }

    /** The flat parameter array itself (not a copy). */
    public float[] parameters() {
        return params;
    }

    public int parameterCount() {
        return layout.size;
    }

    /** Whoever writes the parameters calls this so inference rebuilds its transposed copy. */
    public void parametersChanged() {
        inference = null;
    }

    /** As {@link Gpt#inferenceWeights()}: every matrix but the position tables also transposed to (in, out). */
    Weights inferenceWeights() {
        Weights w = inference;
        if (w == null) {
            synchronized (this) {
                w = inference;
                if (w == null) {
                    float[] t = new float[layout.size];
                    for (ParameterLayout.Group g : layout.groups()) {
                        int[] s = g.shape();
                        if (g.decay() && !g.name().endsWith("wpe")) {
                            int rows = s[s.length - 2], cols = s[s.length - 1];
                            for (int m = g.offset(); m < g.offset() + g.size(); m += rows * cols) {
                                Gemm.transpose(params, m, rows, cols, t, m);
                            }
                        }
                    }
                    w = new Weights(params, t);
                    inference = w;
                }
            }
        }
        return w;
    }

    /** A new session: the source is encoded by {@link EncDecSession#encode}, then the decoder is fed. */
    public EncDecSession newSession() {
        return new EncDecSession(this);
    }

    /** Matrix weights per encoder token (the encoder's blocks plus the cross-attention key/value projection). */
    public long encoderMatmulWeights() {
        long C = config.dModel(), F = config.dFf();
        return config.encoderLayers() * (4 * C * C + 2 * C * F) + config.decoderLayers() * 2 * C * C;
    }

    /** Matrix weights per decoder token (self-attention, cross q and projection, MLP, tied head). */
    public long decoderMatmulWeights() {
        long C = config.dModel(), F = config.dFf();
        return config.decoderLayers() * (4 * C * C + 2 * C * C + 2 * C * F) + (long) config.vocabSize() * C;
    }

    /**
     * Training FLOPs of one (X, Y) example with the given lengths: 6 per weight per token on each side, plus
     * attention (PaLM convention, 12·C per query-key pair and layer, as {@link Gpt#trainFlopsPerToken}).
     */
    public long trainFlops(int sourceTokens, int targetTokens) {
        long C = config.dModel();
        long attn = 12L * C * (config.encoderLayers() * (long) sourceTokens * sourceTokens
                + config.decoderLayers() * ((long) targetTokens * targetTokens + (long) targetTokens * sourceTokens));
        return 6 * (encoderMatmulWeights() * sourceTokens + decoderMatmulWeights() * targetTokens) + attn;
    }
}
