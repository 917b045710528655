package lab.jielong.game;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Playing whole games: turns, every rejection reason, repeats, dead ends, scoring, saving. */
class GameTest {

    private static ChainRules rules;

    @BeforeAll
    static void loadCorpus() {
        rules = new ChainRules(IdiomCorpus.load());
    }

    private static Game game(MatchMode mode) {
        return Game.start(rules, GameConfig.defaults().withMode(mode));
    }

    private static Game game() {
        return game(MatchMode.SAME_CHARACTER);
    }

    private static MoveResult computer(Game game, String answer) {
        return game.playComputer(Optional.of(answer));
    }

    private static void assertAccepted(MoveResult result) {
        assertTrue(result.accepted(), () -> "refused: " + result.rejection());
    }

    private static Rejection assertRefused(MoveResult result, RejectionReason reason) {
        assertFalse(result.accepted(), "accepted");
        Rejection rejection = result.rejection().orElseThrow();
        assertEquals(reason, rejection.reason(), () -> rejection.toString());
        return rejection;
    }

    @Test
    void aChainGrowsMoveByMoveWithWhoAndPinyin() {
        Game game = game();
        assertEquals(Side.HUMAN, game.toMove());
        assertTrue(game.requirement().isEmpty());
        assertAccepted(game.playHuman("一心一意"));
        assertEquals(Side.COMPUTER, game.toMove());
        assertEquals("意", game.requirement().orElseThrow().display());
        assertAccepted(computer(game, "意气风发"));
        assertAccepted(game.playHuman("  发扬光大。"));     // normalised first
        List<Move> history = game.history();
        assertEquals(3, history.size());
        assertEquals(List.of(Side.HUMAN, Side.COMPUTER, Side.HUMAN), history.stream().map(Move::side).toList());
        assertEquals("意气风发", history.get(1).text());
        assertEquals("yì qì fēng fā", history.get(1).pinyinText());
        assertEquals(3, history.get(2).number());
        assertEquals(3, game.chain().size());
        assertFalse(game.isOver());
    }

    @Test
    void traditionalInputIsSimplifiedAndSaidSo() {
        Game game = game();
        MoveResult result = game.playHuman("馬到成功");
        assertAccepted(result);
        assertTrue(result.convertedFromTraditional());
        assertEquals("马到成功", result.move().orElseThrow().text());
    }

    @Test
    void inputProblemsComeFromTheNormaliser() {
        Game game = game();
        assertRefused(game.playHuman("   "), RejectionReason.EMPTY);
        assertEquals("<b>", assertRefused(game.playHuman("<b>一心一意</b>"), RejectionReason.MARKUP).detail());
        Rejection latin = assertRefused(game.playHuman("yixinyiyi"), RejectionReason.NOT_CHINESE);
        assertEquals("input.NOT_CHINESE", latin.messageKey());
        Rejection length = assertRefused(game.playHuman("一心一意意"), RejectionReason.WRONG_LENGTH);
        assertEquals(List.of(5, "一心一意意"), length.messageArgs(), "a count is a number, for the plural");
        assertEquals(List.of("四三二一"),
                assertRefused(game.playHuman("四三二一"), RejectionReason.UNKNOWN_IDIOM).messageArgs());
        // a word the dictionaries know (jieba: m), but no idiom
        Rejection word = assertRefused(game.playHuman("一二三四"), RejectionReason.NOT_AN_IDIOM);
        assertEquals("input.NOT_AN_IDIOM", word.messageKey());
        assertEquals(List.of("一二三四"), word.messageArgs());
        assertEquals(List.of(ChainRules.MAX_INPUT_LENGTH),
                assertRefused(game.playHuman("一".repeat(ChainRules.MAX_INPUT_LENGTH + 1)),
                        RejectionReason.TOO_LONG).messageArgs());
        assertTrue(game.history().isEmpty(), "refused attempts stay out of the history");
        assertEquals(Side.HUMAN, game.toMove());
    }

