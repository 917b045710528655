package lab.jielong.corpus;

/**
 * How well-established an idiom is. The computer player prefers {@link #CORE} and {@link #COMMON};
 * a human may play any entry of the dictionary.
 */
public enum Tier {
    /** Tagged as an idiom ({@code i}) by HanLP's core dictionary: about 6,000 entries. */
    CORE,
    /** jieba frequency above {@value Idiom#COMMON_FREQUENCY}. */
    COMMON,
    /**
     * The rest: idioms jieba tags {@code i} but did not count in text, vouched for by HanLP's pinyin or
     * synonym dictionary (削木为吏).
     */
    RARE
}
