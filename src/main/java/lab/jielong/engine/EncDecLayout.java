package lab.jielong.engine;

import lab.jielong.engine.ParameterLayout.Block;
import lab.jielong.engine.ParameterLayout.Embedding;
import lab.jielong.engine.ParameterLayout.Group;
import lab.jielong.engine.ParameterLayout.Linear;
import lab.jielong.engine.ParameterLayout.Norm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each parameter of an {@link EncoderDecoder} lives in its one flat array, in the manner of
 * {@link ParameterLayout} (matrices (out, in), per-layer tensors of one kind stacked over the layers):
 * <pre>
 *  wte (V, C)                       shared: encoder input, decoder input, tied output head
 *  enc.wpe (Tx, C)  dec.wpe (Ty, C) one position table per side
 *  enc.ln1w … enc.fcprojb (LE, …)   the encoder's blocks, the decoder-only's 12 kinds
 *  enc.lnfw enc.lnfb (C)            the encoder's final LayerNorm: its output is the memory the decoder reads
 *  dec.ln1w … dec.attprojb (LD, …)  the decoder's causal self-attention
 *  dec.lnxw dec.lnxb (LD, C)        LayerNorm before cross-attention
 *  dec.xqw (LD, C, C) dec.xqb       cross-attention queries, from the decoder's stream
 *  dec.xkvw (LD, 2C, C) dec.xkvb    cross-attention keys (rows 0..C-1) and values (C..2C-1), from the memory
 *  dec.xprojw (LD, C, C) dec.xprojb its projection back into the stream
 *  dec.ln2w … dec.fcprojb (LD, …)   the decoder's MLP
 *  dec.lnfw dec.lnfb (C)            final LayerNorm before the head
 * </pre>
 */
public final class EncDecLayout {

    /** A decoder block's cross-attention: x += proj(attention(q(ln(x)), kv(memory))). */
    public record Cross(Norm ln, Linear q, Linear kv, Linear proj) {
    }

    public final int size;
    public final int wte;
    public final Embedding encoderEmbedding, decoderEmbedding;
    public final Norm encoderNorm, decoderNorm;
    /** The tied head: logits = lnf · wteᵀ. */
    public final Linear head;
    private final Block[] encoder, decoder;
    private final Cross[] cross;
    private final List<Group> groups;

    public EncDecLayout(EncDecConfig c) {
        int V = c.vocabSize(), C = c.dModel(), F = c.dFf(), LE = c.encoderLayers(), LD = c.decoderLayers();
        List<Group> g = new ArrayList<>();
        int[] off = {0};
        wte = add(g, off, "wte", true, V, C);
        int ewpe = add(g, off, "enc.wpe", true, c.sourceContext(), C);
        int dwpe = add(g, off, "dec.wpe", true, c.targetContext(), C);
        encoder = blocks(g, off, "enc.", LE, C, F, null);
        int elnw = add(g, off, "enc.lnfw", false, C), elnb = add(g, off, "enc.lnfb", false, C);
        cross = new Cross[LD];
        decoder = blocks(g, off, "dec.", LD, C, F, cross);
        int dlnw = add(g, off, "dec.lnfw", false, C), dlnb = add(g, off, "dec.lnfb", false, C);
        size = off[0];
        groups = Collections.unmodifiableList(g);
        encoderEmbedding = new Embedding(wte, ewpe, C);
        decoderEmbedding = new Embedding(wte, dwpe, C);
        encoderNorm = new Norm(elnw, elnb, C);
        decoderNorm = new Norm(dlnw, dlnb, C);
        head = new Linear(wte, -1, C, V);
    }

    /** L blocks' groups; with cross non-null also the cross-attention groups between attention and MLP. */
    private static Block[] blocks(List<Group> g, int[] off, String p, int L, int C, int F, Cross[] cross) {
        int ln1w = add(g, off, p + "ln1w", false, L, C), ln1b = add(g, off, p + "ln1b", false, L, C);
        int qkvw = add(g, off, p + "qkvw", true, L, 3 * C, C), qkvb = add(g, off, p + "qkvb", false, L, 3 * C);
        int apw = add(g, off, p + "attprojw", true, L, C, C), apb = add(g, off, p + "attprojb", false, L, C);
        if (cross != null) {
            int lnxw = add(g, off, p + "lnxw", false, L, C), lnxb = add(g, off, p + "lnxb", false, L, C);
            int xqw = add(g, off, p + "xqw", true, L, C, C), xqb = add(g, off, p + "xqb", false, L, C);
            int xkvw = add(g, off, p + "xkvw", true, L, 2 * C, C), xkvb = add(g, off, p + "xkvb", false, L, 2 * C);
            int xpw = add(g, off, p + "xprojw", true, L, C, C), xpb = add(g, off, p + "xprojb", false, L, C);
            for (int l = 0; l < L; l++) {
                cross[l] = new Cross(new Norm(lnxw + l * C, lnxb + l * C, C),
                        new Linear(xqw + l * C * C, xqb + l * C, C, C),
                        new Linear(xkvw + l * 2 * C * C, xkvb + l * 2 * C, C, 2 * C),
                        new Linear(xpw + l * C * C, xpb + l * C, C, C));
            }
        }
        int ln2w = add(g, off, p + "ln2w", false, L, C), ln2b = add(g, off, p + "ln2b", false, L, C);
        int fcw = add(g, off, p + "fcw", true, L, F, C), fcb = add(g, off, p + "fcb", false, L, F);
        int fpw = add(g, off, p + "fcprojw", true, L, C, F), fpb = add(g, off, p + "fcprojb", false, L, C);
        Block[] b = new Block[L];
        for (int l = 0; l < L; l++) {
            b[l] = new Block(new Norm(ln1w + l * C, ln1b + l * C, C),
                    new Linear(qkvw + l * 3 * C * C, qkvb + l * 3 * C, C, 3 * C),
                    new Linear(apw + l * C * C, apb + l * C, C, C),
                    new Norm(ln2w + l * C, ln2b + l * C, C),
                    new Linear(fcw + l * F * C, fcb + l * F, C, F),
                    new Linear(fpw + l * C * F, fpb + l * C, F, C));
        }
        return b;
    }

    private static int add(List<Group> g, int[] off, String name, boolean decay, int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (off[0] + n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("model too large for one float[]: " + name);
        }
        int start = off[0];
        g.add(new Group(name, shape.clone(), start, (int) n, decay));
        off[0] += (int) n;
        return start;
    }

    /** Encoder block l. */
    public Block encoder(int l) {
        return encoder[l];
    }

    /** Decoder block l's self-attention and MLP. */
    public Block decoder(int l) {
        return decoder[l];
    }

    /** Decoder block l's cross-attention. */
    public Cross cross(int l) {
        return cross[l];
    }

    public List<Group> groups() {
        return groups;
    }
}
