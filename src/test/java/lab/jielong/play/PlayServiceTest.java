package lab.jielong.play;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Tier;
import lab.jielong.game.Candidate;
import lab.jielong.game.Candidates;
import lab.jielong.game.Difficulty;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Move;
import lab.jielong.game.RejectionReason;
import lab.jielong.game.Requirement;
import lab.jielong.game.Side;
import lab.jielong.models.ModelService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Games against the shipped decoder, hints, and the panel's attention data. */
class PlayServiceTest {

    private static IdiomCorpus corpus;
    private static PlayService service;

    @BeforeAll
    static void load() {
        corpus = IdiomCorpus.load();
        service = new PlayService(corpus, ModelService.load(corpus));
    }

    @Test
    void theGuidedComputerStreamsAValidUnusedIdiom() {
        for (MatchMode mode : MatchMode.values()) {
            Game game = service.newGame(GameConfig.defaults().withMode(mode));
            assertTrue(service.playHuman(game, "意味深长").accepted());
            List<Character> streamed = new ArrayList<>();
            ComputerMove move = service.computerMove(game, (c, i, p) -> {
                assertEquals(streamed.size(), i);
                assertTrue(p > 0 && p <= 1);
                streamed.add(c);
            });
            assertTrue(move.result().accepted(), () -> mode + ": " + move);
            assertTrue(move.idiom());
            assertEquals(4, streamed.size());
            assertEquals(move.answer(), streamed.stream().map(String::valueOf).reduce("", String::concat));
            Requirement required = Requirement.after(corpus.find("意味深长").orElseThrow(), mode);
            assertTrue(required.isMetBy(corpus.find(move.answer()).orElseThrow()), mode + " " + move.answer());
            assertTrue(move.probability() > 0 && move.probability() <= 1);
            assertEquals(Side.HUMAN, game.toMove());
        }
    }

    @Test
    void bothModelsAnswerUnaidedAtTheComputersTurnJudgedByTheRules() {
        Game game = service.newGame(GameConfig.defaults());
        assertTrue(service.playHuman(game, "一心一意").accepted());
        String before = game.save();
        FreeAnswers free = service.freeAnswers(game).orElseThrow();
        assertEquals(before, game.save(), "the game is not changed");
        assertEquals(List.of("<bos>", "一", "心", "一", "意", "<sep>"), free.prompt());
        for (FreeAnswers.Answer a : List.of(free.decoder(), free.peeking())) {
            assertTrue(a.text().length() <= 4);
            boolean legal = a.text().length() == 4 && corpus.contains(a.text()) && a.text().charAt(0) == '意';
            assertEquals(legal, a.valid(), a.toString());
            assertEquals(!legal, a.why().isPresent(), a.toString());
            assertEquals(a.text(), a.tokens().stream().filter(t -> !t.startsWith("<")).reduce("", String::concat));
        }
        // the decoder, trained under the mask, answers as it plays; the peeking model, which always saw the answer
        // while training, does not manage (the shipped models, measured: see the README's pages)
        assertTrue(free.decoder().valid(), free.decoder().toString());
        assertFalse(free.peeking().valid(), free.peeking().toString());
        service.computerMove(game, (c, i, p) -> {
        });
        assertTrue(service.freeAnswers(game).isEmpty(), "the visitor's turn: no answers to give away");
    }

    @Test
    void theComputerCanOpenAndHardPlaysTraps() {
        Game game = service.newGame(GameConfig.defaults().withOpener(Side.COMPUTER));
        assertTrue(service.computerMove(game, (c, i, p) -> {
        }).result().accepted());
        assertFalse(game.isOver());
        // in the warm-up, hard leaves few well-known answers (but one that goes on); easy leaves many
        double hardKnown = 0;
        double easyKnown = 0;
        for (long seed = 1; seed <= 10; seed++) {
            for (Difficulty difficulty : Difficulty.values()) {
                Game g = service.newGame(GameConfig.defaults().withDifficulty(difficulty), seed);
                service.playHuman(g, "一心一意");
                Candidates options = g.candidates();
                ComputerMove move = service.computerMove(g, (c, i, p) -> {
                });
                assertTrue(move.result().accepted());
                Candidate played = options.find(move.answer()).orElseThrow();
                assertTrue(played.wellKnownOpen() > 0, difficulty + " leaves an answer that goes on: " + played);
                if (difficulty == Difficulty.HARD) {
                    hardKnown += played.wellKnown();
                } else {
                    easyKnown += played.wellKnown();
                }
            }
        }
        assertTrue(hardKnown < easyKnown, "hard " + hardKnown + ", easy " + easyKnown);
    }