    @Test
    void wrongStartSaysWhatWasRequiredInEachMode() {
        Game sameChar = game();
        sameChar.playHuman("一心一意");
        computer(sameChar, "意气风发");
        Rejection r = assertRefused(sameChar.playHuman("一心一意"), RejectionReason.WRONG_START);
        assertEquals("move.rejected.WRONG_START.SAME_CHARACTER", r.messageKey());
        assertEquals(List.of("一心一意", "发", "一", "意气风发", "fā"), r.messageArgs());

        Game tone = game(MatchMode.SAME_SYLLABLE_AND_TONE);
        tone.playHuman("意味深长");
        Rejection wrongTone = assertRefused(computer(tone, "畅所欲言"), RejectionReason.WRONG_START);
        assertEquals("cháng", wrongTone.required().orElseThrow().key());
        assertEquals("chàng", wrongTone.offeredStart().orElseThrow());
        assertEquals("move.rejected.WRONG_START.SAME_SYLLABLE_AND_TONE", wrongTone.messageKey());
        assertTrue(tone.history().get(1).failure().isPresent(), "a refused computer answer is a failed move");
        // the polyphone: same character, read zhǎng in 长幼有序
        Rejection polyphone = assertRefused(tone.playHuman("长幼有序"), RejectionReason.WRONG_START);
        assertEquals("zhǎng", polyphone.offeredStart().orElseThrow());
        assertAccepted(tone.playHuman("尝鼎一脔"));      // another character, same syllable and tone

        Game syllable = game(MatchMode.SAME_SYLLABLE);
        syllable.playHuman("意味深长");
        assertEquals("chang", assertRefused(computer(syllable, "长幼有序"), RejectionReason.WRONG_START)
                .required().orElseThrow().display());
        assertAccepted(syllable.playHuman("畅所欲言"));   // chàng meets chang
        Game byChar = game();
        byChar.playHuman("意味深长");
        assertAccepted(computer(byChar, "长幼有序"));
    }

    @Test
    void anIdiomCanBePlayedOnlyOnce() {
        Game game = game();
        assertAccepted(game.playHuman("死里逃生"));
        assertAccepted(computer(game, "生老病死"));
        Rejection repeat = assertRefused(game.playHuman("死里逃生"), RejectionReason.ALREADY_USED);
        assertEquals(List.of("死里逃生", 1, "HUMAN"), repeat.messageArgs());
        assertEquals(Side.HUMAN, repeat.earlier().orElseThrow().side());
        assertAccepted(game.playHuman("死而复生"));
        // the computer cannot repeat either: its answer is a failed move
        Rejection computerRepeat = assertRefused(computer(game, "生老病死"), RejectionReason.ALREADY_USED);
        assertEquals(Side.COMPUTER, computerRepeat.earlier().orElseThrow().side());
        assertFalse(game.candidates().contains("生老病死"));
        assertEquals(Side.HUMAN, game.toMove());
    }

    @Test
    void turnsAndTheEndAreEnforced() {
        Game game = game();
        assertRefused(computer(game, "一心一意"), RejectionReason.NOT_YOUR_TURN);
        game.playHuman("一心一意");
        assertRefused(game.playHuman("意气风发"), RejectionReason.NOT_YOUR_TURN);
        assertEquals(0, game.score().rejected(), "a turn problem is not the player's mistake");
        Outcome outcome = game.giveUp();
        assertEquals(EndReason.GAVE_UP, outcome.reason());
        assertEquals(Side.COMPUTER, outcome.winner());
        assertEquals("game.over.GAVE_UP.HUMAN", outcome.messageKey());
        assertRefused(computer(game, "意气风发"), RejectionReason.GAME_OVER);
        assertRefused(game.playHuman("意气风发"), RejectionReason.GAME_OVER);
        assertTrue(game.hint(3).isEmpty());
        assertEquals(outcome, game.giveUp());
    }

