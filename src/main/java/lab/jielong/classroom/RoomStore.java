package lab.jielong.classroom;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where rooms live: {@link MemoryRoomStore} in this JVM (the default), {@link RedisRoomStore} shared by
 * several app instances. A room holds its settings, anonymous counters, idiom counts, the random ids of its
 * attendees with when each was last seen, and the leader's preset; it disappears by itself when it expires.
 * Every method may throw {@link RoomStoreUnavailableException}; none blocks for long.
 *
 * <p>{@code now} is passed in, not read, so the service's clock decides (the Redis store also lets Redis
 * expire the keys at the same instant).
 */
interface RoomStore {

    enum Creation {
        CREATED, CODE_TAKEN, TOO_MANY_ROOMS
    }

    enum Admission {
        JOINED,
        /** This attendee id was already in the room (a second tab, a reload). */
        ALREADY_IN, FULL, NO_SUCH_ROOM
    }

    /** Opens room {@code code} until {@code now + lifetime} unless the code is taken or {@code maxRooms} are open. */
    Creation create(String code, Instant now, Duration lifetime, int capacity, int maxRooms);

    /** The room's aggregates, with attendees seen since {@code now - presentWindow} as present; empty if none. */
    Optional<RoomSnapshot> read(String code, Instant now, Duration presentWindow, int topIdioms);

    /** The room's availability and preset, cheaper than {@link #read}. */
    RoomStatus status(String code, Instant now);

    /** Seats {@code attendeeId} unless the room is full; an attendee already in the room is only marked seen. */
    Admission admit(String code, String attendeeId, Instant now);

    void leave(String code, String attendeeId);

    /** Adds {@code delta} to the room; false (and nothing written) when the room no longer exists. */
    boolean apply(String code, RoomDelta delta, Instant now);

    /** Sets (or, with an empty preset, clears) the leader's preset; false when the room no longer exists. */
    boolean setPreset(String code, Optional<Preset> preset, boolean locked, Instant now);

    /** Ends the room now: everything it held is deleted. */
    void close(String code);
}
