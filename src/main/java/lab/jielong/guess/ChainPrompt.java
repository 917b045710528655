package lab.jielong.guess;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.Vocabulary;

import java.util.List;

/**
 * Text as the decoder was trained to read it: {@code BOS i1 SEP i2 SEP …}, the text cut into idioms of four
 * characters (the training layout, {@link ChainFormat}). After a whole idiom the prompt ends with SEP, so the
 * model's next token is the first character of the next idiom; otherwise it is the next character of the
 * current one.
 */
record ChainPrompt(String text, int[] tokens, List<Integer> unknownPositions) {

    static ChainPrompt of(String text, Vocabulary vocabulary) {
        return new ChainPrompt(text, ChainFormat.encode(text, vocabulary, true),
                vocabulary.encodeChecked(text).unknownPositions());
    }

    /** Tokens the prompt takes for a text of {@code length} characters. */
    static int tokensFor(int length) {
        return ChainFormat.length(length, true);
    }

    /** The characters of the idiom being written (empty right after a whole idiom), counted in code points. */
    String partialIdiom() {
        int length = text.codePointCount(0, text.length());
        return text.substring(text.offsetByCodePoints(0, length - length % Idiom.LENGTH));
    }
}
