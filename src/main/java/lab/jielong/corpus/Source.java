package lab.jielong.corpus;

/**
 * One piece of evidence that a four-character word is an idiom, from the dictionaries on the classpath
 * ({@code com.huaban:jieba-analysis:1.0.2} and {@code com.hankcs:hanlp:portable-1.8.6}). Every idiom of the
 * corpus records the evidence it has; {@link IdiomSelection} says which combinations are enough.
 */
public enum Source {
    /** HanLP's core dictionary ({@code CoreNatureDictionary.mini}) tags the word {@code i} (成语). Enough alone. */
    HANLP_IDIOM("hanlp-core-i", "HanLP core dictionary, tagged i (idiom)"),
    /** jieba's {@code dict.txt} tags the word {@code i}. Needs a second witness: pinyin, synonym or a jieba count. */
    JIEBA_IDIOM("jieba-i", "jieba dict.txt, tagged i (idiom)"),
    /** HanLP's core dictionary tags the word {@code l} (习用语, set phrase). Recorded, but no witness on its own. */
    HANLP_SET_PHRASE("hanlp-core-l", "HanLP core dictionary, tagged l (set phrase)"),
    /** HanLP's pinyin dictionary ({@code data/dictionary/pinyin/pinyin.txt}) has a word-level reading for it. */
    HANLP_PINYIN("hanlp-pinyin", "HanLP pinyin dictionary, a word entry"),
    /** HanLP's {@code CoreSynonym.txt} (the extended 同义词词林) lists it. */
    HANLP_SYNONYM("hanlp-synonym", "HanLP CoreSynonym, a word entry"),
    /** jieba's frequency is above {@value Idiom#COMMON_FREQUENCY}: it was counted in running text, not only imported from a list. */
    JIEBA_COUNTED("jieba-counted", "jieba frequency above 3 (counted in text)");

    private final String key;
    private final String description;

    Source(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** Short name for JSON and tables: {@code hanlp-core-i}, {@code jieba-i}, … */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
