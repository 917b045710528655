package lab.jielong.corpus;

/**
 * How well-established an idiom is. The computer player prefers {@link #CORE} and {@link #COMMON};
 * a human may play any entry of the dictionary.
 */
public enum Tier {
    /** Also tagged as an idiom ({@code i}) by HanLP's core dictionary: about 4,200 entries. */
    CORE,
    /** jieba frequency above {@value Idiom#COMMON_FREQUENCY}. */
    COMMON,
    /** The rest: the long, noisy tail of jieba's list (e.g. 条件收敛, 精神文明). */
    RARE
}
