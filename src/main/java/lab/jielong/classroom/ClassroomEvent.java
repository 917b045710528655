package lab.jielong.classroom;

import lab.jielong.game.Side;

import java.util.Objects;

/**
 * Something an attendee's page reports to its room: only what the leader's aggregates count, nothing about
 * the person. Pages send these through {@link ClassroomService#recordHere} (or {@link ClassroomService#record}
 * with a room code kept from {@link ClassroomService#here()}); outside a room they are dropped.
 */
public sealed interface ClassroomEvent {

    /** Who played a move or won a game. */
    enum Player {
        ATTENDEE, MODEL;

        /** The game's sides: the visitor ({@link Side#HUMAN}) is the attendee, the computer the model. */
        public static Player of(Side side) {
            return side == Side.HUMAN ? ATTENDEE : MODEL;
        }
    }

    /**
     * One move of 成语接龙. The idiom is counted among the room's most used ones only when the move was valid
     * and the text is an idiom of the dictionary (so free text typed by a visitor is never stored).
     */
    record MovePlayed(String idiom, Player by, boolean valid) implements ClassroomEvent {
        public MovePlayed {
            idiom = idiom == null ? "" : idiom;
            Objects.requireNonNull(by, "by");
        }
    }

    /** A game ended; {@code winner} won it. */
    record GameOver(Player winner) implements ClassroomEvent {
        public GameOver {
            Objects.requireNonNull(winner, "winner");
        }
    }

    /** A round of "guess the next character": whether the attendee and the model were each right. */
    record GuessRound(boolean attendeeRight, boolean modelRight) implements ClassroomEvent {
        /** The attendee was right where the model was wrong. */
        public boolean attendeeBeatModel() {
            return attendeeRight && !modelRight;
        }
    }

    /** A run of the training lab started or finished (finished includes stopped early). */
    record TrainingRun(Phase phase) implements ClassroomEvent {
        public enum Phase {
            STARTED, FINISHED
        }

        public TrainingRun {
            Objects.requireNonNull(phase, "phase");
        }
    }

    static ClassroomEvent move(String idiom, Player by, boolean valid) {
        return new MovePlayed(idiom, by, valid);
    }

    static ClassroomEvent gameOver(Player winner) {
        return new GameOver(winner);
    }

    static ClassroomEvent guessRound(boolean attendeeRight, boolean modelRight) {
        return new GuessRound(attendeeRight, modelRight);
    }

    static ClassroomEvent trainingStarted() {
        return new TrainingRun(TrainingRun.Phase.STARTED);
    }

    static ClassroomEvent trainingFinished() {
        return new TrainingRun(TrainingRun.Phase.FINISHED);
    }
}
