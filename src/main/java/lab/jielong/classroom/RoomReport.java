package lab.jielong.classroom;

import java.util.Optional;

/**
 * What the leader's page receives: the room's availability and, when it is open, its aggregates.
 *
 * @param code         the room's code
 * @param availability open, ended, or the store cannot be reached
 * @param snapshot     the aggregates, present exactly when the room is open
 */
public record RoomReport(String code, Availability availability, Optional<RoomSnapshot> snapshot) {

    static RoomReport open(RoomSnapshot snapshot) {
        return new RoomReport(snapshot.code(), Availability.OPEN, Optional.of(snapshot));
    }

    static RoomReport not(String code, Availability availability) {
        return new RoomReport(code, availability, Optional.empty());
    }
}