    @Test
    void playingADeadEndWins() {
        Game game = Game.start(rules, GameConfig.defaults().withOpener(Side.COMPUTER));
        List<Idiom> idioms = rules.corpus().idioms();
        Idiom deadEnd = idioms.stream().filter(i -> rules.corpus().isDeadEnd(i.last()))
                .filter(i -> idioms.stream().anyMatch(b -> b.last() == i.first())).findFirst().orElseThrow();
        String before = idioms.stream().filter(b -> b.last() == deadEnd.first()).findFirst().orElseThrow().word();
        assertAccepted(computer(game, before));
        MoveResult result = game.playHuman(deadEnd.word());          // no idiom starts with its last character
        Outcome outcome = result.outcome().orElseThrow();
        assertEquals(Side.HUMAN, outcome.winner());
        assertEquals(EndReason.DEAD_END, outcome.reason());
        assertEquals("game.over.DEAD_END.COMPUTER", outcome.messageKey());
        assertEquals(List.of(String.valueOf(deadEnd.last()), deadEnd.word(), "SAME_CHARACTER"), outcome.messageArgs());
        assertTrue(game.isDeadEnd());
        assertTrue(game.candidates().isEmpty());
        // in 同音 the same idiom goes on: 决一死战 (jué)
        Game syllable = game(MatchMode.SAME_SYLLABLE);
        assertTrue(syllable.playHuman("不知不觉").outcome().isEmpty());
        assertAccepted(computer(syllable, "决一死战"));
    }

    @Test
    void theComputerCanOpenAndTrapThePlayer() {
        Game game = Game.start(rules, GameConfig.defaults().withOpener(Side.COMPUTER));
        assertEquals(Side.COMPUTER, game.toMove());
        assertRefused(game.playHuman("一心一意"), RejectionReason.NOT_YOUR_TURN);
        // 攘 is a dead end in 同字 too: no opening, for the computer either (a failed move)
        Rejection opening = assertRefused(computer(game, "熙熙攘攘"), RejectionReason.NO_CONTINUATION);
        assertEquals(Side.HUMAN, game.toMove());
        assertEquals(1, game.computerFailures());
        assertEquals(List.of("熙熙攘攘", "攘"), opening.messageArgs());
        assertAccepted(game.playHuman("一心一意"));
        MoveResult result = computer(game, "意兴索然");         // 然: nothing starts with it
        assertAccepted(result);
        assertEquals(EndReason.DEAD_END, result.outcome().orElseThrow().reason());
        assertEquals(Side.HUMAN, result.outcome().orElseThrow().loser());
        assertEquals("game.over.DEAD_END.HUMAN", result.outcome().orElseThrow().messageKey());
    }

    @Test
    void anOpeningNothingCouldFollowIsRefusedWithTheReason() {
        Game game = game();
        Rejection r = assertRefused(game.playHuman("不知不觉"), RejectionReason.NO_CONTINUATION);
        assertEquals("move.rejected.NO_CONTINUATION.SAME_CHARACTER", r.messageKey());
        assertEquals(List.of("不知不觉", "觉"), r.messageArgs());
        assertTrue(game.history().isEmpty());
        assertEquals(1, game.score().rejected());
        // the mode decides: in 同音 jué goes on (决一死战)
        assertAccepted(game(MatchMode.SAME_SYLLABLE).playHuman("不知不觉"));
        Rejection rang = assertRefused(game(MatchMode.SAME_SYLLABLE).playHuman("熙熙攘攘"),
                RejectionReason.NO_CONTINUATION);
        assertEquals("move.rejected.NO_CONTINUATION.SAME_SYLLABLE", rang.messageKey());
        assertEquals(List.of("熙熙攘攘", "rang"), rang.messageArgs());
        // an idiom that could only follow itself leaves nothing either: none is offered as an opening
        for (Candidate c : game().turn().candidates().list()) {
            assertTrue(c.continuations() > 0, c.word());
        }
        assertTrue(game().turn().excluded().contains("不知不觉"), "a guided decoder cannot open with it");
    }

