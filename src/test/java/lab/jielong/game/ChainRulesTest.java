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
        // the opening offers every idiom of the dictionary that something can follow
        Candidates opening = rules.candidates(MatchMode.SAME_CHARACTER, Optional.empty(), Set.of(), Difficulty.HARD);
        assertEquals(corpus.idioms().stream()
                .filter(i -> rules.remainingContinuations(i, MatchMode.SAME_CHARACTER, Set.of()) > 0).count(),
                opening.size());
        assertFalse(opening.contains("不知不觉"));
        assertTrue(opening.contains("一心一意"));
    }

    @Test
    void candidatesSayWhatEachMoveLeavesTheOtherSide() {
        Candidates after = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(after("一心一意",
                MatchMode.SAME_CHARACTER)), Set.of("一心一意"), Difficulty.EASY);
        for (Candidate c : after.list()) {
            List<Idiom> next = corpus.startingWith(c.idiom().last()).stream()
                    .filter(i -> !i.word().equals(c.word()) && !i.word().equals("一心一意")).toList();
            List<Idiom> known = next.stream().filter(ChainRules::isWellKnown).toList();
            assertEquals(next.size(), c.continuations(), c.word());
            assertEquals(known.size(), c.wellKnown(), c.word());
            assertEquals(known.stream().filter(i -> !corpus.isDeadEnd(i.last())).count(), c.wellKnownOpen(), c.word());
            assertEquals(c.continuations() == 0, c.endsTheGame());
        }
    }

    @Test
    void easyKeepsTheGameGoingWithWellKnownAnswers() {
        Requirement r = after("一心一意", MatchMode.SAME_CHARACTER);
        Candidates easy = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(r), Set.of("一心一意"),
                Difficulty.EASY);
        List<Candidate> list = easy.list();
        Candidate top = list.get(0);
        assertEquals(Tier.CORE, top.idiom().tier());
        assertTrue(top.wellKnownOpen() >= ChainRules.EASY_KNOWN_ANSWERS, top.toString());
        // a dead end weighs 0: never chosen while another move is left
        assertTrue(list.stream().anyMatch(Candidate::endsTheGame), "some idiom starting with 意 is a dead end");
        assertTrue(list.stream().filter(Candidate::endsTheGame).allMatch(c -> c.preference() == 0));
        assertTrue(easy.choices().stream().noneMatch(Candidate::endsTheGame));
        // the same prospect: the better-known idiom first
        Idiom core = corpus.idioms().stream().filter(i -> i.tier() == Tier.CORE).findFirst().orElseThrow();
        Idiom rare = corpus.idioms().stream().filter(i -> i.tier() == Tier.RARE).findFirst().orElseThrow();
        assertTrue(ChainRules.preference(core, 20, 10, 9, 3, Difficulty.EASY)
                > ChainRules.preference(rare, 20, 10, 9, 3, Difficulty.EASY));
        // leaving well-known answers that can be answered beats leaving only rare ones or answers that end it
        assertTrue(ChainRules.preference(rare, 20, 10, 10, 3, Difficulty.EASY)
                > ChainRules.preference(core, 20, 0, 0, 3, Difficulty.EASY));
        assertTrue(ChainRules.preference(core, 20, 10, 10, 3, Difficulty.EASY)
                > ChainRules.preference(core, 20, 10, 5, 3, Difficulty.EASY));
    }

    @Test
    void hardWarmsUpFairlyThenPrefersTraps() {
        Requirement r = after("一心一意", MatchMode.SAME_CHARACTER);
        Candidates warmUp = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(r), Set.of("一心一意"),
                Difficulty.HARD);
        Candidates easy = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(r), Set.of("一心一意"),
                Difficulty.EASY);
        assertTrue(warmUp.choices().stream().noneMatch(Candidate::endsTheGame), "no dead end in the warm-up");
        Candidate fair = warmUp.list().get(0);
        assertTrue(fair.wellKnownOpen() > 0, "it leaves a well-known answer that goes on: " + fair);
        assertTrue(fair.wellKnown() < easy.list().get(0).wellKnown(), "but fewer than easy does");

        // after the warm-up (as many idioms used as HARD_WARMUP): traps
        Set<String> used = new java.util.HashSet<>(Set.of("一心一意"));
        corpus.idioms().stream().map(Idiom::word).filter(w -> !w.startsWith("意")).limit(ChainRules.HARD_WARMUP)
                .forEach(used::add);
        Candidates hard = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(r), used, Difficulty.HARD);
        Candidates easyLate = rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(r), used, Difficulty.EASY);
        assertEquals(0, hard.list().get(0).continuations());
        assertTrue(corpus.isDeadEnd(hard.list().get(0).idiom().last()));
        assertTrue(average(hard.top(10)) < average(easyLate.top(10)));
        // a dead end always beats an idiom with continuations, whatever the tiers
        int firstWithContinuations = indexOf(hard.list(), c -> c.continuations() > 0);
        assertTrue(hard.list().subList(firstWithContinuations, hard.size()).stream()
                .allMatch(c -> c.continuations() > 0));
        // in 同音 the trap is counted by syllable: 意兴索然 (rán) is a dead end in 同字 only
        Candidates hardSyllable = rules.candidates(MatchMode.SAME_SYLLABLE, Optional.of(
                after("一心一意", MatchMode.SAME_SYLLABLE)), used, Difficulty.HARD);
        Candidate top = hardSyllable.list().get(0);
        assertEquals(rules.remainingContinuations(top.idiom(), MatchMode.SAME_SYLLABLE, used), top.continuations());
        assertEquals(hardSyllable.list().stream().mapToInt(Candidate::continuations).min().orElseThrow(),
                top.continuations());
    }

    @Test
    void theOpeningNeverEndsTheGameInEitherDifficulty() {
        for (Difficulty difficulty : Difficulty.values()) {
            Candidates opening = rules.candidates(MatchMode.SAME_CHARACTER, Optional.empty(), Set.of(), difficulty);
            assertTrue(opening.list().stream().allMatch(c -> c.continuations() > 0), difficulty.name());
        }
        Candidate hard = rules.candidates(MatchMode.SAME_CHARACTER, Optional.empty(), Set.of(), Difficulty.HARD)
                .list().get(0);
        Candidate easy = rules.candidates(MatchMode.SAME_CHARACTER, Optional.empty(), Set.of(), Difficulty.EASY)
                .list().get(0);
        assertNotEquals(easy.word(), hard.word());
        assertTrue(hard.wellKnown() < easy.wellKnown());
    }

    @Test
    void preferenceIsAWeightInZeroToOneAndZeroOnlyForADeadEndTheDifficultyAvoids() {
        for (Tier tier : Tier.values()) {
            Idiom sample = corpus.idioms().stream().filter(i -> i.tier() == tier).findFirst().orElseThrow();
            for (Difficulty difficulty : Difficulty.values()) {
                for (int continuations : new int[] {0, 1, 5, 500}) {
                    for (int chain : new int[] {0, ChainRules.HARD_WARMUP}) {
                        int known = continuations / 2;
                        double w = ChainRules.preference(sample, continuations, known, known / 2, chain, difficulty);
                        boolean avoided = continuations == 0
                                && (difficulty == Difficulty.EASY || chain < ChainRules.HARD_WARMUP);
                        assertTrue(avoided ? w == 0 : w > 0 && w <= 1,
                                difficulty + " " + tier + " " + continuations + " " + chain + " -> " + w);
                    }
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
