package lab.jielong.classroom;

/**
 * The counts a room keeps, one per kind of {@link ClassroomEvent} outcome. Message key
 * {@code classroom.count.<name>}.
 */
public enum Counter {
    MOVES_BY_ATTENDEES, REFUSED_MOVES_BY_ATTENDEES, MOVES_BY_MODEL, INVALID_MOVES_BY_MODEL, GAMES_WON_BY_ATTENDEES, GAMES_WON_BY_MODEL,
    /** Guess rounds where the attendee was right and the model wrong. */
    GUESSES_ATTENDEE_BEAT_MODEL,
    /** ... the model right and the attendee wrong. */
    GUESSES_MODEL_BEAT_ATTENDEE, GUESSES_BOTH_RIGHT, GUESSES_BOTH_WRONG, TRAINING_RUNS_STARTED, TRAINING_RUNS_FINISHED;

    /** The counter an event increments. */
    static Counter of(ClassroomEvent event) {
        if (event instanceof ClassroomEvent.MovePlayed m) {
            return m.by() == ClassroomEvent.Player.ATTENDEE
                    ? (m.valid() ? MOVES_BY_ATTENDEES : REFUSED_MOVES_BY_ATTENDEES)
                    : (m.valid() ? MOVES_BY_MODEL : INVALID_MOVES_BY_MODEL);
        }
        if (event instanceof ClassroomEvent.GameOver g) {
            return g.winner() == ClassroomEvent.Player.ATTENDEE ? GAMES_WON_BY_ATTENDEES : GAMES_WON_BY_MODEL;
        }
        if (event instanceof ClassroomEvent.GuessRound r) {
            return r.attendeeRight()
                    ? (r.modelRight() ? GUESSES_BOTH_RIGHT : GUESSES_ATTENDEE_BEAT_MODEL)
                    : (r.modelRight() ? GUESSES_MODEL_BEAT_ATTENDEE : GUESSES_BOTH_WRONG);
        }
        ClassroomEvent.TrainingRun t = (ClassroomEvent.TrainingRun) event;
        return t.phase() == ClassroomEvent.TrainingRun.Phase.STARTED ? TRAINING_RUNS_STARTED : TRAINING_RUNS_FINISHED;
    }
}
