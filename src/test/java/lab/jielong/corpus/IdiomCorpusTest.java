package lab.jielong.corpus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The corpus as built from jieba and HanLP: counts as `dict stats` prints them, readings are word-level. */
class IdiomCorpusTest {

    private static IdiomCorpus corpus;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
    }

    @Test
    void countsAreThoseOfTheSelection() {
        // issue 11: jieba's i alone gave 22,192 (21,070 / 1,122, 2,988 characters); the combined, filtered
        // selection gives these (README, "Corpus"; `dict stats`)
        assertThat(corpus.size()).isEqualTo(8_595);
        assertThat(corpus.training()).hasSize(8_156);
        assertThat(corpus.heldOut()).hasSize(439);
        assertThat(corpus.idioms().stream().flatMapToInt(i -> i.word().chars()).distinct().count()).isEqualTo(2_984);
        assertThat(corpus.idioms()).allSatisfy(i -> assertThat(i.word()).hasSize(4));
        assertThat(corpus.idioms()).allSatisfy(i -> assertThat(i.sources()).isNotEmpty());
    }

    @Test
    void orderIsByFrequencyThenWord() {
        List<Idiom> idioms = corpus.idioms();
        for (int k = 1; k < idioms.size(); k++) {
            Idiom a = idioms.get(k - 1), b = idioms.get(k);
            assertThat(a.frequency() > b.frequency()
                    || (a.frequency() == b.frequency() && a.word().compareTo(b.word()) < 0)).isTrue();
        }
        assertThat(idioms.get(0).frequency()).isEqualTo(1033);   // 大吃一惊; 精神文明 (1,118) is no idiom
    }

    @Test
    void tiersFollowHanLpTagsAndFrequency() {
        assertThat(corpus.count(Tier.CORE)).isBetween(5_800L, 6_100L);
        assertThat(corpus.idioms()).allSatisfy(i -> assertThat(i.tier() == Tier.CORE)
                .isEqualTo(i.sources().contains(Source.HANLP_IDIOM)));
        assertThat(corpus.find("一心一意")).get().extracting(Idiom::tier).isEqualTo(Tier.CORE);
        assertThat(corpus.idioms()).filteredOn(i -> i.tier() == Tier.COMMON)
                .allSatisfy(i -> assertThat(i.frequency()).isGreaterThan(Idiom.COMMON_FREQUENCY));
        assertThat(corpus.idioms()).filteredOn(i -> i.tier() == Tier.RARE)
                .allSatisfy(i -> assertThat(i.frequency()).isLessThanOrEqualTo(Idiom.COMMON_FREQUENCY));
        // the noisy tail the issue names is gone
        assertThat(corpus.contains("精神文明")).isFalse();
    }

    @Test
    void pinyinIsReadAsAWordForPolyphones() {
        assertThat(IdiomCorpus.describe("长年累月", 5).pinyinText()).isEqualTo("cháng nián lěi yuè");
        assertThat(pinyin("一心一意")).isEqualTo("yī xīn yī yì");
        assertThat(pinyin("重蹈覆辙")).isEqualTo("chóng dǎo fù zhé");   // 重 chóng, not zhòng
        assertThat(pinyin("语重心长")).isEqualTo("yǔ zhòng xīn cháng"); // 重 zhòng here
        assertThat(pinyin("乐不思蜀")).isEqualTo("lè bù sī shǔ");
        assertThat(pinyin("一朝一夕")).isEqualTo("yī zhāo yī xī");      // 朝 zhāo
        assertThat(pinyin("改朝换代")).isEqualTo("gǎi cháo huàn dài");  // 朝 cháo
        assertThat(corpus.find("参差不齐")).get().extracting(Idiom::pinyinToneless)
                .isEqualTo(List.of("cen", "ci", "bu", "qi"));
    }

    @Test
    void indexesByFirstCharacterAndSyllable() {
        assertThat(corpus.startingWith('一')).hasSizeGreaterThan(250)
                .allSatisfy(i -> assertThat(i.first()).isEqualTo('一'));
        assertThat(corpus.startingWithSyllable("yì", true)).isNotEmpty()
                .allSatisfy(i -> assertThat(i.pinyin().get(0)).isEqualTo("yì"));
        assertThat(corpus.startingWithSyllable("yi", false))
                .hasSizeGreaterThan(corpus.startingWithSyllable("yì", true).size())
                .extracting(Idiom::first).contains('一', '意', '以');
    }

    @Test
    void deadEndsAreCharactersNoIdiomStartsWith() {
        long deadEndIdioms = corpus.idioms().stream().filter(i -> corpus.isDeadEnd(i.last())).count();
        // 22.2% of idioms end in a character no idiom starts with (jieba's i alone: 20.7%, as the reference)
        assertThat(deadEndIdioms / (double) corpus.size()).isBetween(0.215, 0.23);
        assertThat(corpus.isDeadEnd('一')).isFalse();
        corpus.idioms().stream().filter(i -> corpus.isDeadEnd(i.last())).limit(50)
                .forEach(i -> assertThat(corpus.startingWith(i.last())).isEmpty());
    }

    @Test
    void holdOutIsTheReferenceMd5Rule() {
        assertThat(corpus.heldOut()).allSatisfy(i -> assertThat(IdiomCorpus.isHeldOut(i.word())).isTrue());
        assertThat(corpus.training()).noneSatisfy(i -> assertThat(i.heldOut()).isTrue());
        assertThat(corpus.checksum()).hasSize(64).isEqualTo(IdiomCorpus.load().checksum());
    }

    private static String pinyin(String word) {
        return corpus.find(word).orElseThrow().pinyinText();
    }
}
