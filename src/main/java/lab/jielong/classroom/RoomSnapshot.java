package lab.jielong.classroom;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A room's aggregates as the store holds them at one moment: anonymous counts, nothing about any person.
 *
 * @param code      the room's code
 * @param opened    when the leader opened it
 * @param expires   when it ends by itself
 * @param capacity  how many attendees may join
 * @param joined    attendee sessions in the room (each a random id, nothing else)
 * @param present   of those, the ones seen within the present window (an open page or an event)
 * @param counts    every {@link Counter}, zero when nothing happened
 * @param topIdioms the idioms played most in valid moves, most first
 * @param preset    what the leader pushed
 * @param locked    whether the leader locked it
 */
public record RoomSnapshot(String code, Instant opened, Instant expires, int capacity, int joined, int present,
        Map<Counter, Long> counts, List<IdiomCount> topIdioms, Optional<Preset> preset,
        boolean locked) {

    /** An idiom and how many valid moves in the room played it. */
    public record IdiomCount(String idiom, long count) {
    }

    public RoomSnapshot {
        EnumMap<Counter, Long> all = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            all.put(c, counts.getOrDefault(c, 0L));
        }
        counts = Collections.unmodifiableMap(all);
        topIdioms = List.copyOf(topIdioms);
        locked = locked && preset.isPresent();
    }

    public long count(Counter counter) {
        return counts.get(counter);
    }

    public long movesPlayed() {
        return count(Counter.MOVES_BY_ATTENDEES) + count(Counter.REFUSED_MOVES_BY_ATTENDEES)
                + count(Counter.MOVES_BY_MODEL) + count(Counter.INVALID_MOVES_BY_MODEL);
    }

    public long gamesFinished() {
        return count(Counter.GAMES_WON_BY_ATTENDEES) + count(Counter.GAMES_WON_BY_MODEL);
    }

    /** The share of finished games the model won; empty before the first one ends. */
    public Optional<Double> modelWinRate() {
        long games = gamesFinished();
        return games == 0 ? Optional.empty() : Optional.of(count(Counter.GAMES_WON_BY_MODEL) / (double) games);
    }

    public long guessRounds() {
        return count(Counter.GUESSES_ATTENDEE_BEAT_MODEL) + count(Counter.GUESSES_MODEL_BEAT_ATTENDEE)
                + count(Counter.GUESSES_BOTH_RIGHT) + count(Counter.GUESSES_BOTH_WRONG);
    }

    /** The share of guess rounds where the attendee was right and the model wrong; empty before the first. */
    public Optional<Double> attendeesBeatModelRate() {
        long rounds = guessRounds();
        return rounds == 0 ? Optional.empty()
                : Optional.of(count(Counter.GUESSES_ATTENDEE_BEAT_MODEL) / (double) rounds);
    }

    /** Training runs started and not (yet) reported finished. */
    public long trainingRunsRunning() {
        return Math.max(0, count(Counter.TRAINING_RUNS_STARTED) - count(Counter.TRAINING_RUNS_FINISHED));
    }

    RoomStatus status() {
        return new RoomStatus(code, Availability.OPEN, preset, locked);
    }
}
