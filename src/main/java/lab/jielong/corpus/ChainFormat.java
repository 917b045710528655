package lab.jielong.corpus;

import java.util.Arrays;

/**
 * The token layout every model is trained on and prompted with, in one place: a chain of idioms is
 * {@code BOS i1 SEP i2 SEP …}; a training row ends with {@code EOS} where the chain reaches a dead end and
 * is padded with {@code PAD}; a prompt for the next idiom ends with {@code SEP} ({@code BOS X SEP}).
 * {@link ChainSampler} writes training rows with a {@link Row}; prompts and the texts the pages show come
 * from {@link #encode}.
 */
public final class ChainFormat {

    private ChainFormat() {
    }

    /**
     * The tokens of a text cut into idioms of {@value Idiom#LENGTH} characters: {@code BOS}, the characters
     * with {@code SEP} between idioms, and with {@code openNext} a {@code SEP} after the last one when it is
     * whole (the next token is then the first character of the next idiom). Characters outside the
     * vocabulary become {@code UNK}.
     * {@code encode("一心一意", v, true)} is {@code BOS 一 心 一 意 SEP}, the prompt for the idiom after 一心一意;
     * {@code encode("", v, true)} is {@code BOS}, the prompt for an opening move.
     */
    public static int[] encode(String text, Vocabulary vocabulary, boolean openNext) {
        int[] ids = vocabulary.encode(text);
        int[] out = new int[length(ids.length, openNext)];
        Row row = new Row(out, 0, out.length);
        for (int i = 0; i < ids.length; i += Idiom.LENGTH) {
            row.idiom(ids, i, Math.min(ids.length, i + Idiom.LENGTH));
        }
        if (openNext && ids.length > 0 && ids.length % Idiom.LENGTH == 0) {
            row.openNext();
        }
        return out;
    }

    /** The tokens {@link #encode} makes of a text of {@code characters} characters. */
    public static int length(int characters, boolean openNext) {
        int idioms = (characters + Idiom.LENGTH - 1) / Idiom.LENGTH;
        boolean whole = characters > 0 && characters % Idiom.LENGTH == 0;
        return 1 + characters + Math.max(0, idioms - 1) + (openNext && whole ? 1 : 0);
    }

    /**
     * The longest text (in characters) whose {@link #encode} takes at most {@code tokens} tokens: what a prompt
     * box accepts when the model must have room left to write (e.g. tokens = context − 1).
     */
    public static int maxCharacters(int tokens, boolean openNext) {
        int n = 0;
        while (length(n + 1, openNext) <= tokens) {
            n++;
        }
        return n;
    }

    /**
     * A chain written into a window of a token array (a training row of context + 1 tokens): {@code BOS}
     * on creation, then idioms with {@code SEP} between them; everything past the window's end is cut.
     */
    public static final class Row {
        private final int[] out;
        private final int end;
        private int at;
        private boolean empty = true;

        /** Starts the chain: writes {@code BOS} at out[off]; the row is out[off, off + length). */
        public Row(int[] out, int off, int length) {
            this.out = out;
            this.end = off + length;
            this.at = off;
            put(Vocabulary.BOS);
        }

        /** Appends an idiom's ids[from, to), after a {@code SEP} unless it is the first. */
        public void idiom(int[] ids, int from, int to) {
            if (!empty) {
                put(Vocabulary.SEP);
            }
            empty = false;
            for (int i = from; i < to; i++) {
                put(ids[i]);
            }
        }

        /** Appends a whole idiom's ids. */
        public void idiom(int[] ids) {
            idiom(ids, 0, ids.length);
        }

        /** {@code SEP} after the last idiom: the model is to write the next one. */
        public void openNext() {
            put(Vocabulary.SEP);
        }

        /** {@code EOS}: the chain ends here (no idiom can follow). */
        public void deadEnd() {
            put(Vocabulary.EOS);
        }

        /** Fills the rest of the row with {@code PAD}. */
        public void pad() {
            Arrays.fill(out, at, end, Vocabulary.PAD);
            at = end;
        }

        /** No room left. */
        public boolean full() {
            return at >= end;
        }

        private void put(int token) {
            if (at < end) {
                out[at++] = token;
            }
        }
    }
}
