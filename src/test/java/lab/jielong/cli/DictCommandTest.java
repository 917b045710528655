package lab.jielong.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.IdiomSelection;
import lab.jielong.corpus.InputProblem;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MoveResult;
import lab.jielong.game.Rejection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dict}: the well-known idioms through {@code dict check}, the hand-judged noise samples, the same
 * verdicts as the game, the counts of {@code dict stats}, and the usage on a wrong subcommand.
 */
class DictCommandTest {

    private static final String RESOURCES = "/lab/jielong/corpus/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static IdiomSelection selection;
    private static IdiomCorpus corpus;

    @BeforeAll
    static void load() {
        selection = IdiomSelection.load();
        corpus = IdiomCorpus.from(selection);
    }

    @Test
    void wellKnownIdiomsAreAccepted() throws IOException {
        List<String> idioms = lines("well-known-idioms.txt");
        List<JsonNode> results = checkThroughTheCommand(idioms);
        List<String> refused = results.stream().filter(r -> !r.get("accepted").asBoolean())
                .map(r -> r.get("text").asText() + " (" + r.get("reason").asText() + ")").toList();
        int accepted = idioms.size() - refused.size();
        double share = accepted / (double) idioms.size();
        System.out.printf("well-known idioms accepted by dict check: %d of %d (%.1f%%); refused: %s%n",
                accepted, idioms.size(), 100 * share, refused);
        java.util.Set<String> previous = java.util.Set.copyOf(selection.jiebaIdioms());
        System.out.printf("the previous dictionary (jieba i alone) accepted %d of them%n",
                idioms.stream().filter(previous::contains).count());
        assertThat(idioms).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
        assertThat(share).isGreaterThanOrEqualTo(0.95);
        for (JsonNode r : results) {
            if (r.get("accepted").asBoolean()) {
                assertThat(r.get("idiom").asText()).isEqualTo(r.get("text").asText());
                assertThat(r.get("pinyin").asText().split(" ")).hasSize(4);
                assertThat(r.get("tier").asText()).isIn("core", "common", "rare");
                assertThat(r.get("sources")).isNotEmpty();
                assertThat(r.get("reason").isNull()).isTrue();
            }
        }
    }

    @Test
    void noiseSamplesAreTheSeededDrawsAndTheirVerdictsHold() throws IOException {
        List<String[]> before = judged("noise-sample-before.tsv");
        List<String[]> after = judged("noise-sample-after.tsv");
        assertThat(words(before)).isEqualTo(DictCommand.sample(selection, "jieba-i", 200, 11));
        assertThat(words(after)).isEqualTo(DictCommand.sample(selection, "rule", 200, 11));
        System.out.println("noise before (jieba i alone): " + noise(before));
        System.out.println("noise after (the rules, before the hand-judged list): " + noise(after));

        // every entry judged not an idiom, in either sample, is refused with the clear word
        for (String[] entry : concat(before, after)) {
            if (entry[1].equals("not")) {
                DictCommand.Checked c = DictCommand.check(entry[0], corpus);
                assertThat(c.accepted()).as(entry[0] + " (" + entry[2] + ")").isFalse();
                assertThat(c.reason()).as(entry[0]).isEqualTo(InputProblem.NOT_AN_IDIOM.name());
            }
        }
        // every entry of the after sample judged an idiom is accepted
        for (String[] entry : after) {
            if (entry[1].equals("idiom")) {
                assertThat(corpus.contains(entry[0])).as(entry[0]).isTrue();
            }
        }
        long kept = before.stream().filter(e -> e[1].equals("idiom") && corpus.contains(e[0])).count();
        long idioms = before.stream().filter(e -> e[1].equals("idiom")).count();
        System.out.printf("idioms of the before sample still accepted: %d of %d%n", kept, idioms);
    }

    @Test
    void theIssuesExamplesGetTheirVerdicts() {
        for (String word : List.of("双侧约束", "投影变换", "土味十足", "先人后已", "条件收敛", "精神文明")) {
            DictCommand.Checked c = DictCommand.check(word, corpus);
            assertThat(c.accepted()).as(word).isFalse();
            assertThat(c.reason()).isEqualTo("NOT_AN_IDIOM");
            assertThat(c.message()).isEqualTo("「" + word + "」 is a four-character word, but not an idiom we know.");
        }
        DictCommand.Checked c = DictCommand.check(" 自相矛盾。", corpus);
        assertThat(c).extracting(DictCommand.Checked::accepted, DictCommand.Checked::idiom, DictCommand.Checked::pinyin,
                DictCommand.Checked::tier).containsExactly(true, "自相矛盾", "zì xiāng máo dùn", "core");
        assertThat(DictCommand.check("对牛弹琴", corpus).accepted()).isTrue();
        assertThat(DictCommand.check("人山人海", corpus).accepted()).isTrue();
        assertThat(DictCommand.check("四三二一", corpus).reason()).isEqualTo("UNKNOWN_IDIOM");
    }

