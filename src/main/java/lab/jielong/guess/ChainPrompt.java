package lab.jielong.guess;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/**
 * Text as the decoder was trained to read it: {@code BOS i1 SEP i2 SEP …}, the text cut into idioms of four
 * characters (ChainSampler's layout). After a whole idiom the prompt ends with SEP, so the model's next
 * token is the first character of the next idiom; otherwise it is the next character of the current one.
 */
record ChainPrompt(String text, int[] tokens, List<Integer> unknownPositions) {

    static ChainPrompt of(String text, Vocabulary vocabulary) {
        List<Integer> ids = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        ids.add(Vocabulary.BOS);
        for (int i = 0; i < text.length(); i++) {
            if (i > 0 && i % Idiom.LENGTH == 0) {
                ids.add(Vocabulary.SEP);
            }
            int id = vocabulary.id(text.charAt(i));
            if (id == Vocabulary.UNK) {
                unknown.add(i);
            }
            ids.add(id);
        }
        if (!text.isEmpty() && text.length() % Idiom.LENGTH == 0) {
            ids.add(Vocabulary.SEP);
        }
        return new ChainPrompt(text, ids.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(unknown));
    }

    /** Tokens the prompt takes for a text of {@code length} characters. */
    static int tokensFor(int length) {
        return 1 + length + length / Idiom.LENGTH;
    }

    /** The characters of the idiom being written (empty right after a whole idiom). */
    String partialIdiom() {
        return text.substring(text.length() - text.length() % Idiom.LENGTH);
    }
}
