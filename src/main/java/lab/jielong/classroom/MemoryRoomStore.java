package lab.jielong.classroom;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms in this JVM's memory: nothing to install, lost on restart, not shared between app instances.
 * Ties among the most played idioms are broken as Redis breaks them (reverse code-point order), so both stores
 * show the same list. A room expired at {@code now} is treated as absent and removed when next touched; opening a room first
 * removes every expired one, so memory stays bounded by {@code maxRooms}.
 */
final class MemoryRoomStore implements RoomStore {

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    /** One room; its methods run under the room's lock. */
    private static final class Room {
        final Instant opened;
        final Instant expires;
        final int capacity;
        final EnumMap<Counter, Long> counts = new EnumMap<>(Counter.class);
        final Map<String, Long> idioms = new HashMap<>();
        /** Attendee id → when last seen. */
        final Map<String, Instant> attendees = new HashMap<>();
        Optional<Preset> preset = Optional.empty();
        boolean locked;

        Room(Instant opened, Instant expires, int capacity) {
            this.opened = opened;
            this.expires = expires;
            this.capacity = capacity;
        }
    }

    @Override
    public synchronized Creation create(String code, Instant now, Duration lifetime, int capacity, int maxRooms) {
        rooms.values().removeIf(room -> !now.isBefore(room.expires));
        if (rooms.containsKey(code)) {
            return Creation.CODE_TAKEN;
        }
        if (rooms.size() >= maxRooms) {
            return Creation.TOO_MANY_ROOMS;
        }
        rooms.put(code, new Room(now, now.plus(lifetime), capacity));
        return Creation.CREATED;
    }

    @Override
    public Optional<RoomSnapshot> read(String code, Instant now, Duration presentWindow, int topIdioms) {
        return live(code, now).map(room -> {
            synchronized (room) {
                Instant since = now.minus(presentWindow);
                int present = (int) room.attendees.values().stream().filter(seen -> !seen.isBefore(since)).count();
                List<RoomSnapshot.IdiomCount> top = room.idioms.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                        .limit(topIdioms)
                        .map(e -> new RoomSnapshot.IdiomCount(e.getKey(), e.getValue()))
                        .toList();
                return new RoomSnapshot(code, room.opened, room.expires, room.capacity, room.attendees.size(),
                        present, new EnumMap<>(room.counts), top, room.preset, room.locked);
            }
        });
    }

    @Override
    public RoomStatus status(String code, Instant now) {
        return live(code, now).map(room -> {
            synchronized (room) {
                return new RoomStatus(code, Availability.OPEN, room.preset, room.locked);
            }
        }).orElseGet(() -> RoomStatus.of(code, Availability.ENDED));
    }

    @Override
    public Admission admit(String code, String attendeeId, Instant now) {
        Optional<Room> found = live(code, now);
        if (found.isEmpty()) {
            return Admission.NO_SUCH_ROOM;
        }
        Room room = found.get();
        synchronized (room) {
            if (room.attendees.containsKey(attendeeId)) {
                room.attendees.put(attendeeId, now);
                return Admission.ALREADY_IN;
            }
            if (room.attendees.size() >= room.capacity) {
                return Admission.FULL;
            }
            room.attendees.put(attendeeId, now);
            return Admission.JOINED;
        }
    }

    @Override
    public void leave(String code, String attendeeId) {
        Room room = rooms.get(code);
        if (room != null) {
            synchronized (room) {
                room.attendees.remove(attendeeId);
            }
        }
    }

    @Override
    public boolean apply(String code, RoomDelta delta, Instant now) {
        Optional<Room> found = live(code, now);
        found.ifPresent(room -> {
            synchronized (room) {
                delta.counts.forEach((c, n) -> room.counts.merge(c, n, Long::sum));
                delta.idioms.forEach((i, n) -> room.idioms.merge(i, n, Long::sum));
                delta.seen.forEach(id -> room.attendees.computeIfPresent(id, (k, v) -> now));
            }
        });
        return found.isPresent();
    }

    @Override
    public boolean setPreset(String code, Optional<Preset> preset, boolean locked, Instant now) {
        Optional<Room> found = live(code, now);
        found.ifPresent(room -> {
            synchronized (room) {
                room.preset = preset;
                room.locked = locked && preset.isPresent();
            }
        });
        return found.isPresent();
    }

    @Override
    public void close(String code) {
        rooms.remove(code);
    }

    private Optional<Room> live(String code, Instant now) {
        Room room = rooms.get(code);
        if (room != null && !now.isBefore(room.expires)) {
            rooms.remove(code, room);
            return Optional.empty();
        }
        return Optional.ofNullable(room);
    }
}
