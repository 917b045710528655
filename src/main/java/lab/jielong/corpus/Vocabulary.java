package lab.jielong.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Character-level vocabulary: the five special tokens, then every character of the corpus sorted
 * in code-point order (2,989 ids; 2,993 for jieba's idioms alone, as in the reference). Characters
 * outside the corpus map to {@code <unk>}; {@link #encodeChecked} says which ones did.
 * Immutable and thread-safe.
 */
public final class Vocabulary {

    public static final int PAD = 0, BOS = 1, SEP = 2, EOS = 3, UNK = 4;
    public static final int SPECIALS = 5;
    private static final String[] SPECIAL_NAMES = {"<pad>", "<bos>", "<sep>", "<eos>", "<unk>"};

    private final char[] chars;     // id - SPECIALS -> character
    private final int[] idOfChar;   // character -> id, UNK if absent (all corpus characters are in the BMP)

    private Vocabulary(char[] sortedChars) {
        this.chars = sortedChars;
        this.idOfChar = new int[Character.MAX_VALUE + 1];
        Arrays.fill(idOfChar, UNK);
        for (int i = 0; i < sortedChars.length; i++) {
            if (i > 0 && sortedChars[i] <= sortedChars[i - 1]) {
                throw new IllegalArgumentException("vocabulary characters must be distinct and sorted by code point");
            }
            idOfChar[sortedChars[i]] = SPECIALS + i;
        }
    }

    /** Every character of every idiom (held-out ones too, like the reference), sorted. */
    public static Vocabulary of(IdiomCorpus corpus) {
        TreeSet<Character> set = new TreeSet<>();
        for (Idiom idiom : corpus.idioms()) {
            for (char c : idiom.word().toCharArray()) {
                set.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        set.forEach(sb::append);
        return fromCharacters(sb.toString());
    }

    /** The vocabulary whose non-special tokens are exactly these characters (as stored in a checkpoint). */
    public static Vocabulary fromCharacters(String characters) {
        return new Vocabulary(characters.toCharArray());
    }

    /** The non-special characters in id order (what a checkpoint stores). */
    public String characters() {
        return new String(chars);
    }

    public int size() {
        return SPECIALS + chars.length;
    }

    /** Id of a character, {@link #UNK} if it is not in the vocabulary. */
    public int id(char c) {
        return idOfChar[c];
    }

    public boolean contains(char c) {
        return idOfChar[c] != UNK;
    }

    /** Character of a non-special id. */
    public char character(int id) {
        if (id < SPECIALS || id >= size()) {
            throw new IllegalArgumentException("id " + id + " is not a character token");
        }
        return chars[id - SPECIALS];
    }

    public static boolean isSpecial(int id) {
        return id < SPECIALS;
    }

    /** "&lt;bos&gt;" etc. for specials, the character otherwise. */
    public String token(int id) {
        return id < SPECIALS ? SPECIAL_NAMES[id] : String.valueOf(character(id));
    }

    /**
     * One id per character, counted in code points: a character outside the Basic Multilingual Plane (𠀀) is
     * one {@link #UNK}, not two halves of a surrogate pair. Unknown characters become {@link #UNK}.
     */
    public int[] encode(String text) {
        return text.codePoints().map(cp -> cp <= Character.MAX_VALUE ? id((char) cp) : UNK).toArray();
    }

    /** Ids plus the positions (in code points) of the characters that were not in the vocabulary. */
    public record Encoding(int[] ids, List<Integer> unknownPositions) {
        public boolean hasUnknown() {
            return !unknownPositions.isEmpty();
        }
    }

    public Encoding encodeChecked(String text) {
        int[] ids = encode(text);
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == UNK) {
                unknown.add(i);
            }
        }
        return new Encoding(ids, List.copyOf(unknown));
    }

    /** Tokens joined, specials written as their names. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(token(id));
        }
        return sb.toString();
    }

    /** Characters up to the first special token (how an answer is read off generated ids). */
    public String decodeAnswer(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id < SPECIALS) {
                break;
            }
            sb.append(character(id));
        }
        return sb.toString();
    }
}
