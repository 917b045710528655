package lab.jielong.game;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chain rules on the real corpus: modes, polyphones, continuation counts, dead ends, difficulty. */
class ChainRulesTest {

    private static IdiomCorpus corpus;
    private static ChainRules rules;

    @BeforeAll
    static void loadCorpus() {
        corpus = IdiomCorpus.load();
        rules = new ChainRules(corpus);
    }

    private static Idiom idiom(String word) {
        return corpus.find(word).orElseThrow(() -> new AssertionError(word + " is not in the corpus"));
    }

    private static Requirement after(String word, MatchMode mode) {
        return Requirement.after(idiom(word), mode);
    }

    @Test
    void requirementTakesTheLastCharacterAndItsReadingInThatIdiom() {
        Requirement r = after("意味深长", MatchMode.SAME_SYLLABLE_AND_TONE);
        assertEquals('长', r.character());
        assertEquals("cháng", r.syllable());
        assertEquals("chang", r.toneless());
        assertEquals("长", after("意味深长", MatchMode.SAME_CHARACTER).key());
        assertEquals("chang", after("意味深长", MatchMode.SAME_SYLLABLE).key());
        assertEquals("cháng", r.key());
        assertEquals("zhǎng", after("揠苗助长", MatchMode.SAME_SYLLABLE_AND_TONE).key());
    }

    @Test
    void sameCharacterIgnoresTheReading() {
        Requirement r = after("意味深长", MatchMode.SAME_CHARACTER);
        assertTrue(r.isMetBy(idiom("长途跋涉")));        // cháng
        assertTrue(r.isMetBy(idiom("长幼有序")));        // zhǎng
        assertFalse(r.isMetBy(idiom("畅所欲言")));       // another character
    }

    @Test
    void sameSyllableUsesEachIdiomsOwnReadingAndIgnoresTone() {
        Requirement chang = after("意味深长", MatchMode.SAME_SYLLABLE);       // … cháng
        assertTrue(chang.isMetBy(idiom("长途跋涉")));                          // cháng
        assertTrue(chang.isMetBy(idiom("畅所欲言")));                          // chàng: tone ignored
        assertFalse(chang.isMetBy(idiom("长幼有序")));                         // same character, read zhǎng
        Requirement zhang = after("揠苗助长", MatchMode.SAME_SYLLABLE);        // … zhǎng
        assertTrue(zhang.isMetBy(idiom("长幼有序")));
        assertTrue(zhang.isMetBy(idiom("张口结舌")));                          // zhāng
        assertFalse(zhang.isMetBy(idiom("长途跋涉")));
    }

    @Test
    void sameSyllableAndToneNeedsTheToneToo() {
        Requirement chang = after("意味深长", MatchMode.SAME_SYLLABLE_AND_TONE);
        assertTrue(chang.isMetBy(idiom("长途跋涉")));
        assertTrue(chang.isMetBy(idiom("尝鼎一脔")));                          // another character, cháng
        assertFalse(chang.isMetBy(idiom("畅所欲言")));                         // chàng
        assertFalse(chang.isMetBy(idiom("长幼有序")));                         // zhǎng
        Requirement zhang = after("揠苗助长", MatchMode.SAME_SYLLABLE_AND_TONE);
        assertTrue(zhang.isMetBy(idiom("掌声雷动")));                          // zhǎng
        assertTrue(zhang.isMetBy(idiom("长幼有序")));
        assertFalse(zhang.isMetBy(idiom("张口结舌")));                         // zhāng
    }

