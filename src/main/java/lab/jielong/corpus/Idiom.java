package lab.jielong.corpus;

import java.util.List;

/**
 * One four-character dictionary entry with its reading.
 *
 * @param word           four Han characters, simplified
 * @param frequency      jieba's frequency count (2..1118)
 * @param tier           quality tier, see {@link Tier}
 * @param pinyin         tone-marked syllables, one per character, read as a word (长年累月 → cháng nián lěi yuè)
 * @param pinyinToneless the same syllables without tone marks (chang nian lei yue)
 * @param heldOut        in the deterministic 5% hold-out that no model is trained on
 */
public record Idiom(String word, int frequency, Tier tier, List<String> pinyin,
                    List<String> pinyinToneless, boolean heldOut) {

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
