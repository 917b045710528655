package lab.jielong.classroom;

import java.util.Optional;

/**
 * What the leader's page receives: the room's availability and, when it is open, its aggregates.
 *
 * @param code         the room's code
 * @param availability open, ended, or the store cannot be reached
 * @param snapshot     the aggregates, present exactly when the room is open
 * @param sequence     the order of readings on this app instance: an update that arrives after a newer
 *                     reading (say, one the page made itself right after pushing a preset) is older news
 */
public record RoomReport(String code, Availability availability, Optional<RoomSnapshot> snapshot, long sequence) {

    /** Whether this reading was made after {@code other} (or there is no other). */
    public boolean newerThan(Optional<RoomReport> other) {
        return other.map(o -> sequence > o.sequence).orElse(true);
    }
}
