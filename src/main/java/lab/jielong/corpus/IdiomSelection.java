package lab.jielong.corpus;

import com.hankcs.hanlp.corpus.tag.Nature;
import com.hankcs.hanlp.dictionary.CoreDictionary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which four-character words of the dictionaries on the classpath are idioms, and why the others are not.
 *
 * <p>Read from the classpath, nothing downloaded: jieba's {@code dict.txt} (word, frequency, tag), HanLP
 * portable's core dictionary (natures, through {@link CoreDictionary}), its pinyin dictionary
 * ({@code data/dictionary/pinyin/pinyin.txt}) and its {@code CoreSynonym.txt}, and our own list of entries
 * judged not to be idioms ({@code not-idioms.tsv} beside this class).
 *
 * <p>The rule, measured against a list of well-known idioms and hand-judged samples (see the README):
 * <ol>
 * <li>A word is a candidate when HanLP's core dictionary tags it {@code i}, or jieba tags it {@code i}
 *     and a second witness agrees: the pinyin dictionary, CoreSynonym, or a jieba count above 3. jieba's
 *     {@code i} alone is not enough: its uncounted tail is where the technical terms (投影变换), the typos
 *     (先人后已) and the ordinary compounds (土味十足) live. HanLP's {@code l} is recorded but is no witness:
 *     judged by hand, half of the words it alone vouches for are phrases (非请莫入, 略加修改).</li>
 * <li>A candidate is refused even so when ({@link Refusal}): HanLP knows the word only as something else
 *     (精神文明 n); it starts with a frequent three-character name (令狐冲怒); it is one character away from a
 *     HanLP idiom as a likely misspelling (先人后已 → 先人后己, 明火执杖 → 明火执仗, 肆无忌弹 → 肆无忌惮); it is
 *     an uncounted pair of everyday words (疑难重症); or it is on our list of judged non-idioms.</li>
 * </ol>
 * Immutable once read.
 */
public final class IdiomSelection {

    static final String JIEBA_DICT = "/dict.txt";
    static final String HANLP_PINYIN = "/data/dictionary/pinyin/pinyin.txt";
    static final String HANLP_SYNONYM = "/data/dictionary/synonym/CoreSynonym.txt";
    static final String NOT_IDIOMS = "not-idioms.tsv";

    /** A jieba count above this means the word was seen in running text (the imported tail sits at 2 and 3). */
    static final int COUNTED = Idiom.COMMON_FREQUENCY;
    /** jieba count from which a three-character name, or each half of a compound, is an everyday word. */
    static final int EVERYDAY = 100;

    /** Why a candidate word is not accepted. */
    public enum Refusal {
        /** No source tags it as an idiom (it may still be a word, e.g. tagged n or l). */
        NOT_TAGGED("no source tags it as an idiom"),
        /** Only jieba tags it {@code i}, and no second witness (pinyin, synonym, jieba count) vouches for it. */
        SINGLE_WITNESS("only jieba tags it i, and no other source agrees"),
        /** HanLP's core dictionary knows it, but only as another part of speech. */
        OTHER_NATURE("HanLP knows it only as another kind of word"),
        /** Starts with a three-character person or place name (a fragment of a sentence). */
        NAME("starts with a name"),
        /** One character away from a HanLP idiom: a misspelling or a rare variant of it. */
        VARIANT("a misspelling or rare variant of another idiom"),
        /** Never counted by jieba, and two everyday words side by side. */
        COMPOUND("two everyday words side by side"),
        /** Judged by hand not to be an idiom ({@code not-idioms.tsv}). */
        LISTED("judged not to be an idiom");

        private final String description;