    @Test
    void theComputerSamplesItsAnswerFromTheGamesSeed() {
        Set<String> answers = new HashSet<>();
        for (long seed = 1; seed <= 12; seed++) {
            String answer = answerTo("一心一意", seed);
            assertEquals(answer, answerTo("一心一意", seed), "the same seed, the same answer");
            answers.add(answer);
        }
        assertTrue(answers.size() >= 3, "easy varies its answers: " + answers);
    }

    private String answerTo(String opening, long seed) {
        Game game = service.newGame(GameConfig.defaults(), seed);
        service.playHuman(game, opening);
        return service.computerMove(game, (c, i, p) -> {
        }).answer();
    }

    @Test
    void easyNeverEndsTheGameWhileItHasAnotherMove() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 30; i++) {
            Game game = service.newGame(GameConfig.defaults(), random.nextLong());
            List<Candidate> openings = game.candidates().list();
            service.playHuman(game, openings.get(random.nextInt(Math.min(2000, openings.size()))).word());
            Candidates options = game.candidates();
            service.computerMove(game, (c, index, p) -> {
            });
            boolean couldGoOn = options.list().stream().anyMatch(c -> !c.endsTheGame());
            assertTrue(!couldGoOn || !game.isOver(), game.save());
        }
    }

    @Test
    void anUnguidedAnswerIsReportedHonestlyAndTheGameGoesOn() {
        Game game = service.newGame(GameConfig.defaults().withGuided(false));
        service.playHuman(game, "一心一意");
        ComputerMove move = service.computerMove(game, (c, i, p) -> {
        });
        assertFalse(move.guided());
        assertEquals(corpus.contains(move.answer()), move.idiom());
        Move last = game.history().get(game.history().size() - 1);
        assertEquals(Side.COMPUTER, last.side());
        if (!move.result().accepted()) {
            assertFalse(last.accepted());
            assertEquals(Side.HUMAN, game.toMove());
            assertEquals("意", game.requirement().orElseThrow().display(), "the chain stays on the visitor's idiom");
            assertTrue(service.playHuman(game, "意气风发").accepted());
        }
        Game restored = service.restore(game.save());
        assertEquals(game.history(), restored.history());
    }

    @Test
    void hintsAreValidContinuationsWithRenormalisedProbabilities() {
        Game game = service.newGame(GameConfig.defaults());
        service.playHuman(game, "一心一意");
        service.computerMove(game, (c, i, p) -> {
        });
        List<Hint> hints = service.hint(game, 5);
        assertFalse(hints.isEmpty());
        Requirement required = game.requirement().orElseThrow();
        double sum = 0;
        double previous = 1;
        for (Hint hint : hints) {
            assertTrue(required.isMetBy(hint.idiom()));
            assertFalse(game.used().contains(hint.idiom().word()));
            double p = hint.probability();
            assertTrue(p <= previous + 1e-12);
            previous = p;
            sum += p;
        }
        assertTrue(sum <= 1 + 1e-9);
        assertEquals(1, game.score().hints());
        assertEquals(List.of(), service.hint(service.newGame(GameConfig.defaults().withOpener(Side.COMPUTER)), 5));
        // the opening (thousands of first characters): the search starts from the model's likeliest ones
        Game fresh = service.newGame(GameConfig.defaults());
        List<Hint> opening = service.hint(fresh, 3);
        assertFalse(opening.isEmpty());
        assertTrue(opening.stream().allMatch(h -> h.probability() > 0 && h.probability() < 1));
        assertEquals(1, fresh.score().hints());
    }

    @Test
    void thePanelShowsCausalAndPeekingAttention() {
        Game game = service.newGame(GameConfig.defaults());
        service.playHuman(game, "一心一意");
        ComputerMove move = service.computerMove(game, (c, i, p) -> {
        });
        Panel fromMove = service.panel(move);
        Panel panel = service.panel(game);
        assertEquals(fromMove.tokens(), panel.tokens(), "the move's panel is the panel of the chain's last two idioms");
        int T = panel.tokens().size();
        assertEquals(10, T);                                   // <bos> 一心一意 <sep> answer
        assertEquals("<bos>", panel.tokens().get(0));
        assertEquals("<sep>", panel.tokens().get(5));
        assertEquals(move.answer(), String.join("", panel.tokens().subList(6, 10)));
        for (Panel p : List.of(panel, fromMove)) {
            for (float[][][] layer : p.decoderAttention()) {
                for (float[][] head : layer) {
                    assertEquals(T, head.length);
                    for (int t = 0; t < T; t++) {
                        double rowSum = 0;
                        for (int t2 = 0; t2 < T; t2++) {
                            rowSum += head[t][t2];
                            if (t2 > t) {
                                assertEquals(0f, head[t][t2], "the decoder never looks right");
                            }
                        }
                        assertEquals(1, rowSum, 1e-4);
                    }
                }
            }
            assertEquals(0, p.futureShare()[T - 1], 1e-9, "nothing lies right of the last position");
            assertTrue(p.futureShare()[0] > 0, "the peeking model looks right");
            FutureRemoved future = p.future().orElseThrow();
            assertEquals(T - 2, future.position());
            assertEquals(panel.tokens().get(T - 1), future.actual());
            assertTrue(future.decoder().probability() > 0 && future.peeking().probability() > 0);
        }
        // the same numbers whether computed during the move or afterwards
        FutureRemoved a = panel.future().orElseThrow();
        FutureRemoved b = fromMove.future().orElseThrow();
        assertEquals(a.decoderOnActual(), b.decoderOnActual(), 1e-5);
        assertEquals(a.peekingOnActual(), b.peekingOnActual(), 1e-5);
        assertEquals(panel.decoderAttention()[0][0][T - 1][3], fromMove.decoderAttention()[0][0][T - 1][3], 1e-5);
        // an empty chain: only BOS, no position to examine
        assertTrue(service.panel(service.newGame(GameConfig.defaults())).future().isEmpty());
    }

    @Test
    void movesOutOfTurnAreRefusedWithoutTouchingTheModel() {
        Game game = service.newGame(GameConfig.defaults());
        ComputerMove move = service.computerMove(game, (c, i, p) -> {
            throw new AssertionError();
        });
        assertEquals(RejectionReason.NOT_YOUR_TURN, move.result().rejection().orElseThrow().reason());
        assertTrue(game.history().isEmpty());
    }

    @Test
    void theShippedDecoderMostlyPlaysValidIdiomsUnaidedAndTheFutureRemovedHurtsOnlyThePeekingModel() {
        List<Idiom> prompts = corpus.training().stream()
                .filter(i -> i.tier() == Tier.CORE && !corpus.isDeadEnd(i.last())).limit(40).toList();
        int valid = 0;
        double decoderOnActual = 0;
        double peekingOnActual = 0;
        for (Idiom prompt : prompts) {
            Game game = service.newGame(GameConfig.defaults().withGuided(false));
            service.playHuman(game, prompt.word());
            ComputerMove move = service.computerMove(game, (c, i, p) -> {
            });
            if (move.result().accepted()) {
                valid++;
            }
            FutureRemoved future = service.panel(game, 3).future().orElseThrow();  // <bos> X1 X2 X3 → X4
            decoderOnActual += future.decoderOnActual();
            peekingOnActual += future.peekingOnActual();
        }
        assertTrue(valid >= prompts.size() / 2, valid + " of " + prompts.size() + " unaided answers valid");
        assertTrue(decoderOnActual > peekingOnActual,
                "without the future the decoder should predict better: " + decoderOnActual + " vs " + peekingOnActual);
    }
}