    @Test
    void usingUpTheOnlyContinuationExhaustsIt() {
        Game game = game();
        assertAccepted(game.playHuman("窥豹一斑"));   // the only idiom starting with 窥
        MoveResult result = computer(game, "斑豹一窥");
        Outcome outcome = result.outcome().orElseThrow();
        assertEquals(EndReason.EXHAUSTED, outcome.reason());
        assertEquals(Side.COMPUTER, outcome.winner());
        assertEquals("窥", outcome.required().orElseThrow().display());
        assertFalse(game.isDeadEnd());
    }

    @Test
    void theFallbackPlayerPlaysTheBestCandidate() {
        ComputerPlayer best = new BestCandidatePlayer();
        Game easy = game();
        easy.playHuman("一心一意");
        Turn turn = easy.turn();
        String expected = turn.candidates().list().get(0).word();
        assertAccepted(easy.computerMove(best));
        assertEquals(expected, easy.lastIdiom().orElseThrow().word());
        assertFalse(easy.isOver(), "easy does not end the game itself");

        // hard: fair during the warm-up, then a dead-end trap
        Game hard = Game.start(rules, GameConfig.defaults().withDifficulty(Difficulty.HARD));
        while (hard.chain().size() < ChainRules.HARD_WARMUP) {
            assertAccepted(hard.playHuman(hard.candidates().list().stream().filter(c -> c.wellKnownOpen() > 0)
                    .map(Candidate::word).findFirst().orElseThrow()));
            assertAccepted(hard.computerMove(best));
            assertFalse(hard.isOver(), "no trap in the warm-up: " + hard.save());
        }
        assertAccepted(hard.playHuman(hard.candidates().list().stream().map(Candidate::idiom)
                .filter(i -> rules.corpus().startingWith(i.last()).stream()
                        .anyMatch(next -> rules.corpus().isDeadEnd(next.last())))
                .findFirst().orElseThrow().word()));
        MoveResult trap = hard.computerMove(best);
        assertAccepted(trap);
        assertEquals(Side.COMPUTER, trap.outcome().orElseThrow().winner(), "hard sets a dead-end trap: " + hard.save());

        Game opened = Game.start(rules, GameConfig.defaults().withOpener(Side.COMPUTER));
        assertAccepted(opened.computerMove(best));
        assertFalse(opened.isOver(), "the opening move is never a dead end");
        assertEquals(Side.HUMAN, opened.toMove());
    }

    @Test
    void computerTurnGivesWhatAGuidedDecoderNeeds() {
        Game game = game(MatchMode.SAME_SYLLABLE_AND_TONE);
        game.playHuman("意味深长");
        Turn turn = game.turn();
        assertEquals("意味深长", turn.chainText());
        assertTrue(turn.candidates().firstCharacters().containsAll(List.of('长', '尝')));
        assertTrue(turn.excluded().contains("长幼有序"), "allowed first character, wrong reading");
        assertTrue(turn.excluded().contains("意味深长") || !turn.candidates().firstCharacters().contains('意'));
        assertTrue(turn.used().contains("意味深长"));
        assertTrue(turn.candidates().preference("长途跋涉").isPresent());
        assertTrue(turn.candidates().preference("长幼有序").isEmpty());
        // every idiom starting with an allowed character is either a candidate or excluded
        for (char first : turn.candidates().firstCharacters()) {
            rules.corpus().startingWith(first)
                    .forEach(i -> assertTrue(turn.candidates().contains(i.word()) ^ turn.excluded().contains(i.word()),
                            i.word()));
        }
        Game sameChar = game();
        sameChar.playHuman("死里逃生");
        sameChar.playComputer(Optional.of("生老病死"));
        assertAccepted(sameChar.playHuman("死而复生"));
        Turn t2 = sameChar.turn();
        assertEquals(java.util.Set.of('生'), t2.candidates().firstCharacters());
        assertEquals(game().used(), java.util.Set.of());
        assertEquals(sameChar.used(), t2.excluded(), "in 同字 only the used idioms are excluded");
        Game over = game();
        over.giveUp();
        assertThrows(IllegalStateException.class, over::turn);
        long followable = rules.corpus().idioms().stream()
                .filter(i -> rules.remainingContinuations(i, MatchMode.SAME_CHARACTER, java.util.Set.of()) > 0).count();
        assertEquals(followable, game().turn().candidates().size(), "the opening: any idiom something can follow");
    }