    @Test
    void continuationsAreCountedPerModeBySyllableInTheSyllableModes() {
        Idiom yiWeiShenChang = idiom("意味深长");
        assertEquals(corpus.startingWith('长').size(), rules.continuations(yiWeiShenChang, MatchMode.SAME_CHARACTER));
        assertEquals(corpus.startingWithSyllable("chang", false).size(),
                rules.continuations(yiWeiShenChang, MatchMode.SAME_SYLLABLE));
        assertEquals(corpus.startingWithSyllable("cháng", true).size(),
                rules.continuations(yiWeiShenChang, MatchMode.SAME_SYLLABLE_AND_TONE));
        assertTrue(rules.continuations(yiWeiShenChang, MatchMode.SAME_SYLLABLE)
                > rules.continuations(yiWeiShenChang, MatchMode.SAME_SYLLABLE_AND_TONE));
        // used idioms do not count, nor the idiom itself: 为所欲为 starts and ends with 为
        Idiom weiSuoYuWei = idiom("为所欲为");
        int all = rules.continuations(weiSuoYuWei, MatchMode.SAME_CHARACTER);
        assertEquals(all - 1, rules.remainingContinuations(weiSuoYuWei, MatchMode.SAME_CHARACTER, Set.of()));
        String other = corpus.startingWith('为').stream().map(Idiom::word).filter(w -> !w.equals("为所欲为"))
                .findFirst().orElseThrow();
        assertEquals(all - 2, rules.remainingContinuations(weiSuoYuWei, MatchMode.SAME_CHARACTER,
                Set.of(other)));
        assertEquals(all - 2, rules.remainingContinuations(weiSuoYuWei, MatchMode.SAME_CHARACTER,
                Set.of(other, "为所欲为")));
    }

    @Test
    void deadEndsDependOnTheMode() {
        // No idiom starts with 觉, but several start with jué (决一死战, 绝处逢生 …).
        assertTrue(rules.isDeadEnd(after("不知不觉", MatchMode.SAME_CHARACTER)));
        assertFalse(rules.isDeadEnd(after("不知不觉", MatchMode.SAME_SYLLABLE)));
        assertFalse(rules.isDeadEnd(after("不知不觉", MatchMode.SAME_SYLLABLE_AND_TONE)));
        // No idiom starts with the sound rang at all.
        assertTrue(rules.isDeadEnd(after("熙熙攘攘", MatchMode.SAME_SYLLABLE)));
        assertFalse(rules.isDeadEnd(after("一心一意", MatchMode.SAME_CHARACTER)));
        // 窥豹一斑 is the only idiom starting with 窥: once used, 窥 cannot be continued, though it is no dead end.
        Requirement kui = after("斑豹一窥", MatchMode.SAME_CHARACTER);
        assertFalse(rules.isDeadEnd(kui));
        assertTrue(rules.canContinue(kui, Set.of()));
        assertFalse(rules.canContinue(kui, Set.of("窥豹一斑")));
    }

    @Test
    void candidatesAreTheUnusedIdiomsThatMeetTheRequirement() {
        Requirement r = after("意味深长", MatchMode.SAME_SYLLABLE_AND_TONE);
        Candidates candidates = rules.candidates(MatchMode.SAME_SYLLABLE_AND_TONE, Optional.of(r),
                Set.of("意味深长", "长途跋涉"), Difficulty.EASY);
        assertFalse(candidates.contains("长途跋涉"));
        assertTrue(candidates.contains("长驱直入"));
        assertTrue(candidates.contains("尝鼎一脔"));
        assertFalse(candidates.contains("长幼有序"));
        assertEquals(corpus.startingWithSyllable("cháng", true).size() - 1, candidates.size());
        assertTrue(candidates.firstCharacters().containsAll(Set.of('长', '尝')));
        assertTrue(candidates.list().stream().allMatch(c -> r.isMetBy(c.idiom())));
        // the opening offers every idiom of the dictionary
        assertEquals(corpus.size(), rules.candidates(MatchMode.SAME_CHARACTER, Optional.empty(), Set.of(),
                Difficulty.HARD).size());
    }

