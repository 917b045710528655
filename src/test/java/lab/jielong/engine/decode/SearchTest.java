package lab.jielong.engine.decode;

import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.TestModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The hint search ({@link Decoding#search}) against its naive twin: every word of a small trie scored by
 * recomputing each step's renormalised distribution on a fresh session, then sorted. The search copies a
 * session only for the nodes it expands, and stops at its budget.
 */
class SearchTest {

    private static final Vocabulary VOCAB = Vocabulary.fromCharacters("一七三二五八六四");
    private static final List<String> WORDS = List.of("一二三四", "一二三五", "一二六七", "一八五四", "二三四五",
            "二三四六", "三四五六", "三八七六", "四五六七", "五六七八", "六七八一", "七八一二");
    private static final IdiomTrie TRIE = new IdiomTrie(VOCAB, WORDS);
    private static final Gpt MODEL = TestModels.randomModel(ModelConfig.tiny(VOCAB.size()), 5);
    private static final int[] PROMPT = {Vocabulary.BOS, VOCAB.id('八'), Vocabulary.SEP};

    @Test
    void findsWhatTheNaiveEnumerationFindsInTheSameOrder() {
        Set<String> used = Set.of("一二三五");
        List<Decoding.Choice> naive = naive(used);
        InferenceSession session = MODEL.newSession();
        session.feed(PROMPT);
        Decoding.Search found = Decoding.search(session, Decoding.Guide.of(TRIE, null, used), WORDS.size(), 1000);

        assertThat(found.choices()).hasSameSizeAs(naive);
        for (int i = 0; i < naive.size(); i++) {
            assertThat(found.choices().get(i).idiom()).isEqualTo(naive.get(i).idiom());
            assertThat(found.choices().get(i).probability()).isCloseTo(naive.get(i).probability(), within(1e-5));
        }
        assertThat(session.length()).as("the caller's session is not changed").isEqualTo(PROMPT.length);
        assertThat(found.copies()).as("a copy per expanded node below the root, none per queued child")
                .isEqualTo(found.expansions() - 1);
        assertThat(found.queued()).isGreaterThan(found.copies());
        assertThat(found.budgetSpent()).isFalse();
    }

    @Test
    void stopsAtItsBudget() {
        InferenceSession session = MODEL.newSession();
        session.feed(PROMPT);
        Decoding.Search found = Decoding.search(session, Decoding.Guide.of(TRIE, null, Set.of()), WORDS.size(), 3);
        assertThat(found.expansions()).isEqualTo(3);
        assertThat(found.copies()).isLessThanOrEqualTo(2);
        assertThat(found.budgetSpent()).isTrue();
        assertThat(found.choices().size()).isLessThan(WORDS.size());
    }

    /** Each unused word's probability as a product of renormalised steps, each step computed from scratch. */
    private static List<Decoding.Choice> naive(Set<String> used) {
        List<Decoding.Choice> out = new ArrayList<>();
        for (String word : WORDS) {
            if (used.contains(word)) {
                continue;
            }
            double p = 1;
            int node = IdiomTrie.ROOT;
            for (int i = 0; i < word.length(); i++) {
                InferenceSession fresh = MODEL.newSession();
                fresh.feed(PROMPT);
                if (i > 0) {
                    fresh.feed(VOCAB.encode(word.substring(0, i)));
                }
                List<Integer> allowed = new ArrayList<>();
                for (int tok : TRIE.childTokens(node)) {
                    if (TRIE.unusedWordsBelow(TRIE.child(node, tok), used) > 0) {
                        allowed.add(tok);
                    }
                }
                int[] tokens = allowed.stream().mapToInt(Integer::intValue).toArray();
                double[] q = Decoding.renormalised(fresh, tokens, tokens.length);
                int token = VOCAB.id(word.charAt(i));
                p *= q[allowed.indexOf(token)];
                node = TRIE.child(node, token);
            }
            out.add(new Decoding.Choice(word, p));
        }
        out.sort(Comparator.comparingDouble(Decoding.Choice::probability).reversed());
        return out;
    }
}
