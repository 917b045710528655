package lab.jielong.corpus;

import java.util.Random;
import java.util.TreeSet;

/**
 * Training samples from running text (a visitor's poems or story) rather than idiom chains: random windows
 * {@code BOS c_i c_i+1 … c_i+context-1}, context + 1 tokens, so every character of a window is a target;
 * no {@code SEP}, since running text has no idioms to separate. The vocabulary is the text's own characters
 * ({@link #vocabularyOf}). The seed fixes the windows. Not thread-safe (one generator).
 */
public final class TextWindows {

    private final int[] ids;
    private final int context;
    private final Random rng;

    /**
     * @param ids     the text as token ids (see {@link #encode}); at least {@code context} of them
     * @param context the model's context T: a window holds BOS and T characters
     */
    public TextWindows(int[] ids, int context, long seed) {
        if (context < 1 || ids.length < context) {
            throw new IllegalArgumentException("a text of " + ids.length + " characters is shorter than one window of "
                    + context);
        }
        this.ids = ids.clone();
        this.context = context;
        this.rng = new Random(seed);
    }

    /** The vocabulary of a text: its distinct characters, sorted (characters beyond the BMP are left out). */
    public static Vocabulary vocabularyOf(String text) {
        TreeSet<Character> set = new TreeSet<>();
        text.codePoints().filter(Character::isBmpCodePoint).forEach(cp -> set.add((char) cp));
        StringBuilder sb = new StringBuilder(set.size());
        set.forEach(sb::append);
        return Vocabulary.fromCharacters(sb.toString());
    }

    /** One id per character (code point); characters outside the vocabulary become {@code UNK}. */
    public static int[] encode(String text, Vocabulary vocabulary) {
        return text.codePoints().map(cp -> Character.isBmpCodePoint(cp) ? vocabulary.id((char) cp) : Vocabulary.UNK)
                .toArray();
    }

    /** The tokens of a prompt in this layout: {@code BOS} and the text's characters. */
    public static int[] prompt(String text, Vocabulary vocabulary) {
        int[] chars = encode(text, vocabulary);
        int[] out = new int[chars.length + 1];
        out[0] = Vocabulary.BOS;
        System.arraycopy(chars, 0, out, 1, chars.length);
        return out;
    }

    /** Writes one window of context + 1 tokens into out[off ..]. */
    public void sample(int[] out, int off) {
        int start = rng.nextInt(ids.length - context + 1);
        out[off] = Vocabulary.BOS;
        System.arraycopy(ids, start, out, off + 1, context);
    }

    /** B windows, row-major (B, context + 1). */
    public int[] batch(int B) {
        int[] out = new int[B * (context + 1)];
        for (int b = 0; b < B; b++) {
            sample(out, b * (context + 1));
        }
        return out;
    }

    public int context() {
        return context;
    }
}
