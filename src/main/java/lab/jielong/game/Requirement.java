package lab.jielong.game;

import lab.jielong.corpus.Idiom;

/**
 * What the next idiom must start with, taken from the previous idiom's last character and its reading there.
 *
 * @param mode      the game's match mode
 * @param previous  the idiom to continue
 * @param character its last character (the required first character in {@link MatchMode#SAME_CHARACTER})
 * @param syllable  the tone-marked reading of that character in {@code previous} ("cháng")
 * @param toneless  the same without tone ("chang")
 */
public record Requirement(MatchMode mode, Idiom previous, char character, String syllable, String toneless) {

    public static Requirement after(Idiom previous, MatchMode mode) {
        return new Requirement(mode, previous, previous.last(),
                previous.pinyin().get(Idiom.LENGTH - 1), previous.pinyinToneless().get(Idiom.LENGTH - 1));
    }

    /** The character, toneless syllable or tone-marked syllable a continuation must start with. */
    public String key() {
        return mode.endKey(previous);
    }

    /** What to show the player: 长 in 同字, chang in 同音, cháng in 同音同调. */
    public String display() {
        return key();
    }

    public boolean isMetBy(Idiom candidate) {
        return mode.startKey(candidate).equals(key());
    }
}
