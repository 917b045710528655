package lab.jielong.guess;

import lab.jielong.HostileInput;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.models.ModelService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guess service over hostile input ({@link HostileInput}, seeded): a prompt, a guess or a text to continue is
 * either used or refused with one precise, well-formed problem, never an exception; and the service still answers
 * a real round afterwards.
 */
class GuessServicePropertiesTest {

    private static final long SEED = 16;
    private static GuessService service;

    @BeforeAll
    static void load() {
        IdiomCorpus corpus = IdiomCorpus.load();
        service = new GuessService(corpus, ModelService.load(corpus));
    }

    @Test
    void everyInputIsUsedOrRefusedWithOneWellFormedProblem() {
        List<String> failures = new ArrayList<>();
        GuessService.Round round = service.randomRound(new Random(SEED));
        for (String s : HostileInput.cases(SEED, 150)) {
            try {
                service.round(s).problem().ifPresent(p -> wellFormed(failures, s, p));
                service.guess(round, s, GuessService.Tally.zero()).problem().ifPresent(p -> wellFormed(failures, s, p));
                service.continueText(s, 1).problem().ifPresent(p -> wellFormed(failures, s, p));
            } catch (RuntimeException e) {
                failures.add(HostileInput.describe(s) + ": threw " + e);
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(service.round("一心一").round()).isPresent();
    }

    private static void wellFormed(List<String> failures, String s, CheckedInput problem) {
        for (Object arg : problem.messageArgs()) {
            String quoted = String.valueOf(arg);
            if (!HostileInput.wellFormed(quoted) || quoted.length() > 300) {
                failures.add(HostileInput.describe(s) + ": " + problem.problem() + " quotes "
                        + HostileInput.describe(quoted));
            }
        }
        if (!HostileInput.wellFormed(problem.text())) {
            failures.add(HostileInput.describe(s) + ": " + problem.problem() + " keeps a broken text");
        }
    }
}
