package lab.jielong.play;

import lab.jielong.game.ComputerPlayer;
import lab.jielong.game.Turn;
import lab.jielong.models.Models;

import java.util.Optional;

/**
 * The decoder as the game's computer player: {@link lab.jielong.game.Game#computerMove} hands it the turn,
 * it writes its answer with {@link DecoderMoves} (guided or free, as the game is set), streaming each
 * character to the listener, and the game validates and plays the text like any other move. Remembers what
 * it wrote (probabilities, the trace for the panel), for the service to report. One player per move.
 */
final class DecoderPlayer implements ComputerPlayer {

    private final Models models;
    private final CharacterListener listener;
    private DecoderMoves.Written written;

    DecoderPlayer(Models models, CharacterListener listener) {
        this.models = models;
        this.listener = listener;
    }

    @Override
    public Optional<String> reply(Turn turn) {
        written = turn.config().guided()
                ? DecoderMoves.guided(models.decoder(), models.vocabulary(), models.dictionary(), turn, listener)
                : DecoderMoves.free(models.decoder(), models.vocabulary(), turn, listener);
        return Optional.of(written.text());
    }

    /** What it wrote; empty when the game did not ask (not the computer's turn, or the game is over). */
    Optional<DecoderMoves.Written> written() {
        return Optional.ofNullable(written);
    }
}
