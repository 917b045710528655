package lab.jielong.cli;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.models.ModelService;
import lab.jielong.play.PlayService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eval}'s games section prints the self-play figures it returns for the JSON (on a few games here). */
class EvalGamesTest {

    @Test
    void theGamesSectionPrintsWhatItReturns() {
        IdiomCorpus corpus = IdiomCorpus.load();
        PlayService service = new PlayService(corpus, ModelService.load(corpus));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Map<String, Object> section;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            section = EvalCommand.games(service, 6);
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> easy = (Map<String, Object>) section.get("easy");
        @SuppressWarnings("unchecked")
        Map<String, Object> hard = (Map<String, Object>) section.get("hard");
        assertThat(easy.get("games")).isEqualTo(6);
        assertThat(hard.get("difficulty")).isEqualTo("hard");
        assertThat(printed).contains("games (6 seeded self-play games per difficulty, seed 2024")
                .containsPattern("median game length \\(idioms\\) +" + String.format("%.1f", easy.get("median_length"))
                        + " +" + String.format("%.1f", hard.get("median_length")) + " +>= 10")
                .containsPattern("over within two moves +"
                        + String.format("%.1f", 100 * (double) easy.get("over_within_two"))
                        + "% +" + String.format("%.1f", 100 * (double) hard.get("over_within_two")) + "% +<= 10%")
                .contains("games goals met: " + section.get("goals_met"));
        assertThat(section.get("goals_met")).isEqualTo(
                (double) easy.get("median_length") >= 10 && (double) hard.get("median_length") >= 10
                        && (double) easy.get("over_within_two") <= 0.10
                        && (double) hard.get("over_within_two") <= 0.10);
    }
}
