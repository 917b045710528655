package lab.jielong.corpus;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.corpus.tag.Nature;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.py.Pinyin;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The idiom dictionary and the indexes the game and the engine need.
 *
 * <p>Sources: the idioms {@link IdiomSelection} accepts from {@code com.huaban:jieba-analysis:1.0.2} and
 * {@code com.hankcs:hanlp:portable-1.8.6} (read from the classpath; nothing is downloaded), each with the
 * {@link Source}s that vouch for it. Readings and the {@link Tier#CORE} tier come from HanLP. The hold-out
 * follows {@code torch_ref.py}: {@code md5(utf8(word)) % 20 == 0}.
 *
 * <p>Immutable and safe to share between threads once built.
 */
public final class IdiomCorpus {

    /** One idiom in this many is held out of training: {@code md5(utf8(word)) % 20 == 0}. */
    static final int HOLD_OUT_MODULUS = 20;

    private final List<Idiom> idioms;
    private final List<Idiom> training;
    private final List<Idiom> heldOut;
    private final Map<String, Idiom> byWord;
    private final Map<Character, List<Idiom>> byFirstChar;
    private final Map<String, List<Idiom>> byFirstSyllable;
    private final Map<String, List<Idiom>> byFirstSyllableToneless;
    private final String checksum;
    private final Predicate<String> knownWord;

    private IdiomCorpus(List<Idiom> idioms, Predicate<String> knownWord) {
        this.knownWord = knownWord;
        List<Idiom> sorted = new ArrayList<>(idioms);
        sorted.sort(Comparator.comparingInt(Idiom::frequency).reversed().thenComparing(Idiom::word));
        this.idioms = List.copyOf(sorted);
        this.training = this.idioms.stream().filter(i -> !i.heldOut()).toList();
        this.heldOut = this.idioms.stream().filter(Idiom::heldOut).toList();
        Map<String, Idiom> words = new HashMap<>();
        for (Idiom idiom : this.idioms) {
            if (words.put(idiom.word(), idiom) != null) {
                throw new IllegalArgumentException("duplicate idiom " + idiom.word());
            }
        }
        this.byWord = Map.copyOf(words);
        this.byFirstChar = index(this.idioms, Idiom::first);
        this.byFirstSyllable = index(this.idioms, i -> i.pinyin().get(0));
        this.byFirstSyllableToneless = index(this.idioms, i -> i.pinyinToneless().get(0));
        this.checksum = sha256(this.idioms);
    }

    /**
     * Builds the corpus from the idioms {@link IdiomSelection} accepts among jieba's and HanLP's dictionaries
     * on the classpath, with HanLP's readings (a few seconds).
     */
    public static IdiomCorpus load() {
        return from(IdiomSelection.load());
    }

    /** The corpus of the idioms {@code selection} accepts; words it knows but refuses stay known words. */
    public static IdiomCorpus from(IdiomSelection selection) {
        List<Idiom> idioms = new ArrayList<>();
        for (IdiomSelection.Verdict v : selection.accepted()) {
            idioms.add(describe(v.word(), v.count(), v.sources()));
        }
        return new IdiomCorpus(idioms, selection.knownWords());
    }

    /** A corpus of the given entries, for tests and tools; it knows no other words. */
    public static IdiomCorpus of(List<Idiom> idioms) {
        return new IdiomCorpus(idioms, word -> false);
    }

    /** An idiom with its HanLP reading, tier and hold-out flag, without recorded sources. */
    public static Idiom describe(String word, int frequency) {
        return describe(word, frequency, Set.of());
    }

    /** An idiom with its HanLP reading, tier and hold-out flag, as {@link #load()} builds it. */
    public static Idiom describe(String word, int frequency, Set<Source> sources) {
        List<Pinyin> readings = HanLP.convertToPinyinList(word);
        List<String> toned = readings.stream().map(Pinyin::getPinyinWithToneMark).toList();
        List<String> toneless = readings.stream().map(Pinyin::getPinyinWithoutTone).toList();
        return new Idiom(word, frequency, tierOf(word, frequency), toned, toneless, isHeldOut(word), sources);
    }

    /** CORE when HanLP's core dictionary tags the word an idiom, COMMON when jieba counts it above 3, else RARE. */
    static Tier tierOf(String word, int frequency) {
        CoreDictionary.Attribute attribute = CoreDictionary.get(word);
        if (attribute != null && attribute.hasNature(Nature.i)) {
            return Tier.CORE;
        }
        return frequency > Idiom.COMMON_FREQUENCY ? Tier.COMMON : Tier.RARE;
    }

    /** The reference hold-out: the MD5 of the UTF-8 word, read as an unsigned integer, mod 20 is 0. */
    public static boolean isHeldOut(String word) {
        byte[] md5 = digest("MD5", word.getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, md5).mod(BigInteger.valueOf(HOLD_OUT_MODULUS)).signum() == 0;
    }

    // ---------------------------------------------------------------------------------------------
    // queries

    /** All idioms, by frequency (highest first), then by word in code-point order. */
    public List<Idiom> idioms() {
        return idioms;
    }

    /** The idioms models may learn from (not held out), in {@link #idioms()} order. */
    public List<Idiom> training() {
        return training;
    }

    /** The 5% hold-out, in {@link #idioms()} order. */
    public List<Idiom> heldOut() {
        return heldOut;
    }

    public int size() {
        return idioms.size();
    }

    public Optional<Idiom> find(String word) {
        return Optional.ofNullable(byWord.get(word));
    }

    public boolean contains(String word) {
        return byWord.containsKey(word);
    }

    /**
     * Whether {@code word}, not an idiom of this corpus, is still a word one of the source dictionaries knows
     * (so a refusal can say "a four-character word, but not an idiom we know").
     */
    public boolean isKnownWord(String word) {
        return !contains(word) && knownWord.test(word);
    }

    /** Idioms whose first character is {@code c}, in {@link #idioms()} order. */
    public List<Idiom> startingWith(char c) {
        return byFirstChar.getOrDefault(c, List.of());
    }

    /** Idioms whose first syllable is {@code syllable}: tone-marked ("yì") or toneless ("yi"). */
    public List<Idiom> startingWithSyllable(String syllable, boolean toned) {
        return (toned ? byFirstSyllable : byFirstSyllableToneless).getOrDefault(syllable, List.of());
    }

    /** True when no idiom at all starts with {@code c}: a chain that reaches it cannot go on. */
    public boolean isDeadEnd(char c) {
        return !byFirstChar.containsKey(c);
    }

    /** Number of distinct characters no idiom starts with, among the idioms' last characters. */
    public long deadEndCharacters() {
        return idioms.stream().map(Idiom::last).distinct().filter(this::isDeadEnd).count();
    }

    public long count(Tier tier) {
        return idioms.stream().filter(i -> i.tier() == tier).count();
    }

    /** Hex SHA-256 of {@code word\tfrequency\n} over {@link #idioms()}: names this exact corpus in checkpoints. */
    public String checksum() {
        return checksum;
    }

    /** One line of counts, as printed at start-up. */
    public String summary() {
        long deadEndIdioms = idioms.stream().filter(i -> isDeadEnd(i.last())).count();
        return String.format("%,d idioms (%,d core, %,d common, %,d rare; %,d training, %,d held out), "
                + "%,d dead-end idioms, corpus %s",
                size(), count(Tier.CORE), count(Tier.COMMON), count(Tier.RARE), training.size(), heldOut.size(),
                deadEndIdioms, checksum.substring(0, 12));
    }

    private static <K> Map<K, List<Idiom>> index(List<Idiom> idioms, Function<Idiom, K> key) {
        Map<K, List<Idiom>> index = new HashMap<>();
        for (Idiom idiom : idioms) {
            index.computeIfAbsent(key.apply(idiom), k -> new ArrayList<>()).add(idiom);
        }
        index.replaceAll((k, list) -> Collections.unmodifiableList(list));
        return Map.copyOf(index);
    }

    private static String sha256(List<Idiom> idioms) {
        StringBuilder text = new StringBuilder();
        for (Idiom idiom : idioms) {
            text.append(idiom.word()).append('\t').append(idiom.frequency()).append('\n');
        }
        return HexFormat.of().formatHex(digest("SHA-256", text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
