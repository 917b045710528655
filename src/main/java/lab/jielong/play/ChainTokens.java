package lab.jielong.play;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain as the models read it, in the training layout ({@link ChainFormat}: {@code BOS i1 SEP i2 …}), kept
 * short.
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
        return ChainFormat.encode(chain.isEmpty() ? "" : chain.get(chain.size() - 1).word(), vocabulary, true);
    }

    /** The panel's text: {@code BOS X SEP Y} for the last two idioms, {@code BOS Y} for one, {@code BOS} for none. */
    static int[] text(List<Idiom> chain, Vocabulary vocabulary) {
        StringBuilder text = new StringBuilder();
        chain.subList(Math.max(0, chain.size() - 2), chain.size()).forEach(idiom -> text.append(idiom.word()));
        return ChainFormat.encode(text.toString(), vocabulary, false);
    }

    static List<String> names(int[] tokens, Vocabulary vocabulary) {
        List<String> names = new ArrayList<>(tokens.length);
        for (int token : tokens) {
            names.add(vocabulary.token(token));
        }
        return names;
    }
}
