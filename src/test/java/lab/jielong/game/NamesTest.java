package lab.jielong.game;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The names links and the JSON API use for modes, difficulties and sides: each round-trips, and nothing else parses. */
class NamesTest {

    @Test
    void everyValueIsFoundByItsIdAndItsOtherNames() {
        for (MatchMode mode : MatchMode.values()) {
            assertThat(MatchMode.parse(mode.id())).hasValue(mode);
            assertThat(MatchMode.parse(mode.name().toLowerCase())).hasValue(mode);
        }
        assertThat(MatchMode.parse("同字")).hasValue(MatchMode.SAME_CHARACTER);
        assertThat(MatchMode.parse(" 同音 ")).hasValue(MatchMode.SAME_SYLLABLE);
        assertThat(MatchMode.parse("同音同调")).hasValue(MatchMode.SAME_SYLLABLE_AND_TONE);
        for (Difficulty difficulty : Difficulty.values()) {
            assertThat(Difficulty.parse(difficulty.id().toUpperCase())).hasValue(difficulty);
        }
        assertThat(Difficulty.parse("难")).hasValue(Difficulty.HARD);
        for (Side side : Side.values()) {
            assertThat(Side.parse(side.id())).hasValue(side);
        }
        assertThat(Side.parse("Computer")).hasValue(Side.COMPUTER);
    }

    @Test
    void anythingElseIsEmpty() {
        assertThat(MatchMode.parse("rhyme")).isEmpty();
        assertThat(MatchMode.parse(null)).isEmpty();
        assertThat(Difficulty.parse("")).isEmpty();
        assertThat(Side.parse("both")).isEmpty();
    }
}