    @Test
    void anUnguidedAnswerThatIsNoIdiomIsAFailedMoveAndTheGameGoesOn() {
        Game game = Game.start(rules, GameConfig.defaults().withGuided(false));
        game.playHuman("一心一意");
        MoveResult failed = computer(game, "意思意思");
        assertFalse(failed.accepted());
        assertEquals(RejectionReason.UNKNOWN_IDIOM, failed.rejection().orElseThrow().reason());
        Move move = failed.move().orElseThrow();
        assertEquals(Side.COMPUTER, move.side());
        assertFalse(move.accepted());
        assertEquals(Side.HUMAN, game.toMove());
        assertEquals("意", game.requirement().orElseThrow().display(), "the chain stays where it was");
        assertAccepted(game.playHuman("意气风发"));
        assertFalse(computer(game, "").accepted());                     // no answer at all
        assertEquals(RejectionReason.EMPTY, game.history().get(3).failure().orElseThrow().reason());
        assertAccepted(game.playHuman("发扬光大"));
        MoveResult third = computer(game, "大大大大");
        assertEquals(EndReason.TOO_MANY_FAILURES, third.outcome().orElseThrow().reason());
        assertEquals(Side.HUMAN, third.outcome().orElseThrow().winner());
        assertEquals(Game.MAX_COMPUTER_FAILURES, game.computerFailures());
    }

    @Test
    void scoreAddsAStreakBonus() {
        assertEquals(List.of(1, 2, 3, 4, 5, 5, 5),
                List.of(1, 2, 3, 4, 5, 6, 7).stream().map(Score::pointsFor).toList());
        Game game = Game.start(rules, GameConfig.defaults().withGuided(false));
        game.playHuman("一心一意");                       // streak 1: +1
        computer(game, "意气风发");
        game.playHuman("发扬光大");                       // streak 2: +2
        assertEquals(new Score(3, 2, 2, 2, 0, 0), game.score());
        computer(game, "大显身手");
        game.playHuman("一心一意");                       // wrong start: streak over
        game.playHuman("");                               // empty: not held against the player
        assertEquals(new Score(3, 0, 2, 2, 1, 0), game.score());
        assertAccepted(game.playHuman("手忙脚乱"));       // streak 1: +1
        computer(game, "乱七八糟");
        assertEquals(List.of("糟糠之妻"), game.hint(3).stream().map(Candidate::word).toList());  // ends the streak too
        assertEquals(new Score(4, 0, 2, 3, 1, 1), game.score());
        assertAccepted(game.playHuman("糟糠之妻"));
        assertEquals(5, game.score().points());
    }

    @Test
    void hintsAreValidUnusedContinuationsWellKnownFirst() {
        Game game = Game.start(rules, GameConfig.defaults().withDifficulty(Difficulty.HARD));
        game.playHuman("一心一意");
        computer(game, "意气风发");
        List<Candidate> hints = game.hint(5);
        assertEquals(5, hints.size());
        Requirement required = game.requirement().orElseThrow();
        assertTrue(hints.stream().allMatch(c -> required.isMetBy(c.idiom())));
        assertEquals(rules.candidates(MatchMode.SAME_CHARACTER, Optional.of(required), game.used(), Difficulty.EASY)
                .list().get(0).word(), hints.get(0).word(), "the hint ranks like easy, whatever the difficulty");
        assertEquals(1, game.score().hints());
    }

