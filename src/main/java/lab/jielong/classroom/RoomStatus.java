package lab.jielong.classroom;

import java.util.Objects;
import java.util.Optional;

/**
 * What a page needs to know about the room its visitor has joined: whether it is open, and the preset its
 * leader pushed, if any, and whether it is locked.
 *
 * @param code         the room's code
 * @param availability open, ended, or the store cannot be reached
 * @param preset       what the leader pushed (empty: nothing yet, or the room is not open)
 * @param locked       the leader locked the preset: pages apply it and keep its controls fixed
 */
public record RoomStatus(String code, Availability availability, Optional<Preset> preset, boolean locked) {

    public RoomStatus {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(preset, "preset");
        locked = locked && preset.isPresent();
    }

    static RoomStatus of(String code, Availability availability) {
        return new RoomStatus(code, availability, Optional.empty(), false);
    }

    /** The preset when the leader has locked it, else empty: what a page must apply and not let change. */
    public Optional<Preset> lockedPreset() {
        return locked ? preset : Optional.empty();
    }
}
