package lab.jielong.game;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;

import java.util.List;
import java.util.Optional;

/**
 * How a move must join the previous idiom. The syllable modes use each idiom's own word-level reading
 * ({@link Idiom#pinyin()}), so a polyphonic character counts with the sound it has in that idiom:
 * after 意味深长 (… cháng) 长途跋涉 (cháng …) joins in every mode, 长势喜人 (zhǎng …) only in {@link #SAME_CHARACTER}.
 * Message key {@code mode.<name>}.
 */
public enum MatchMode {
    /** 同字: the first character equals the previous idiom's last character (the default). */
    SAME_CHARACTER('C'),
    /** 同音: the first syllable equals the previous idiom's last syllable, tones ignored. */
    SAME_SYLLABLE('S'),
    /** 同音同调: the first syllable equals the previous idiom's last syllable, tone included. */
    SAME_SYLLABLE_AND_TONE('T');

    /** One letter in a saved game. */
    final char code;

    MatchMode(char code) {
        this.code = code;
    }

    /** The name in links and the JSON API: {@code char}, {@code sound}, {@code tone}. */
    public String id() {
        return switch (this) {
            case SAME_CHARACTER -> "char";
            case SAME_SYLLABLE -> "sound";
            case SAME_SYLLABLE_AND_TONE -> "tone";
        };
    }

    /**
     * The mode a link or an API call names: its {@link #id()}, the Chinese name (同字, 同音, 同音同调) or the
     * constant's name, in any case; empty for anything else.
     */
    public static Optional<MatchMode> parse(String name) {
        String n = name == null ? "" : name.trim();
        for (MatchMode mode : values()) {
            String chinese = switch (mode) {
                case SAME_CHARACTER -> "同字";
                case SAME_SYLLABLE -> "同音";
                case SAME_SYLLABLE_AND_TONE -> "同音同调";
            };
            if (n.equalsIgnoreCase(mode.id()) || n.equals(chinese) || n.equalsIgnoreCase(mode.name())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** What the next idiom must start with: a character, a toneless or a tone-marked syllable. */
    public String endKey(Idiom idiom) {
        return switch (this) {
            case SAME_CHARACTER -> String.valueOf(idiom.last());
            case SAME_SYLLABLE -> idiom.pinyinToneless().get(Idiom.LENGTH - 1);
            case SAME_SYLLABLE_AND_TONE -> idiom.pinyin().get(Idiom.LENGTH - 1);
        };
    }

    /** What this idiom starts with, in the same terms as {@link #endKey}. */
    public String startKey(Idiom idiom) {
        return switch (this) {
            case SAME_CHARACTER -> String.valueOf(idiom.first());
            case SAME_SYLLABLE -> idiom.pinyinToneless().get(0);
            case SAME_SYLLABLE_AND_TONE -> idiom.pinyin().get(0);
        };
    }

    /** All idioms of the dictionary whose {@link #startKey} is {@code key}, in corpus order. */
    public List<Idiom> startingWith(IdiomCorpus corpus, String key) {
        return switch (this) {
            case SAME_CHARACTER -> key.length() == 1 ? corpus.startingWith(key.charAt(0)) : List.of();
            case SAME_SYLLABLE -> corpus.startingWithSyllable(key, false);
            case SAME_SYLLABLE_AND_TONE -> corpus.startingWithSyllable(key, true);
        };
    }

    static MatchMode ofCode(char code) {
        for (MatchMode mode : values()) {
            if (mode.code == code) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown match mode code '" + code + "', expected C, S or T");
    }
}
