package lab.jielong.classroom;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What happened in one room since the last write to the store: counter increments, idiom counts and the
 * attendees seen. Events are added here as they arrive and written in one store call per update tick, so
 * a burst of a few hundred moves is one write, not a few hundred. Not thread-safe: the service confines
 * each delta to one {@code ConcurrentHashMap.compute} at a time.
 */
final class RoomDelta {

    final EnumMap<Counter, Long> counts = new EnumMap<>(Counter.class);
    final Map<String, Long> idioms = new HashMap<>();
    final Set<String> seen = new HashSet<>();

    /** Adds one event; {@code countIdiom} says whether its idiom goes into the room's idiom counts. */
    RoomDelta add(ClassroomEvent event, boolean countIdiom) {
        counts.merge(Counter.of(event), 1L, Long::sum);
        if (countIdiom && event instanceof ClassroomEvent.MovePlayed move) {
            idioms.merge(move.idiom(), 1L, Long::sum);
        }
        return this;
    }

    RoomDelta seen(String attendeeId) {
        seen.add(attendeeId);
        return this;
    }

    RoomDelta merge(RoomDelta other) {
        other.counts.forEach((c, n) -> counts.merge(c, n, Long::sum));
        other.idioms.forEach((i, n) -> idioms.merge(i, n, Long::sum));
        seen.addAll(other.seen);
        return this;
    }

    boolean isEmpty() {
        return counts.isEmpty() && idioms.isEmpty() && seen.isEmpty();
    }
}
