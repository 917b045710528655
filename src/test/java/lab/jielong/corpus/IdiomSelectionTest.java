package lab.jielong.corpus;

import lab.jielong.corpus.IdiomSelection.Refusal;
import lab.jielong.corpus.IdiomSelection.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of the selection on the examples that motivated it (issue 11), and what it keeps. */
class IdiomSelectionTest {

    private static IdiomSelection selection;

    @BeforeAll
    static void load() {
        selection = IdiomSelection.load();
    }

    @Test
    void hanlpsIdiomTagIsEnoughAndJiebasNeedsASecondWitness() {
        // jieba tags these n, but HanLP i: the famous idioms jieba missed
        assertAccepted("发号施令", Source.HANLP_IDIOM);
        assertAccepted("自相矛盾", Source.HANLP_IDIOM);
        // jieba i and counted in text, HanLP silent
        assertAccepted("鸡飞狗跳", Source.JIEBA_IDIOM, Source.JIEBA_COUNTED);
        // jieba i and HanLP's pinyin dictionary
        assertAccepted("红颜薄命", Source.JIEBA_IDIOM, Source.HANLP_PINYIN);
        // jieba i alone: the tail of technical terms and typos
        assertRefused("投影变换", Refusal.SINGLE_WITNESS);
        assertRefused("双侧约束", Refusal.SINGLE_WITNESS);
        assertRefused("土味十足", Refusal.SINGLE_WITNESS);
        // HanLP l is recorded, but no witness
        assertRefused("非请莫入", Refusal.SINGLE_WITNESS);
        assertThat(selection.verdict("非请莫入").sources()).contains(Source.HANLP_SET_PHRASE);
    }

    @Test
    void eachRefusalHasItsExample() {
        assertRefused("精神文明", Refusal.OTHER_NATURE);
        assertRefused("令狐冲怒", Refusal.NAME);
        assertThat(assertRefused("明火执杖", Refusal.VARIANT).detail()).isEqualTo("明火执仗");
        assertThat(assertRefused("肆无忌弹", Refusal.VARIANT).detail()).isEqualTo("肆无忌惮");   // HanLP's own typo
        assertRefused("疑难重症", Refusal.COMPOUND);
        assertRefused("土壤污染", Refusal.LISTED);
        // a variant counted more often than the HanLP spelling stays
        assertThat(selection.verdict("风姿绰约").accepted()).isTrue();
        assertThat(selection.verdict("丰姿绰约").accepted()).isTrue();
    }

    @Test
    void knownWordsAreTheSourcesWordsAndNothingElse() {
        assertThat(selection.isKnownWord("投影变换")).isTrue();   // jieba
        assertThat(selection.isKnownWord("一二三四")).isTrue();   // jieba, tagged m
        assertThat(selection.isKnownWord("四三二一")).isFalse();
        IdiomCorpus corpus = IdiomCorpus.from(selection);
        assertThat(corpus.isKnownWord("投影变换")).isTrue();
        assertThat(corpus.isKnownWord("一心一意")).as("an idiom is not a mere known word").isFalse();
    }

    @Test
    void theCorpusIsWhatTheSelectionAccepts() {
        IdiomCorpus corpus = IdiomCorpus.from(selection);
        assertThat(corpus.size()).isEqualTo(selection.accepted().size());
        for (Verdict v : selection.accepted()) {
            Idiom idiom = corpus.find(v.word()).orElseThrow();
            assertThat(idiom.sources()).isEqualTo(v.sources());
            assertThat(idiom.frequency()).isEqualTo(v.count());
            assertThat(idiom.heldOut()).isEqualTo(IdiomCorpus.isHeldOut(v.word()));
        }
        assertThat(selection.jiebaIdioms()).hasSize(22_192);   // the previous dictionary, for comparisons
    }

    private static void assertAccepted(String word, Source... sources) {
        Verdict v = selection.verdict(word);
        assertThat(v.accepted()).as(v.toString()).isTrue();
        assertThat(v.sources()).as(word).containsAll(Set.of(sources));
    }

    private static Verdict assertRefused(String word, Refusal refusal) {
        Verdict v = selection.verdict(word);
        assertThat(v.refusal()).as(v.toString()).isEqualTo(refusal);
        return v;
    }
}
