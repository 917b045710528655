package lab.jielong.corpus;

import lab.jielong.HostileInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the normaliser over hostile input ({@link HostileInput}, seeded): it never throws; it either
 * accepts a dictionary idiom of Han characters or names one precise problem; what its messages quote is
 * well-formed text of bounded length (except a wrong length's own text, which the rules bound before); and
 * normalising is idempotent.
 */
class TextNormalizerPropertiesTest {

    private static final long SEED = 16;
    private static IdiomCorpus corpus;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
    }

    @Test
    void everyInputIsAnIdiomOrOnePreciseWellFormedRefusal() {
        List<String> failures = new ArrayList<>();
        for (String s : HostileInput.cases(SEED, 400)) {
            try {
                CheckedInput idiom = TextNormalizer.checkIdiom(s, corpus);
                if (idiom.ok()) {
                    check(failures, s, idiom.idiom().isPresent() && corpus.contains(idiom.text())
                            && idiom.text().codePoints().allMatch(TextNormalizer::isHan), "accepted but not an idiom");
                } else {
                    check(failures, s, idiom.idiom().isEmpty(), "refused with an idiom");
                    quotedWell(failures, s, idiom);
                }
                CheckedInput text = TextNormalizer.checkText(s, 16);
                if (!text.ok()) {
                    quotedWell(failures, s, text);
                } else {
                    check(failures, s, text.text().codePoints().allMatch(TextNormalizer::isHan)
                            && text.text().codePointCount(0, text.text().length()) <= 16,
                            "accepted text not Han or too long");
                }
                String once = TextNormalizer.normalize(s).text();
                check(failures, s, TextNormalizer.normalize(once).text().equals(once), "normalising twice changes it");
            } catch (RuntimeException e) {
                failures.add(HostileInput.describe(s) + ": threw " + e);
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    private static void quotedWell(List<String> failures, String s, CheckedInput refused) {
        check(failures, s, refused.problem() != null, "no problem named");
        for (Object arg : refused.messageArgs()) {
            String quoted = String.valueOf(arg);
            check(failures, s, HostileInput.wellFormed(quoted), refused.problem() + " quotes a lone surrogate");
            if (refused.problem() != InputProblem.WRONG_LENGTH) {
                check(failures, s, quoted.length() <= 64, refused.problem() + " quotes " + quoted.length() + " chars");
            }
        }
    }

    private static void check(List<String> failures, String s, boolean ok, String what) {
        if (!ok) {
            failures.add(HostileInput.describe(s) + ": " + what);
        }
    }
}
