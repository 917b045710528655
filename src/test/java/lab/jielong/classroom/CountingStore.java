package lab.jielong.classroom;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A room store that counts the calls that matter for throttling, and can be switched "unreachable". */
final class CountingStore implements RoomStore {

    private final RoomStore inner;
    final AtomicInteger applies = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    volatile boolean down;

    CountingStore(RoomStore inner) {
        this.inner = inner;
    }

    private void check() {
        if (down) {
            throw new RoomStoreUnavailableException("switched off by the test", null);
        }
    }

    @Override
    public Creation create(String code, Instant now, Duration lifetime, int capacity, int maxRooms) {
        check();
        return inner.create(code, now, lifetime, capacity, maxRooms);
    }

    @Override
    public Optional<RoomSnapshot> read(String code, Instant now, Duration presentWindow, int topIdioms) {
        check();
        reads.incrementAndGet();
        return inner.read(code, now, presentWindow, topIdioms);
    }

    @Override
    public RoomStatus status(String code, Instant now) {
        check();
        return inner.status(code, now);
    }

    @Override
    public Admission admit(String code, String attendeeId, Instant now) {
        check();
        return inner.admit(code, attendeeId, now);
    }

    @Override
    public void leave(String code, String attendeeId) {
        check();
        inner.leave(code, attendeeId);
    }

    @Override
    public boolean apply(String code, RoomDelta delta, Instant now) {
        check();
        applies.incrementAndGet();
        return inner.apply(code, delta, now);
    }

    @Override
    public boolean setPreset(String code, Optional<Preset> preset, boolean locked, Instant now) {
        check();
        return inner.setPreset(code, preset, locked, now);
    }

    @Override
    public void close(String code) {
        check();
        inner.close(code);
    }
}