        Refusal(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * What the selection says about one word.
     *
     * @param word    four Han characters
     * @param sources the evidence that it is an idiom (possibly empty)
     * @param count   jieba's frequency under any tag, 0 when jieba does not have the word
     * @param refusal null when accepted
     * @param detail  for {@link Refusal#VARIANT} the idiom it is a variant of; for {@link Refusal#LISTED} the note
     */
    public record Verdict(String word, Set<Source> sources, int count, Refusal refusal, String detail) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    private record JiebaWord(String tag, int count) {
    }

    private final Map<String, JiebaWord> jieba;           // four-Han-character words, any tag
    private final Set<String> names;                       // three-character nr/ns words counted >= EVERYDAY
    private final Map<String, JiebaWord> jiebaTwo;         // two-character words, for the compound rule
    private final Set<String> pinyinWords;                 // four-Han-character entries of the pinyin dictionary
    private final Map<Character, Set<String>> readings;    // character -> its toneless readings
    private final Set<String> synonymWords;                // four-Han-character entries of CoreSynonym
    private final Map<String, String> listed;              // judged non-idioms -> note
    private final Map<String, List<String>> hanlpIdiomsByPattern = new HashMap<>(); // 一?一意 -> [一心一意, …]
    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();

    private IdiomSelection() {
        jieba = new HashMap<>();
        jiebaTwo = new HashMap<>();
        names = new HashSet<>();
        readLines(JIEBA_DICT, line -> {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 3 || !allHan(parts[0])) {
                return;
            }
            JiebaWord entry = new JiebaWord(parts[2], Integer.parseInt(parts[1]));
            switch (parts[0].length()) {
                case 2 -> jiebaTwo.merge(parts[0], entry, (a, b) -> a.count() >= b.count() ? a : b);
                case 3 -> {
                    if ((entry.tag().equals("nr") || entry.tag().equals("ns")) && entry.count() >= EVERYDAY) {
                        names.add(parts[0]);
                    }
                }
                case Idiom.LENGTH -> jieba.merge(parts[0], entry, (a, b) -> a.count() >= b.count() ? a : b);
                default -> {
                }
            }
        });
        pinyinWords = new HashSet<>();
        readings = new HashMap<>();
        readLines(HANLP_PINYIN, line -> {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return;
            }
            String word = line.substring(0, eq);
            if (word.length() == 1) {
                Set<String> set = new HashSet<>();
                for (String syllable : line.substring(eq + 1).split(",")) {
                    set.add(syllable.replaceAll("\\d", ""));
                }
                readings.put(word.charAt(0), set);
            } else if (isFourHan(word)) {
                pinyinWords.add(word);
            }
        });
        synonymWords = new HashSet<>();
        readLines(HANLP_SYNONYM, line -> {
            String[] parts = line.replace("\uFEFF", "").trim().split("\\s+");
            for (int k = 1; k < parts.length; k++) {
                if (isFourHan(parts[k])) {
                    synonymWords.add(parts[k]);
                }
            }
        });
        listed = new HashMap<>();
        readLines(NOT_IDIOMS, line -> {
            if (line.isBlank() || line.startsWith("#")) {
                return;
            }
            String[] parts = line.split("\t", 2);
            listed.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : "");
        });

        // Every word any source has, judged once: first the evidence, then the refusals.
        Set<String> universe = new TreeSet<>(jieba.keySet());
        universe.addAll(pinyinWords);
        universe.addAll(synonymWords);
        Map<String, Set<Source>> evidence = new LinkedHashMap<>();
        for (String word : universe) {
            Set<Source> sources = sourcesOf(word);
            evidence.put(word, sources);
            if (sources.contains(Source.HANLP_IDIOM)) {
                for (int k = 0; k < Idiom.LENGTH; k++) {
                    hanlpIdiomsByPattern.computeIfAbsent(pattern(word, k), p -> new ArrayList<>()).add(word);
                }
            }
        }
        evidence.forEach((word, sources) -> verdicts.put(word, judge(word, sources)));
    }

    /** Reads every source from the classpath and judges every four-character word in them (a few seconds). */
    public static IdiomSelection load() {
        return new IdiomSelection();
    }

    /** The verdict on {@code word}; a word no source has is refused as {@link Refusal#NOT_TAGGED}. */
    public Verdict verdict(String word) {
        Verdict v = verdicts.get(word);
        return v != null ? v : new Verdict(word, Set.of(), count(word), Refusal.NOT_TAGGED, "");
    }

    /** Every judged word, in code-point order. */
    public List<Verdict> verdicts() {
        return List.copyOf(verdicts.values());
    }

    /** The accepted idioms, in code-point order. */
    public List<Verdict> accepted() {
        return verdicts.values().stream().filter(Verdict::accepted).toList();
    }

    /** Whether a dictionary knows {@code word} as a word at all (jieba, HanLP core, pinyin or synonym dictionary). */
    public boolean isKnownWord(String word) {
        return verdicts.containsKey(word) || CoreDictionary.contains(word);
    }

    /** {@link #isKnownWord} as a test that keeps only the words, not the whole selection (for the corpus). */
    Predicate<String> knownWords() {
        Set<String> words = Set.copyOf(verdicts.keySet());
        return word -> words.contains(word) || CoreDictionary.contains(word);
    }