    @Test
    void checkGivesTheGamesVerdictAndMessage() throws IOException {
        ChainRules rules = new ChainRules(corpus);
        List<String> inputs = new ArrayList<>(lines("well-known-idioms.txt"));
        inputs.addAll(words(judged("noise-sample-before.tsv")));
        inputs.addAll(words(judged("noise-sample-after.tsv")));
        inputs.addAll(List.of("", "  ，", "<b>一心一意</b>", "abcd", "一心一意😀", "一心一", "馬到成功", "一見鍾情",
                "一".repeat(ChainRules.MAX_INPUT_LENGTH + 1), "一二三四", "四三二一", "一心一意一心一意"));
        for (String line : inputs) {
            MoveResult game = Game.start(rules, GameConfig.defaults()).playHuman(line);
            DictCommand.Checked c = DictCommand.check(line, corpus);
            if (game.accepted()) {
                assertThat(c.accepted()).as(line).isTrue();
                assertThat(c.idiom()).isEqualTo(game.move().orElseThrow().idiom().orElseThrow().word());
                continue;
            }
            Rejection rejection = game.rejection().orElseThrow();
            boolean inputProblem =
                    Arrays.stream(InputProblem.values()).anyMatch(p -> p.name().equals(rejection.reason().name()));
            if (!inputProblem) {                 // a rule of the chain (none for an opening today): the word is fine
                assertThat(c.accepted()).as(line).isTrue();
                continue;
            }
            assertThat(c.accepted()).as(line).isFalse();
            assertThat(c.reason()).as(line).isEqualTo(rejection.reason().name());
            assertThat(c.message()).as(line).isEqualTo(
                    DictCommand.message(InputProblem.valueOf(c.reason()), rejection.messageArgs().toArray()));
        }
    }

    @Test
    void statsCountEverySourceAndTier() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DictCommand.stats(selection, corpus, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        JsonNode stats = JSON.readTree(printed);
        assertThat(stats.get("idioms").asInt()).isEqualTo(corpus.size());
        JsonNode tiers = stats.get("tiers");
        assertThat(tiers.get("core").asInt() + tiers.get("common").asInt() + tiers.get("rare").asInt())
                .isEqualTo(corpus.size());
        assertThat(stats.get("sources").get("hanlp-core-i").asInt()).isEqualTo(tiers.get("core").asInt());
        assertThat(stats.get("hanlp_i_and_jieba_i").asInt() + stats.get("hanlp_i_not_jieba_i").asInt()
                + stats.get("jieba_i_not_hanlp_i").asInt()).isEqualTo(corpus.size());
        assertThat(stats.get("previous_rule_jieba_i").asInt()).isEqualTo(22_192);
        assertThat(stats.get("refused_candidates").get("listed").asInt()).isPositive();
    }

    @Test
    void theCommandLineChecksLinesAndRefusesUnknownSubcommands() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream("一心一意\n投影变换\n".getBytes(StandardCharsets.UTF_8));
        assertThat(DictCommand.run(new String[] {"dict", "check"}, in, new PrintStream(out), new PrintStream(err)))
                .isZero();
        String[] printed = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(printed).hasSize(2);
        assertThat(JSON.readTree(printed[0]).get("pinyin").asText()).isEqualTo("yī xīn yī yì");
        assertThat(JSON.readTree(printed[1]).get("reason").asText()).isEqualTo("NOT_AN_IDIOM");

        for (String[] args : List.of(new String[] {"dict", "frob"}, new String[] {"dict"})) {
            err.reset();
            assertThat(DictCommand.run(args, InputStream.nullInputStream(), new PrintStream(out), new PrintStream(err)))
                    .isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: dict check");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Lines through {@code dict check} as the command reads and writes them, parsed back from JSON. */
    private static List<JsonNode> checkThroughTheCommand(List<String> lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] input = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        DictCommand.check(new ByteArrayInputStream(input), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                corpus);
        List<JsonNode> results = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            results.add(JSON.readTree(line));
        }
        assertThat(results).hasSameSizeAs(lines);
        return results;
    }

    private static String noise(List<String[]> sample) {
        Map<String, Integer> kinds = new TreeMap<>();
        sample.stream().filter(e -> e[1].equals("not")).forEach(e -> kinds.merge(e[2], 1, Integer::sum));
        int not = kinds.values().stream().mapToInt(Integer::intValue).sum();
        return String.format("%d of %d not idioms %s", not, sample.size(), kinds);
    }

    private static List<String[]> concat(List<String[]> a, List<String[]> b) {
        List<String[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> words(List<String[]> judged) {
        return judged.stream().map(e -> e[0]).toList();
    }

    /** Rows {@code word verdict kind note} of a judged sample; verdict is {@code idiom} or {@code not}. */
    private static List<String[]> judged(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(name)) {
            String[] cols = Arrays.copyOf(line.split("\t", -1), 4);
            assertThat(cols[1]).as(line).isIn("idiom", "not");
            if (cols[1].equals("not")) {
                assertThat(cols[2]).as(line).isIn("compound", "typo", "technical", "fragment", "name");
            }
            rows.add(cols);
        }
        return rows;
    }

    /** The non-comment, non-blank lines of a test resource. */
    private static List<String> lines(String name) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = DictCommandTest.class.getResourceAsStream(RESOURCES + name)) {
            assertThat(in).as(name).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }
}
