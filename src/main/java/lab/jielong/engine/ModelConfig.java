package lab.jielong.engine;

/**
 * The shape of one model: everything needed to allocate its parameters and run it.
 * Written into every checkpoint. In the engine's dimension legend ({@link lab.jielong.engine}):
 * V = vocabSize, T = context, C = dModel, L = nLayer, NH = nHead, hs = C / NH, F = dFf.
 *
 * @param causal true for the decoder (position t sees tokens 0..t, the causal mask), false for the
 *               peeking model (no mask: every position sees the whole sequence); nothing else differs
 */
public record ModelConfig(int vocabSize, int context, int dModel, int nLayer, int nHead, int dFf,
        boolean causal) {

    /** The reference's context length: 32 tokens = BOS + six idioms with their separators, cut. */
    public static final int CONTEXT = 32;

    public ModelConfig {
        require(vocabSize > 5, "vocabSize must exceed the 5 special tokens, got " + vocabSize);
        require(context > 0, "context must be positive, got " + context);
        require(dModel > 0 && nLayer > 0 && nHead > 0 && dFf > 0,
                "dModel, nLayer, nHead and dFf must be positive: " + dModel + ", " + nLayer + ", " + nHead + ", "
                        + dFf);
        require(dModel % nHead == 0, "dModel " + dModel + " is not divisible by nHead " + nHead);
    }

    /** {@code ref-tiny}: d_model 64, 2 layers, 4 heads, d_ff 256 (294k parameters with V = 2993). */
    public static ModelConfig tiny(int vocabSize) {
        return new ModelConfig(vocabSize, CONTEXT, 64, 2, 4, 256, true);
    }

    /** {@code ref-small}: d_model 128, 4 layers, 4 heads, d_ff 512 (1.18M parameters with V = 2993). */
    public static ModelConfig small(int vocabSize) {
        return new ModelConfig(vocabSize, CONTEXT, 128, 4, 4, 512, true);
    }

    /** "tiny", "small", or "dDdim-lLayers-hHeads-fFf" such as {@code d192-l4-h4-f768}. */
    public static ModelConfig named(String name, int vocabSize) {
        switch (name) {
            case "tiny" :
                return tiny(vocabSize);
            case "small" :
                return small(vocabSize);
            default :
                String[] p = name.split("-");
                if (p.length == 4 && p[0].startsWith("d") && p[1].startsWith("l") && p[2].startsWith("h")
                        && p[3].startsWith("f")) {
                    try {
                        return new ModelConfig(vocabSize, CONTEXT, Integer.parseInt(p[0].substring(1)),
                                Integer.parseInt(p[1].substring(1)), Integer.parseInt(p[2].substring(1)),
                                Integer.parseInt(p[3].substring(1)), true);
                    } catch (NumberFormatException e) {
                        // fall through to the message below
                    }
                }
                throw new IllegalArgumentException("unknown model size '" + name
                        + "': use tiny, small or d<C>-l<L>-h<NH>-f<F> such as d192-l4-h4-f768");
        }
    }

    public ModelConfig withCausal(boolean causal) {
        return new ModelConfig(vocabSize, context, dModel, nLayer, nHead, dFf, causal);
    }

    public int headSize() {
        return dModel / nHead;
    }

    /** Short name like {@code d128-l4-h4-f512 decoder (V 2993, T 32)}, or {@code ... peeking model ...}. */
    public String describe() {
        return "d" + dModel + "-l" + nLayer + "-h" + nHead + "-f" + dFf + (causal ? " decoder" : " peeking model")
                + " (V " + vocabSize + ", T " + context + ")";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
