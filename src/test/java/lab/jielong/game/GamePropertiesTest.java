package lab.jielong.game;

import lab.jielong.HostileInput;
import lab.jielong.corpus.IdiomCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the rules over hostile input ({@link HostileInput}, seeded): a refused move leaves the position as
 * it was (the chain and whose turn; a refusal does end the streak) and says why in bounded, well-formed text; the game goes on afterwards; and a hostile saved game (what a
 * browser tab hands back after a restart) is refused with {@link IllegalArgumentException} and nothing else.
 */
class GamePropertiesTest {

    private static final long SEED = 16;
    private static ChainRules rules;

    @BeforeAll
    static void load() {
        rules = new ChainRules(IdiomCorpus.load());
    }

    @Test
    void aRefusedMoveChangesNothingButTheStreakAndTheGameGoesOn() {
        Game game = Game.start(rules, GameConfig.defaults().withOpener(Side.HUMAN), 7);
        List<String> failures = new ArrayList<>();
        for (String s : HostileInput.cases(SEED, 300)) {
            int moves = game.history().size();
            List<String> before = game.chain().stream().map(i -> i.word()).toList();
            try {
                MoveResult result = game.playHuman(s);
                if (result.accepted()) {
                    game = Game.start(rules, GameConfig.defaults().withOpener(Side.HUMAN), 7);   // a real idiom got in
                    continue;
                }
                Rejection why = result.rejection().orElseThrow();
                if (game.history().size() != moves || !game.chain().stream().map(i -> i.word()).toList().equals(before)
                        || game.toMove() != Side.HUMAN) {
                    failures.add(HostileInput.describe(s) + ": the refusal changed the position");
                }
                for (Object arg : why.messageArgs()) {
                    String quoted = String.valueOf(arg);
                    if (!HostileInput.wellFormed(quoted) || quoted.length() > 2 * ChainRules.MAX_INPUT_LENGTH) {
                        failures.add(HostileInput.describe(s) + ": " + why.reason() + " quotes "
                                + HostileInput.describe(quoted));
                    }
                }
            } catch (RuntimeException e) {
                failures.add(HostileInput.describe(s) + ": threw " + e);
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(game.playHuman("一心一意").accepted()).as("the game goes on").isTrue();
    }

    @Test
    void aHostileSavedGameIsRefusedPolitely() {
        List<String> failures = new ArrayList<>();
        List<String> saved = new ArrayList<>(HostileInput.cases(SEED + 1, 200));
        for (String s : HostileInput.cases(SEED + 2, 100)) {
            saved.add("J1CEHG:" + s);                         // a valid header before hostile moves
            saved.add("J1CEHG#ff:H" + s + ",C意气风发");
        }
        for (String s : saved) {
            try {
                Game.restore(rules, s);
            } catch (IllegalArgumentException e) {
                // refused: the page says it could not restore the game, in the visitor's language
            } catch (RuntimeException e) {
                failures.add(HostileInput.describe(s) + ": threw " + e);
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
    }
}
