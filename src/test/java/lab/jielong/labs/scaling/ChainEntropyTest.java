package lab.jielong.labs.scaling;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Tier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loss floor of a corpus small enough to work out by hand. */
class ChainEntropyTest {

    private static Idiom idiom(String w) {
        List<String> s = List.of("a", "b", "c", "d");
        return new Idiom(w, 1, Tier.RARE, s, s, false);
    }

    @Test
    void matchesTheEntropyWorkedOutByHand() {
        // 甲乙丙丁 continues with either 丁戊己庚 or 丁辛壬癸; both of those are dead ends.
        IdiomCorpus corpus = IdiomCorpus.of(List.of(idiom("甲乙丙丁"), idiom("丁戊己庚"), idiom("丁辛壬癸")));
        // Chains, each opened with probability 1/3:
        //   甲乙丙丁 SEP 丁?.. EOS: 10 targets; -log(1/3) for 甲, -log(1/2) for the second idiom's 2nd character
        //   丁戊己庚 EOS and 丁辛壬癸 EOS: 5 targets; -log(2/3) for 丁, -log(1/2) for the 2nd character = log 3
        double expected = (3 * Math.log(3) + Math.log(2)) / 20;
        ChainEntropy.Estimate e = ChainEntropy.estimate(corpus, 32, 200_000, 1);
        assertEquals(expected, e.natsPerToken(), 4 * e.standardError() + 1e-9,
                "estimate " + e.natsPerToken() + " ± " + e.standardError());
        assertTrue(e.standardError() < 0.002, "standard error " + e.standardError());
    }

    @Test
    void aChainCutByTheContextCountsOnlyTheTargetsInIt() {
        // one idiom that continues with itself forever: everything after the first character is certain
        IdiomCorpus corpus = IdiomCorpus.of(List.of(idiom("甲乙丙甲"), idiom("丁乙丙丁")));
        ChainEntropy.Estimate e = ChainEntropy.estimate(corpus, 8, 1000, 1);
        // the first character is a coin flip, the other 7 targets are certain
        assertEquals(Math.log(2) / 8, e.natsPerToken(), 1e-12);
    }
}
