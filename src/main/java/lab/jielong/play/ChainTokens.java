package lab.jielong.play;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain as the models read it, in ChainSampler's training layout {@code BOS i1 SEP i2 …}, kept short.
 * The decoder was trained on random chains in which each idiom depends only on the previous one's last
 * character, so the last idiom is all the context a move needs ({@code BOS X SEP}, as the engine's
 * evaluation prompts); a short prompt keeps a move fast. The panel shows the last two idioms
 * ({@code BOS X SEP Y}): exactly what the decoder read and wrote in the last move.
 */
final class ChainTokens {

    private ChainTokens() {
    }

    /** The prompt for the next idiom: {@code BOS X SEP} after X, or {@code BOS} for the opening move. */
    static int[] prompt(List<Idiom> chain, Vocabulary vocabulary) {
        if (chain.isEmpty()) {
            return new int[] {Vocabulary.BOS};
        }
        int[] tokens = new int[Idiom.LENGTH + 2];
        tokens[0] = Vocabulary.BOS;
        append(tokens, 1, chain.get(chain.size() - 1), vocabulary);
        tokens[Idiom.LENGTH + 1] = Vocabulary.SEP;
        return tokens;
    }

    /** The panel's text: {@code BOS X SEP Y} for the last two idioms, {@code BOS Y} for one, {@code BOS} for none. */
    static int[] text(List<Idiom> chain, Vocabulary vocabulary) {
        List<Idiom> last = chain.subList(Math.max(0, chain.size() - 2), chain.size());
        int[] tokens = new int[1 + last.size() * (Idiom.LENGTH + 1) - (last.isEmpty() ? 0 : 1)];
        tokens[0] = Vocabulary.BOS;
        int n = 1;
        for (int i = 0; i < last.size(); i++) {
            if (i > 0) {
                tokens[n++] = Vocabulary.SEP;
            }
            append(tokens, n, last.get(i), vocabulary);
            n += Idiom.LENGTH;
        }
        return tokens;
    }

    /**
     * Any text in the same layout, {@code BOS c1 c2 c3 c4 SEP c5 …}: a separator after every fourth character
     * but the last; a character the vocabulary lacks reads as {@code <unk>}.
     */
    static int[] ofText(String text, Vocabulary vocabulary) {
        int n = text.length();
        int[] tokens = new int[1 + n + Math.max(0, (n - 1) / Idiom.LENGTH)];
        tokens[0] = Vocabulary.BOS;
        int at = 1;
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % Idiom.LENGTH == 0) {
                tokens[at++] = Vocabulary.SEP;
            }
            tokens[at++] = vocabulary.id(text.charAt(i));
        }
        return tokens;
    }

    private static void append(int[] tokens, int at, Idiom idiom, Vocabulary vocabulary) {
        for (int i = 0; i < Idiom.LENGTH; i++) {
            tokens[at + i] = vocabulary.id(idiom.word().charAt(i));
        }
    }

    static List<String> names(int[] tokens, Vocabulary vocabulary) {
        List<String> names = new ArrayList<>(tokens.length);
        for (int token : tokens) {
            names.add(vocabulary.token(token));
        }
        return names;
    }
}