    /** The previous corpus's rule, kept for comparisons: every four-Han-character word jieba tags exactly {@code i}. */
    public List<String> jiebaIdioms() {
        return jieba.entrySet().stream().filter(e -> e.getValue().tag().equals("i")).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** jieba's frequency of {@code word} under any tag, 0 when jieba does not have it. */
    public int count(String word) {
        JiebaWord w = jieba.get(word);
        return w == null ? 0 : w.count();
    }

    // ---------------------------------------------------------------------------------------------
    // the rule

    private Set<Source> sourcesOf(String word) {
        EnumSet<Source> sources = EnumSet.noneOf(Source.class);
        CoreDictionary.Attribute attribute = CoreDictionary.get(word);
        if (attribute != null && attribute.hasNature(Nature.i)) {
            sources.add(Source.HANLP_IDIOM);
        }
        JiebaWord j = jieba.get(word);
        if (j != null && j.tag().equals("i")) {
            sources.add(Source.JIEBA_IDIOM);
        }
        if (attribute != null && attribute.hasNature(Nature.l)) {
            sources.add(Source.HANLP_SET_PHRASE);
        }
        if (pinyinWords.contains(word)) {
            sources.add(Source.HANLP_PINYIN);
        }
        if (synonymWords.contains(word)) {
            sources.add(Source.HANLP_SYNONYM);
        }
        if (j != null && j.count() > COUNTED) {
            sources.add(Source.JIEBA_COUNTED);
        }
        return Collections.unmodifiableSet(sources);
    }

    private Verdict judge(String word, Set<Source> sources) {
        int count = count(word);
        boolean hanlp = sources.contains(Source.HANLP_IDIOM);
        if (!hanlp && !sources.contains(Source.JIEBA_IDIOM)) {
            return new Verdict(word, sources, count, Refusal.NOT_TAGGED, "");
        }
        if (!hanlp && !sources.contains(Source.HANLP_PINYIN) && !sources.contains(Source.HANLP_SYNONYM)
                && !sources.contains(Source.JIEBA_COUNTED)) {
            return new Verdict(word, sources, count, Refusal.SINGLE_WITNESS, "");
        }
        if (listed.containsKey(word)) {
            return new Verdict(word, sources, count, Refusal.LISTED, listed.get(word));
        }
        Optional<String> variantOf = variantOf(word, count, hanlp);
        if (variantOf.isPresent()) {
            return new Verdict(word, sources, count, Refusal.VARIANT, variantOf.get());
        }
        if (!hanlp) {
            CoreDictionary.Attribute attribute = CoreDictionary.get(word);
            if (attribute != null && !attribute.hasNature(Nature.l)) {
                return new Verdict(word, sources, count, Refusal.OTHER_NATURE, "");
            }
            if (names.contains(word.substring(0, 3))) {
                return new Verdict(word, sources, count, Refusal.NAME, word.substring(0, 3));
            }
            if (count <= COUNTED && everyday(word.substring(0, 2)) && everyday(word.substring(2))) {
                return new Verdict(word, sources, count, Refusal.COMPOUND, "");
            }
        }
        return new Verdict(word, sources, count, null, "");
    }

    /**
     * A HanLP idiom one character away that {@code word} looks like a misspelling of. For a word HanLP does
     * not tag: jieba never counted it, or the two characters sound alike and the other spelling is counted at
     * least as often. For a HanLP idiom: the characters sound alike and the other is counted strictly more.
     */
    private Optional<String> variantOf(String word, int count, boolean hanlp) {
        for (int k = 0; k < Idiom.LENGTH; k++) {
            for (String other : hanlpIdiomsByPattern.getOrDefault(pattern(word, k), List.of())) {
                if (other.equals(word)) {
                    continue;
                }
                boolean alike = soundAlike(word.charAt(k), other.charAt(k));
                int otherCount = count(other);
                if (hanlp ? alike && otherCount > count : count <= COUNTED || (alike && otherCount >= count)) {
                    return Optional.of(other);
                }
            }
        }
        return Optional.empty();
    }

    private boolean soundAlike(char a, char b) {
        Set<String> ra = readings.getOrDefault(a, Set.of());
        for (String r : readings.getOrDefault(b, Set.of())) {
            if (ra.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private boolean everyday(String twoChars) {
        JiebaWord w = jiebaTwo.get(twoChars);
        return w != null && w.count() >= EVERYDAY
                && (w.tag().equals("n") || w.tag().equals("vn") || w.tag().equals("v"));
    }

    private static String pattern(String word, int k) {
        return word.substring(0, k) + '?' + word.substring(k + 1);
    }

    // ---------------------------------------------------------------------------------------------
    // reading

    static boolean isFourHan(String word) {
        return word.length() == Idiom.LENGTH && allHan(word);
    }

    private static boolean allHan(String word) {
        return !word.isEmpty() && word.chars().allMatch(TextNormalizer::isHan);
    }

    private static void readLines(String resource, Consumer<String> consumer) {
        try (InputStream in = IdiomSelection.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the classpath: are com.huaban:jieba-analysis"
                        + " and com.hankcs:hanlp:portable dependencies?");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                consumer.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
