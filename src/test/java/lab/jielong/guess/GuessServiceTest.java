package lab.jielong.guess;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.InputProblem;
import lab.jielong.corpus.TextNormalizer;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.decode.DecodingConfig;
import lab.jielong.models.ModelService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guess game's rounds, scoring and continuation with the shipped decoder. */
class GuessServiceTest {

    private static IdiomCorpus corpus;
    private static GuessService service;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
        service = new GuessService(corpus, ModelService.load(corpus));
    }

    @Test
    void aTypedPrefixGetsTheModelsTopCharactersAndTheDictionarysAnswers() {
        GuessService.Round round = service.round(" 一心一").round().orElseThrow();
        assertEquals("一心一", round.prefix());
        assertTrue(round.answers().containsAll(Set.of('意', '德')), round.answers().toString());
        assertEquals(GuessService.TOP_K, round.top().size());
        double previous = 1;
        for (GuessService.Prediction p : round.top()) {
            assertTrue(p.probability() <= previous);
            previous = p.probability();
        }
        assertTrue(round.modelGuess().isPresent());
        assertTrue(round.unknown().isEmpty());
    }

    @Test
    void afterAWholeIdiomTheAnswerIsItsLastCharacter() {
        assertEquals(Set.of('意'), service.round("一心一意").round().orElseThrow().answers());
        assertEquals(Set.of(), service.round("不知不觉").round().orElseThrow().answers(), "觉 is a dead end");
    }

    @Test
    void typedTextIsChecked() {
        assertEquals(InputProblem.NOT_CHINESE, service.round("abc").problem().orElseThrow().problem());
        assertEquals(InputProblem.TOO_LONG,
                service.round("一".repeat(GuessService.MAX_TEXT + 1)).problem().orElseThrow().problem());
        assertEquals(InputProblem.EMPTY, service.round("  ").problem().orElseThrow().problem());
        assertEquals(InputProblem.TOO_LONG, service.round("x".repeat(1_000_000)).problem().orElseThrow().problem());
    }

    @Test
    void randomRoundsDrawThreeCharactersOfAWellKnownTrainingIdiom() {
        GuessService.Round round = service.randomRound(new Random(7));
        assertEquals(3, round.prefix().length());
        assertTrue(round.source().orElseThrow().word().startsWith(round.prefix()));
        assertFalse(round.source().orElseThrow().heldOut());
        assertTrue(round.answers().contains(round.source().orElseThrow().last()));
    }

    @Test
    void theTallyCountsVisitorAndModel() {
        GuessService.Round round = service.round("一心一").round().orElseThrow();
        GuessService.Reveal right = service.guess(round, "意", GuessService.Tally.zero()).reveal().orElseThrow();
        assertTrue(right.playerRight());
        assertEquals(1, right.tally().player());
        assertEquals(1, right.tally().rounds());
        assertEquals(right.modelRight() ? 1 : 0, right.tally().model());
        assertTrue(right.guessRank() >= 1);
        GuessService.Reveal wrong = service.guess(round, "水", right.tally()).reveal().orElseThrow();
        assertFalse(wrong.playerRight());
        assertEquals(1, wrong.tally().player());
        assertEquals(2, wrong.tally().rounds());
        assertEquals(InputProblem.TOO_LONG, service.guess(round, "意意", GuessService.Tally.zero())
                .problem().orElseThrow().problem());
        // the model's favourite has rank 1
        GuessService.Prediction favourite = round.top().get(0);
        if (!favourite.special()) {
            assertEquals(1, service.guess(round, favourite.text(), GuessService.Tally.zero())
                    .reveal().orElseThrow().guessRank());
        }
    }

    @Test
    void continuationShowsTheDistributionAtEveryStep() {
        GuessService.Continuation c = service.continueText("一心一", 6);
        assertTrue(c.problem().isEmpty());
        assertFalse(c.steps().isEmpty());
        assertTrue(c.steps().size() <= 6);
        assertEquals("一心一", c.steps().get(0).text());
        for (GuessService.Step step : c.steps()) {
            assertEquals(step.top().get(0), step.chosen());
        }
        assertTrue(c.finalText().startsWith("一心一"));
        // the context (32 tokens) bounds a continuation
        GuessService.Continuation longest = service.continueText("一".repeat(GuessService.MAX_TEXT), 100);
        assertTrue(longest.steps().size() <= GuessService.MAX_STEPS);
        assertEquals(List.of(), service.continueText("abc", 3).steps());
    }

    @Test
    void charactersOutsideTheBasicPlaneAreOneCharacterEach() {
        GuessService.Round round = service.round("𠀀𠀁𠀂").round().orElseThrow();
        assertEquals(List.of(0, 1, 2), round.unknown(), "three characters, at positions 0 1 2");
        GuessService.Continuation c = service.continueText("𠀀𠀁𠀂𠀃", 1);
        assertEquals("𠀀𠀁𠀂𠀃 ", c.steps().get(0).text(), "one idiom of four characters, then the separator");
        assertEquals(InputProblem.TOO_LONG, TextNormalizer.checkText("𠀀".repeat(17), GuessService.MAX_TEXT).problem());
        assertTrue(TextNormalizer.checkText("𠀀".repeat(16), GuessService.MAX_TEXT).ok());
        GuessService.Reveal reveal = service.guess(round, "𠀀", GuessService.Tally.zero()).reveal().orElseThrow();
        assertEquals("𠀀", reveal.guess());
        assertEquals(0, reveal.guessProbability());
    }

    @Test
    void continuationTakesTheSnowballLabsPromptsAndDecodingOptions() {
        // the same prompts: any Chinese text whose prompt leaves a position of the context free (24 characters)
        assertEquals(24, service.maxContinuedText());
        String poem = "床前明月光疑是地上霜举头望明月低头思故乡";
        assertTrue(service.continueText(poem, 2).problem().isEmpty());
        assertEquals(InputProblem.TOO_LONG, service.continueText("一".repeat(25), 2).problem().orElseThrow().problem());
        assertEquals("24", service.continueText("一".repeat(25), 2).problem().orElseThrow().detail());
        // the same decoding options: sampling repeats exactly from its seed, so one step more replays the others
        DecodingConfig sampled = DecodingConfig.sampling(1.5, 100, 1.0, 3);
        GuessService.Continuation a = service.continueText("春眠不觉晓", 10, sampled);
        GuessService.Continuation b = service.continueText("春眠不觉晓", 11, sampled);
        // (the tokens; their probabilities only to rounding: the Vector API's exp may round its last bit differently
        // before and after the JIT compiles it, seen here as 0.0027836396 vs 0.0027836405)
        assertEquals(a.steps().stream().map(step -> step.chosen().token()).toList(),
                b.steps().subList(0, a.steps().size()).stream().map(step -> step.chosen().token()).toList());
        for (int i = 0; i < a.steps().size(); i++) {
            assertEquals(a.steps().get(i).chosen().probability(), b.steps().get(i).chosen().probability(), 1e-6);
        }
        GuessService.Continuation other = service.continueText("春眠不觉晓", 10, DecodingConfig.sampling(1.5, 100, 1.0, 4));
        assertNotEquals(a.finalText(), other.finalText());
        boolean offTop = a.steps().stream().anyMatch(step -> !step.chosen().equals(step.top().get(0)));
        assertTrue(offTop, "at temperature 1.5 some step takes a token other than the most likely");
        for (GuessService.Step step : a.steps()) {
            assertTrue(step.chosen().token() != Vocabulary.PAD && step.chosen().token() != Vocabulary.BOS);
        }
    }

    @Test
    void theShippedDecoderKnowsCommonIdioms() {
        int right = 0;
        Random random = new Random(11);
        for (int i = 0; i < 30; i++) {
            GuessService.Round round = service.randomRound(random);
            if (round.modelGuess().map(p -> round.answers().contains(p.text().charAt(0))).orElse(false)) {
                right++;
            }
        }
        assertTrue(right >= 20, right + " of 30 rounds guessed");
        assertTrue(service.round("一心一").round().orElseThrow().answers()
                .contains(service.round("一心一").round().orElseThrow().modelGuess().orElseThrow().text().charAt(0)));
    }
}
