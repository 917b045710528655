package lab.jielong.corpus;

import java.util.List;
import java.util.Set;

/**
 * One four-character dictionary entry with its reading.
 *
 * @param word           four Han characters, simplified
 * @param frequency      jieba's frequency count under any tag (0 when only HanLP has the word)
 * @param tier           quality tier, see {@link Tier}
 * @param pinyin         tone-marked syllables, one per character, read as a word (长年累月 → cháng nián lěi yuè)
 * @param pinyinToneless the same syllables without tone marks (chang nian lei yue)
 * @param heldOut        in the deterministic 5% hold-out that no model is trained on
 * @param sources        the evidence that it is an idiom (see {@link IdiomSelection})
 */
public record Idiom(String word, int frequency, Tier tier, List<String> pinyin,
        List<String> pinyinToneless, boolean heldOut, Set<Source> sources) {

    /** Number of characters in every idiom of this corpus. */
    public static final int LENGTH = 4;
    /** jieba frequency above which an idiom counts as {@link Tier#COMMON}. */
    public static final int COMMON_FREQUENCY = 3;

    public Idiom {
        if (word.length() != LENGTH || pinyin.size() != LENGTH || pinyinToneless.size() != LENGTH) {
            throw new IllegalArgumentException("an idiom has " + LENGTH + " characters and syllables: " + word);
        }
        pinyin = List.copyOf(pinyin);
        pinyinToneless = List.copyOf(pinyinToneless);
        sources = Set.copyOf(sources);
    }

    /** An entry without recorded sources (tests and tools). */
    public Idiom(String word, int frequency, Tier tier, List<String> pinyin, List<String> pinyinToneless,
            boolean heldOut) {
        this(word, frequency, tier, pinyin, pinyinToneless, heldOut, Set.of());
    }

    public char first() {
        return word.charAt(0);
    }

    public char last() {
        return word.charAt(LENGTH - 1);
    }

    /** The tone-marked reading as one string: "yī xīn yī yì". */
    public String pinyinText() {
        return String.join(" ", pinyin);
    }

    @Override
    public String toString() {
        return word;
    }
}
