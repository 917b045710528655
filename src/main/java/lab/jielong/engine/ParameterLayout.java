package lab.jielong.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each parameter tensor lives in the one flat {@code float[]} that holds them all (llm.c order).
 * Matrices are row-major (out, in) like torch's {@code Linear.weight}. The gradient and both AdamW
 * moment arrays use the same layout, so the optimizer is one loop and a checkpoint is one array.
 * <pre>
 *  wte (V, C)  wpe (T, C)  ln1w ln1b (L, C)  qkvw (L, 3C, C)  qkvb (L, 3C)  attprojw (L, C, C)
 *  attprojb (L, C)  ln2w ln2b (L, C)  fcw (L, F, C)  fcb (L, F)  fcprojw (L, C, F)  fcprojb (L, C)
 *  lnfw lnfb (C)
 * </pre>
 * In qkvw, rows 0..C-1 are q, C..2C-1 k, 2C..3C-1 v; head h uses columns h*hs..(h+1)*hs-1 of each.
 */
public final class ParameterLayout {

    /** One named tensor: its shape, offset into the flat array, and whether AdamW decays it. */
    public record Group(String name, int[] shape, int offset, int size, boolean decay) {
    }

    /** The token table wte (V, C) and the position table wpe (T, C). */
    public record Embedding(int wte, int wpe, int channels) {
    }

    /** A LayerNorm's weight (C) and bias (C). */
    public record Norm(int weight, int bias, int channels) {
    }

    /** A linear layer's weight (out, in) and bias (out); bias -1: none (the tied head). */
    public record Linear(int weight, int bias, int in, int out) {
    }

    /**
     * One transformer block's parameters, named once (llm.c's {@code l_qkvw = params.qkvw + l*3*C*C}):
     * x += attproj(attention(qkv(ln1(x)))), then x += fcproj(GELU(fc(ln2(x)))).
     */
    public record Block(Norm ln1, Linear qkv, Linear attproj, Norm ln2, Linear fc, Linear fcproj) {
    }

    public final int wte, wpe, ln1w, ln1b, qkvw, qkvb, attprojw, attprojb, ln2w, ln2b,
            fcw, fcb, fcprojw, fcprojb, lnfw, lnfb;
    /** Total number of parameters. */
    public final int size;
    /** The embedding tables. */
    public final Embedding embedding;
    /** The final LayerNorm. */
    public final Norm lnf;
    /** The output head: tied to the token table, logits = lnf · wteᵀ, no bias. */
    public final Linear head;
    private final Block[] blocks;
    private final List<Group> groups;

    public ParameterLayout(ModelConfig c) {
        int V = c.vocabSize(), T = c.context(), C = c.dModel(), L = c.nLayer(), F = c.dFf();
        List<Group> g = new ArrayList<>();
        int[] off = {0};
        wte = add(g, off, "wte", true, V, C);
        wpe = add(g, off, "wpe", true, T, C);
        ln1w = add(g, off, "ln1w", false, L, C);
        ln1b = add(g, off, "ln1b", false, L, C);
        qkvw = add(g, off, "qkvw", true, L, 3 * C, C);
        qkvb = add(g, off, "qkvb", false, L, 3 * C);
        attprojw = add(g, off, "attprojw", true, L, C, C);
        attprojb = add(g, off, "attprojb", false, L, C);
        ln2w = add(g, off, "ln2w", false, L, C);
        ln2b = add(g, off, "ln2b", false, L, C);
        fcw = add(g, off, "fcw", true, L, F, C);
        fcb = add(g, off, "fcb", false, L, F);
        fcprojw = add(g, off, "fcprojw", true, L, C, F);
        fcprojb = add(g, off, "fcprojb", false, L, C);
        lnfw = add(g, off, "lnfw", false, C);
        lnfb = add(g, off, "lnfb", false, C);
        size = off[0];
        groups = Collections.unmodifiableList(g);
        embedding = new Embedding(wte, wpe, C);
        lnf = new Norm(lnfw, lnfb, C);
        head = new Linear(wte, -1, C, V);
        blocks = new Block[L];
        for (int l = 0; l < L; l++) {
            blocks[l] = new Block(new Norm(ln1w + l * C, ln1b + l * C, C),
                    new Linear(qkvw + l * 3 * C * C, qkvb + l * 3 * C, C, 3 * C),
                    new Linear(attprojw + l * C * C, attprojb + l * C, C, C),
                    new Norm(ln2w + l * C, ln2b + l * C, C),
                    new Linear(fcw + l * F * C, fcb + l * F, C, F),
                    new Linear(fcprojw + l * C * F, fcprojb + l * C, F, C));
        }
    }

    /** Block l's parameters (0 ≤ l &lt; L). */
    public Block block(int l) {
        return blocks[l];
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

    /** The 16 groups in layout order. */
    public List<Group> groups() {
        return groups;
    }

    public Group group(String name) {
        for (Group g : groups) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no parameter group " + name);
    }
}
