package lab.jielong.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.IdiomSelection;
import lab.jielong.corpus.InputProblem;
import lab.jielong.corpus.Source;
import lab.jielong.corpus.TextNormalizer;
import lab.jielong.corpus.Tier;
import lab.jielong.game.ChainRules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.MessageFormat;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code dict check | stats | sample}: the idiom dictionary from the command line.
 * <ul>
 * <li>{@code dict check} reads lines on standard input and prints one JSON object per line
 *     ({@code text accepted idiom pinyin tier reason message sources}), checked exactly as a typed move of the
 *     game is: longer than {@link ChainRules#MAX_INPUT_LENGTH} is too long, then {@link TextNormalizer#checkIdiom}.</li>
 * <li>{@code dict stats [--json]} prints the counts per source, tier and refusal.</li>
 * <li>{@code dict sample [--size 200] [--seed 11] [--from rule|jieba-i]} prints a seeded random sample, one
 *     word per line, to judge by hand: of what the rules accept before the hand-judged list
 *     ({@code not-idioms.tsv}) is applied, or of the previous dictionary (jieba's {@code i} alone). Both
 *     lists are in code-point order, so the sample does not depend on the list's own verdicts.</li>
 * </ul>
 */
final class DictCommand {

    static final String USAGE = "usage: dict check < lines | dict stats [--json] | "
            + "dict sample [--size N] [--seed S] [--from rule|jieba-i]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DictCommand() {
    }

    static void run(String[] args) throws IOException {
        int status = run(args, System.in, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs {@code dict SUB …}; returns the exit status (2 with the usage on {@code err} for an unknown subcommand). */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        String sub = args.length > 1 ? args[1] : "";
        String[] rest = new String[Math.max(1, args.length - 1)];
        rest[0] = "dict " + sub;
        System.arraycopy(args, Math.min(2, args.length), rest, 1, Math.max(0, args.length - 2));
        PrintStream utf8 = new PrintStream(out, true, StandardCharsets.UTF_8);
        switch (sub) {
            case "check" -> {
                new Options(rest, Set.of(), Set.of());
                check(in, utf8, IdiomCorpus.load());
            }
            case "stats" -> {
                Options o = new Options(rest, Set.of(), Set.of("json"));
                IdiomSelection selection = IdiomSelection.load();
                stats(selection, IdiomCorpus.from(selection), o.flag("json"), utf8);
            }
            case "sample" -> {
                Options o = new Options(rest, Set.of("size", "seed", "from"), Set.of());
                IdiomSelection selection = IdiomSelection.load();
                for (String word : sample(selection, o.get("from", "rule"), o.getInt("size", 200),
                        o.getLong("seed", 11))) {
                    IdiomSelection.Verdict v = selection.verdict(word);
                    utf8.println(word + "\t" + v.count() + "\t" + keys(v.sources()));
                }
            }
            default -> {
                err.println(USAGE + (sub.isEmpty() ? "" : "; unknown subcommand '" + sub + "'"));
                return 2;
            }
        }
        utf8.flush();
        return 0;
    }

    // ---------------------------------------------------------------------------------------------
    // check

    /** What {@code dict check} prints for one line. */
    record Checked(String text, boolean accepted, String idiom, String pinyin, String tier, String reason,
            String message, List<String> sources) {
    }

    /** One line checked as the game checks a typed move. */
    static Checked check(String line, IdiomCorpus corpus) {
        if (line.length() > ChainRules.MAX_INPUT_LENGTH) {
            return refused(line, InputProblem.TOO_LONG, message(InputProblem.TOO_LONG, ChainRules.MAX_INPUT_LENGTH));
        }
        CheckedInput input = TextNormalizer.checkIdiom(line, corpus);
        if (input.ok()) {
            Idiom idiom = input.idiom().orElseThrow();
            return new Checked(line, true, idiom.word(), idiom.pinyinText(),
                    idiom.tier().name().toLowerCase(Locale.ROOT),
                    null, null, keys(idiom.sources()));
        }
        return refused(line, input.problem(), message(input.problem(), input.messageArgs().toArray()));
    }

    /** Reads lines (UTF-8) from {@code in} and prints one JSON object per line to {@code out}. */
    static void check(InputStream in, PrintStream out, IdiomCorpus corpus) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null;) {
            out.println(JSON.writeValueAsString(check(line, corpus)));
        }
    }

    private static Checked refused(String line, InputProblem problem, String message) {
        return new Checked(line, false, null, null, null, problem.name(), message, List.of());
    }

    private static final Properties ENGLISH = englishMessages();

    /** The game's English sentence for a problem ({@code input.<NAME>} of the UI's translations). */
    static String message(InputProblem problem, Object... args) {
        String pattern = ENGLISH.getProperty("input." + problem.name());
        return pattern == null ? problem.name() : new MessageFormat(pattern, Locale.ENGLISH).format(args);
    }

    private static Properties englishMessages() {
        Properties p = new Properties();
        try (InputStream in = DictCommand.class.getResourceAsStream("/vaadin-i18n/translations_en.properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------------
    // stats and samples

    /** Counts per source, tier and refusal, as a table or one JSON object. */
    static Map<String, Object> stats(IdiomSelection selection, IdiomCorpus corpus, boolean json, PrintStream out)
            throws IOException {
        Map<String, Object> sources = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            sources.put(s.key(), corpus.idioms().stream().filter(i -> i.sources().contains(s)).count());
        }
        long hanlpOnly = corpus.idioms().stream()
                .filter(i -> i.sources().contains(Source.HANLP_IDIOM) && !i.sources().contains(Source.JIEBA_IDIOM))
                .count();
        long jiebaOnly = corpus.idioms().stream()
                .filter(i -> i.sources().contains(Source.JIEBA_IDIOM) && !i.sources().contains(Source.HANLP_IDIOM))
                .count();
        long both = corpus.idioms().stream()
                .filter(i -> i.sources().contains(Source.JIEBA_IDIOM) && i.sources().contains(Source.HANLP_IDIOM))
                .count();
        Map<String, Object> witnesses = new LinkedHashMap<>();   // what vouches for the idioms HanLP does not tag
        for (Source s : List.of(Source.HANLP_PINYIN, Source.HANLP_SYNONYM, Source.JIEBA_COUNTED)) {
            witnesses.put(s.key(), corpus.idioms().stream().filter(i -> !i.sources().contains(Source.HANLP_IDIOM)
                    && i.sources().contains(s)).count());
        }
        Map<String, Object> tiers = new LinkedHashMap<>();
        for (Tier t : Tier.values()) {
            tiers.put(t.name().toLowerCase(Locale.ROOT), corpus.count(t));
        }
        Map<String, Object> refused = new LinkedHashMap<>();
        for (IdiomSelection.Refusal r : IdiomSelection.Refusal.values()) {
            if (r != IdiomSelection.Refusal.NOT_TAGGED) {
                refused.put(r.name().toLowerCase(Locale.ROOT),
                        selection.verdicts().stream().filter(v -> v.refusal() == r).count());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idioms", corpus.size());
        m.put("training", corpus.training().size());
        m.put("held_out", corpus.heldOut().size());
        m.put("characters", corpus.idioms().stream().flatMapToInt(i -> i.word().chars()).distinct().count());
        m.put("sources", sources);
        m.put("hanlp_i_and_jieba_i", both);
        m.put("hanlp_i_not_jieba_i", hanlpOnly);
        m.put("jieba_i_not_hanlp_i", jiebaOnly);
        m.put("jieba_i_witnesses", witnesses);
        m.put("tiers", tiers);
        m.put("refused_candidates", refused);
        m.put("previous_rule_jieba_i", selection.jiebaIdioms().size());
        m.put("checksum", corpus.checksum());
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
            return m;
        }
        out.printf("%,d idioms (%,d training, %,d held out), %,d characters; previous rule (jieba i alone): %,d%n",
                corpus.size(), corpus.training().size(), corpus.heldOut().size(), (long) m.get("characters"),
                selection.jiebaIdioms().size());
        out.println("idioms with each source (an idiom usually has several):");
        for (Source s : Source.values()) {
            out.printf("  %-15s %,7d  %s%n", s.key(), (long) sources.get(s.key()), s.description());
        }
        out.printf("  HanLP i and jieba i %,d; HanLP i only %,d; jieba i (with another witness) only %,d%n",
                both, hanlpOnly, jiebaOnly);
        out.printf("  witnesses of those %,d: %s%n", jiebaOnly, witnesses);
        out.println("tiers:");
        tiers.forEach((k, v) -> out.printf("  %-15s %,7d%n", k, (long) v));
        out.println("candidates refused (tagged i by jieba or HanLP):");
        for (IdiomSelection.Refusal r : IdiomSelection.Refusal.values()) {
            if (r != IdiomSelection.Refusal.NOT_TAGGED) {
                out.printf("  %-15s %,7d  %s%n", r.name().toLowerCase(Locale.ROOT),
                        (long) refused.get(r.name().toLowerCase(Locale.ROOT)), r.description());
            }
        }
        out.println("corpus " + corpus.checksum());
        return m;
    }

    /**
     * The {@code size} words of {@code words} whose SHA-256 of {@code "seed:word"} (UTF-8) is smallest: a seeded
     * random sample that is stable when the list changes (a word removed from the list leaves the sample, the
     * others stay), so a judged sample can be drawn again after the rules move.
     */
    static List<String> sample(IdiomSelection selection, String from, int size, long seed) {
        List<String> words = switch (from) {
            case "rule" -> selection.verdicts().stream()
                    .filter(v -> v.accepted() || v.refusal() == IdiomSelection.Refusal.LISTED)
                    .map(IdiomSelection.Verdict::word).toList();
            case "jieba-i" -> selection.jiebaIdioms();
            default -> throw new UsageException("--from rule|jieba-i, not " + from);
        };
        return sample(words, size, seed);
    }

    /** The sample of {@code words} (see above). */
    static List<String> sample(List<String> words, int size, long seed) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String word : words) {
            keys.put(word, sha256(seed + ":" + word));
        }
        return words.stream().distinct().sorted(Comparator.comparing(keys::get)).limit(size).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static List<String> keys(Set<Source> sources) {
        return sources.stream().sorted().map(Source::key).toList();
    }

    static {
        JSON.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