    @Test
    void easyPrefersWellKnownIdiomsThatCanBeContinued() {
        Requirement r = after("一心一意", MatchMode.SAME_CHARACTER);
        List<Candidate> list = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(r), Set.of("一心一意"),
                Difficulty.EASY).list();
        Candidate top = list.get(0);
        assertEquals(Tier.CORE, top.idiom().tier());
        assertTrue(top.continuations() > 0);
        // every CORE idiom that leaves continuations comes before every RARE one
        int lastCore = -1;
        int firstRare = Integer.MAX_VALUE;
        for (int i = 0; i < list.size(); i++) {
            Candidate c = list.get(i);
            if (c.idiom().tier() == Tier.CORE && c.continuations() > 0) {
                lastCore = i;
            }
            if (c.idiom().tier() == Tier.RARE) {
                firstRare = Math.min(firstRare, i);
            }
        }
        assertTrue(lastCore < firstRare, "CORE before RARE");
        // ties keep corpus order: the most frequent first
        assertEquals("意味深长", top.word());
    }

    @Test
    void hardPrefersTraps() {
        Requirement r = after("一心一意", MatchMode.SAME_CHARACTER);
        Candidates hard = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(r), Set.of("一心一意"),
                Difficulty.HARD);
        Candidates easy = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(r), Set.of("一心一意"),
                Difficulty.EASY);
        int fewest = hard.list().stream().mapToInt(Candidate::continuations).min().orElseThrow();
        assertEquals(0, fewest, "some idiom starting with 意 is a dead end");
        assertEquals(0, hard.list().get(0).continuations());
        assertTrue(corpus.isDeadEnd(hard.list().get(0).idiom().last()));
        assertTrue(average(hard.top(10)) < average(easy.top(10)));
        // a dead end always beats an idiom with continuations, whatever the tiers
        int firstWithContinuations = indexOf(hard.list(), c -> c.continuations() > 0);
        assertTrue(hard.list().subList(firstWithContinuations, hard.size()).stream()
                .allMatch(c -> c.continuations() > 0));
        // in 同音 the trap is counted by syllable: 意兴索然 (rán) is a dead end in 同字 only
        Candidates hardSyllable = rules.candidates(MatchMode.SAME_SYLLABLE, Optional.of(
                after("一心一意", MatchMode.SAME_SYLLABLE)), Set.of("一心一意"), Difficulty.HARD);
        Candidate top = hardSyllable.list().get(0);
        assertEquals(rules.remainingContinuations(top.idiom(), MatchMode.SAME_SYLLABLE, Set.of("一心一意")),
                top.continuations());
        assertEquals(hardSyllable.list().stream().mapToInt(Candidate::continuations).min().orElseThrow(),
                top.continuations());
    }

    @Test
    void openingAvoidsDeadEndsInBothDifficulties() {
        for (Difficulty difficulty : Difficulty.values()) {
            Candidate top = rules.candidates(MatchMode.SAME_CHARACTER, Optional.empty(), Set.of(), difficulty)
                    .list().get(0);
            assertTrue(top.continuations() > 0, difficulty + " opens with " + top.word());
        }
        Candidate hard = rules.candidates(MatchMode.SAME_CHARACTER, Optional.empty(), Set.of(), Difficulty.HARD)
                .list().get(0);
        Candidate easy = rules.candidates(MatchMode.SAME_CHARACTER, Optional.empty(), Set.of(), Difficulty.EASY)
                .list().get(0);
        assertNotEquals(easy.word(), hard.word());
        assertTrue(hard.continuations() < easy.continuations());
    }

    @Test
    void preferenceIsAWeightInZeroToOne() {
        for (Tier tier : Tier.values()) {
            Idiom sample = corpus.idioms().stream().filter(i -> i.tier() == tier).findFirst().orElseThrow();
            for (Difficulty difficulty : Difficulty.values()) {
                for (int remaining : new int[] {0, 1, 5, 500}) {
                    double w = ChainRules.preference(sample, remaining, difficulty);
                    assertTrue(w > 0 && w <= 1, difficulty + " " + tier + " " + remaining + " -> " + w);
                }
            }
        }
    }

    private static double average(List<Candidate> candidates) {
        return candidates.stream().mapToInt(Candidate::continuations).average().orElseThrow();
    }

    private static int indexOf(List<Candidate> list, java.util.function.Predicate<Candidate> p) {
        for (int i = 0; i < list.size(); i++) {
            if (p.test(list.get(i))) {
                return i;
            }
        }
        return list.size();
    }
}
