package lab.jielong.corpus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input gets one precise problem, and each problem a message in both languages. */
class TextNormalizerTest {

    private static IdiomCorpus corpus;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
    }

    @Test
    void acceptsIdiomsWithSpacesZeroWidthAndPunctuation() {
        assertIdiom(" 一心一意。", "一心一意");
        assertIdiom("　一\u200b心 一\uFEFF意！", "一心一意");
        assertIdiom("「一心一意」", "一心一意");
        assertIdiom("一心一意?!", "一心一意");
    }

    @Test
    void mapsTraditionalToSimplified() {
        CheckedInput input = TextNormalizer.checkIdiom("馬到成功", corpus);
        assertThat(input.ok()).isTrue();
        assertThat(input.text()).isEqualTo("马到成功");
        assertThat(input.convertedFromTraditional()).isTrue();
        assertIdiom("一見鍾情", "一见钟情");
    }

    @Test
    void namesEachProblem() {
        assertProblem("", InputProblem.EMPTY, "", "Please type an idiom: there is nothing here yet.");
        assertProblem(" ，。 \u200b", InputProblem.EMPTY, "", "请输入一个成语：这里还是空的。");
        assertProblem("abcd", InputProblem.NOT_CHINESE, "a b c d", "Only Chinese characters, please: a b c d are not.");
        assertProblem("一心一a", InputProblem.NOT_CHINESE, "a", "Only Chinese characters, please: a is not one.");
        assertProblem("一心一意😀", InputProblem.NOT_CHINESE, "😀", "请只输入汉字：😀 不是汉字。");
        assertProblem("<b>一心一意</b>", InputProblem.MARKUP, "<b>",
                "That looks like markup (<b>); please type just the Chinese characters.");
        assertProblem("<script>alert(1)</script>", InputProblem.MARKUP, "<script>", "这看起来像网页标记（<script>），请只输入汉字。");
        assertProblem("一心一", InputProblem.WRONG_LENGTH, "3", "An idiom has four characters; you typed 3.");
        assertProblem("我们今天去公园散步然后回家吃饭".repeat(20), InputProblem.WRONG_LENGTH, "300", "成语是四个字，你输入了 300 个字。");
        assertProblem("我们回家", InputProblem.UNKNOWN_IDIOM, "我们回家", "「我们回家」 is not in our idiom dictionary.");
        // a word the dictionaries know (jieba tags it i), but no idiom: issue 11's technical terms and typos
        assertProblem("投影变换", InputProblem.NOT_AN_IDIOM, "投影变换",
                "「投影变换」 is a four-character word, but not an idiom we know.");
        assertProblem("先人后已", InputProblem.NOT_AN_IDIOM, "先人后已", "「先人后已」是四字词语，但不是我们认识的成语。");
    }

    @Test
    void aSimplifiedIdiomThatHanLpWouldChangeIsNotConverted() {
        // HanLP maps 乾 to 干 word by word (夕惕朝乾 → 夕惕朝干); an idiom as typed was not converted
        java.util.List<String> changed = corpus.idioms().stream().map(Idiom::word)
                .filter(w -> !com.hankcs.hanlp.HanLP.convertToSimplifiedChinese(w).equals(w)).toList();
        assertThat(changed).isNotEmpty();
        for (String word : changed) {
            CheckedInput typed = TextNormalizer.checkIdiom(word, corpus);
            assertThat(typed.ok()).as(word).isTrue();
            assertThat(typed.convertedFromTraditional()).as(word).isFalse();
            assertThat(typed.text()).isEqualTo(word);
        }
        assertThat(TextNormalizer.checkIdiom("一心一意", corpus).convertedFromTraditional()).isFalse();
    }

    @Test
    void charactersOutsideTheBasicPlaneAreCountedOnce() {
        CheckedInput three = TextNormalizer.checkIdiom("𠀀𠀁𠀂", corpus);
        assertThat(three.problem()).isEqualTo(InputProblem.WRONG_LENGTH);
        assertThat(three.detail()).isEqualTo("3");
        assertThat(message(three, Locale.ENGLISH)).isEqualTo("An idiom has four characters; you typed 3.");
        assertThat(TextNormalizer.checkText("𠀀𠀁", 2).ok()).isTrue();
        assertThat(message(TextNormalizer.checkText("𠀀𠀁", 1), Locale.ENGLISH))
                .isEqualTo("That is too long: at most one character, please.");
    }

    @Test
    void freeTextHasALengthLimit() {
        assertThat(TextNormalizer.checkText("一心一", 32).ok()).isTrue();
        CheckedInput essay = TextNormalizer.checkText("天".repeat(100), 32);
        assertThat(essay.problem()).isEqualTo(InputProblem.TOO_LONG);
        assertThat(message(essay, Locale.ENGLISH)).isEqualTo("That is too long: at most 32 characters, please.");
        assertThat(TextNormalizer.checkText(null, 32).problem()).isEqualTo(InputProblem.EMPTY);
    }

    @Test
    void everyProblemHasAMessageInBothLanguages() {
        for (InputProblem problem : InputProblem.values()) {
            for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
                assertThat(bundle(locale).getString("input." + problem.name())).isNotBlank();
            }
        }
    }

    private static void assertIdiom(String raw, String word) {
        CheckedInput input = TextNormalizer.checkIdiom(raw, corpus);
        assertThat(input.ok()).as(raw).isTrue();
        assertThat(input.idiom()).get().extracting(Idiom::word).isEqualTo(word);
    }

    private static void assertProblem(String raw, InputProblem problem, String detail, String message) {
        CheckedInput input = TextNormalizer.checkIdiom(raw, corpus);
        assertThat(input.problem()).as(raw).isEqualTo(problem);
        assertThat(input.detail()).isEqualTo(detail);
        Locale locale = message.endsWith("。") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        assertThat(message(input, locale)).isEqualTo(message);
    }

    /** The UI's wording: the Vaadin translation bundle, formatted as Vaadin formats it. */
    private static String message(CheckedInput input, Locale locale) {
        String pattern = bundle(locale).getString("input." + input.problem().name());
        return new MessageFormat(pattern, locale).format(input.messageArgs().toArray());
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("vaadin-i18n.translations", locale);
    }
}
