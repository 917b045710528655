package lab.jielong.engine;

/**
 * The shape of one encoder-decoder: a bidirectional encoder of {@code encoderLayers} blocks reads a source X
 * of up to {@code sourceContext} tokens; a causal decoder of {@code decoderLayers} blocks, each with
 * cross-attention over the encoder's output, writes a target Y of up to {@code targetContext} tokens. One
 * token table is shared by the encoder, the decoder and the (tied) output head; each side has its own
 * position table. Dimensions as in {@link ModelConfig} (C = dModel, NH = nHead, F = dFf).
 */
public record EncDecConfig(int vocabSize, int sourceContext, int targetContext, int dModel, int encoderLayers,
        int decoderLayers, int nHead, int dFf) {

    public EncDecConfig {
        if (vocabSize <= 5 || sourceContext < 1 || targetContext < 1 || dModel < 1 || encoderLayers < 1
                || decoderLayers < 1 || nHead < 1 || dFf < 1) {
            throw new IllegalArgumentException("invalid encoder-decoder configuration: V " + vocabSize + ", T "
                    + sourceContext + "/" + targetContext + ", C " + dModel + ", L " + encoderLayers + "+"
                    + decoderLayers + ", NH " + nHead + ", F " + dFf);
        }
        if (dModel % nHead != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " is not divisible by nHead " + nHead);
        }
    }

    /** "dC-eLE-lLD-hNH-fF" such as {@code d128-e2-l2-h4-f1024}, with the given contexts. */
    public static EncDecConfig named(String name, int vocabSize, int sourceContext, int targetContext) {
        String[] p = name.split("-");
        if (p.length == 5 && p[0].startsWith("d") && p[1].startsWith("e") && p[2].startsWith("l")
                && p[3].startsWith("h") && p[4].startsWith("f")) {
            try {
                return new EncDecConfig(vocabSize, sourceContext, targetContext, Integer.parseInt(p[0].substring(1)),
                        Integer.parseInt(p[1].substring(1)), Integer.parseInt(p[2].substring(1)),
                        Integer.parseInt(p[3].substring(1)), Integer.parseInt(p[4].substring(1)));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("unknown encoder-decoder size '" + name
                + "': use d<C>-e<encoder layers>-l<decoder layers>-h<NH>-f<F> such as d128-e2-l2-h4-f1024");
    }

    public int headSize() {
        return dModel / nHead;
    }

    /** The size name of {@link #named}. */
    public String size() {
        return "d" + dModel + "-e" + encoderLayers + "-l" + decoderLayers + "-h" + nHead + "-f" + dFf;
    }

    public String describe() {
        return size() + " encoder-decoder (V " + vocabSize + ", T " + sourceContext + "→" + targetContext + ")";
    }
}