    @Test
    void savedGamesRoundTrip() {
        Game game = Game.start(rules, new GameConfig(MatchMode.SAME_SYLLABLE, Difficulty.HARD, Side.COMPUTER, false));
        computer(game, "意味深长");
        game.playHuman("长幼有序");                        // refused: zhǎng
        game.playHuman("畅所欲言");
        computer(game, "言,之%四三");                      // failed answer with the separator and the escape
        game.hint(2);
        game.playHuman("言而有信");
        String saved = game.save();
        assertTrue(saved.startsWith("J1SHCF:C意味深长,r,H畅所欲言,X"), saved);

        Game restored = Game.restore(rules, saved);
        assertEquals(saved, restored.save());
        assertEquals(game.config(), restored.config());
        assertEquals(game.history(), restored.history());
        assertEquals(game.score(), restored.score());
        assertEquals(game.toMove(), restored.toMove());
        assertEquals(game.requirement(), restored.requirement());
        assertEquals(game.computerFailures(), restored.computerFailures());
        assertEquals(game.used(), restored.used());

        game.giveUp();
        Game over = Game.restore(rules, game.save());
        assertEquals(game.outcome(), over.outcome());
        Game fresh = Game.start(rules, GameConfig.defaults());
        assertEquals("J1CEHG:", fresh.save());
        assertEquals(fresh.config(), Game.restore(rules, "J1CEHG:").config());
    }

    @Test
    void theSeedIsSavedAndEachTurnDrawsItsOwn() {
        Game game = Game.start(rules, GameConfig.defaults(), 0xBEEFL);
        assertEquals("J1CEHG#beef:", game.save());
        long opening = game.turn().seed();
        game.playHuman("一心一意");
        long second = game.turn().seed();
        assertNotEquals(opening, second, "each move draws differently");
        Game restored = Game.restore(rules, game.save());
        assertEquals(0xBEEFL, restored.seed());
        assertEquals(second, restored.turn().seed(), "a restored game draws as the original");
        assertNotEquals(second, Game.start(rules, GameConfig.defaults(), 1).turn().seed());
        assertEquals(-1L, Game.restore(rules, Game.start(rules, GameConfig.defaults(), -1L).save()).seed());
        assertThrows(IllegalArgumentException.class, () -> Game.restore(rules, "J1CEHG#xyz:"));
        assertThrows(IllegalArgumentException.class, () -> Game.restore(rules, "J1CEHGbeef:"));
    }

    @Test
    void tamperedSavedGamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Game.restore(rules, "J2CEHG:"));
        assertThrows(IllegalArgumentException.class, () -> Game.restore(rules, "J1QEHG:"));
        assertThrows(IllegalArgumentException.class, () -> Game.restore(rules, "J1CEHX:"));
        assertThrows(IllegalArgumentException.class, () -> Game.restore(rules, ""));
        assertThrows(IllegalArgumentException.class, () -> Game.restore(rules, null));
        // two human moves in a row, a wrong start, a repeat, an unknown event, a move after the end
        for (String bad : List.of("J1CEHG:H一心一意,H意气风发", "J1CEHG:H一心一意,C发扬光大",
                "J1CEHG:H死里逃生,C生老病死,H死里逃生", "J1CEHG:H一心一意,Z", "J1CEHG:H不知不觉,C觉悟",
                "J1CEHG:H一心一意,C意气风发,", "J1CEHG:H一心一意,X意气风发")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Game.restore(rules, bad));
            assertTrue(e.getMessage().startsWith("saved game"), e.getMessage());
        }
    }

    @Test
    void escapingRoundTrips() {
        for (String s : List.of("", "a,b", "%", "%2C", "%25", ",,%%", "一心,一意")) {
            assertEquals(s, Game.unescape(Game.escape(s)));
            assertFalse(Game.escape(s).contains(","));
        }
    }
}
