package lab.jielong.classroom;

import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.PreDestroy;
import lab.jielong.corpus.IdiomCorpus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Classroom mode: a leader opens a room, attendees join it with its code, their pages report what happens
 * ({@link ClassroomEvent}), and the leader sees anonymous aggregates and pushes a {@link Preset} to everyone.
 * See {@code package-info.java} for how a page takes part in a few lines.
 *
 * <h2>How updates stay smooth in a room of hundreds</h2>
 * {@link #record} never touches the store: it adds the event to the room's pending {@link RoomDelta}. A tick
 * every {@code jielong.classroom.update-interval} (250 ms: four a second) writes each room's delta in one
 * store call, tells the other app instances once ({@link RoomEvents}), reads each changed room once, and hands
 * that one reading to every page of this instance that shows the room. Attendee pages hear only when the
 * room's status or preset changes, never because of a move. Every few seconds the rooms shown here are read
 * again anyway, to notice expiry, a store that came back, and messages pub/sub lost.
 *
 * <h2>Failure</h2>
 * When the store cannot be reached, calls answer {@link Availability#UNAVAILABLE} (rooms say so) and events
 * wait in memory, merged, until it is back; no method of this class throws because of the store.
 */
@Service
public class ClassroomService {

    private static final Logger log = LoggerFactory.getLogger(ClassroomService.class);

    /** How many of the most played idioms a room shows. */
    public static final int TOP_IDIOMS = 10;
    /** Rooms shown here are read again at least this often, changed or not. */
    static final Duration REFRESH = Duration.ofSeconds(5);
    static final String SEAT = ClassroomService.class.getName() + ".seat";
    static final String LEADS = ClassroomService.class.getName() + ".leads";
    /** The room's status as this session read it last while the store could be reached. */
    static final String LAST_STATUS = ClassroomService.class.getName() + ".lastStatus";

    private final RoomStore store;
    private final RoomEvents events;
    private final Predicate<String> isIdiom;
    private final ClassroomProperties settings;
    private final Clock clock;
    private final RandomGenerator random = new SecureRandom();

    private final Map<String, RoomDelta> pending = new ConcurrentHashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final Map<String, Watchers> watchers = new ConcurrentHashMap<>();
    private final ReentrantLock ticking = new ReentrantLock();
    private final AtomicLong readings = new AtomicLong();
    private final ScheduledExecutorService timer;
    private Instant nextRefresh = Instant.MIN;

    /** The pages of this instance that show one room. */
    private static final class Watchers {
        final List<Consumer<RoomReport>> leaders = new CopyOnWriteArrayList<>();
        final List<AttendeeWatcher> attendees = new CopyOnWriteArrayList<>();

        boolean isEmpty() {
            return leaders.isEmpty() && attendees.isEmpty();
        }
    }

    /** An attendee's page: told only when the status differs from what it was last told. */
    private static final class AttendeeWatcher {
        final Seat seat;
        final Consumer<RoomStatus> listener;
        volatile RoomStatus last;

        AttendeeWatcher(Seat seat, Consumer<RoomStatus> listener) {
            this.seat = seat;
            this.listener = listener;
        }
    }

    @Autowired
    public ClassroomService(RoomStore store, RoomEvents events, IdiomCorpus corpus, ClassroomProperties settings) {
        this(store, events, corpus::contains, settings, Clock.systemUTC());
    }

    ClassroomService(RoomStore store, RoomEvents events, Predicate<String> isIdiom, ClassroomProperties settings,
            Clock clock) {
        this.store = store;
        this.events = events;
        this.isIdiom = isIdiom;
        this.settings = settings;
        this.clock = clock;
        events.subscribe(code -> {
            if (watchers.containsKey(code)) {
                changed.add(code);
            }
        });
        if (settings.updateInterval().isZero()) {
            timer = null;
        } else {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "jielong-classroom");
                thread.setDaemon(true);
                return thread;
            });
            long millis = settings.updateInterval().toMillis();
            timer.scheduleWithFixedDelay(this::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    public ClassroomProperties settings() {
        return settings;
    }

    // ---------------------------------------------------------------------------------------------
    // the leader

    /** Opens a new room with a fresh code. */
    public Opening open() {
        Instant now = clock.instant();
        try {
            for (int attempt = 0; attempt < 8; attempt++) {
                String code = RoomCodes.random(random);
                RoomStore.Creation creation = store.create(code, now, settings.roomLifetime(), settings.capacity(),
                        settings.maxRooms());
                if (creation == RoomStore.Creation.CREATED) {
                    log.info("Classroom {} opened until {}", code, now.plus(settings.roomLifetime()));
                    return new Opening(Opening.Outcome.OPENED, Optional.of(code));
                }
                if (creation == RoomStore.Creation.TOO_MANY_ROOMS) {
                    return new Opening(Opening.Outcome.TOO_MANY_ROOMS, Optional.empty());
                }
            }
            return new Opening(Opening.Outcome.TOO_MANY_ROOMS, Optional.empty());
        } catch (RoomStoreUnavailableException e) {
            return new Opening(Opening.Outcome.UNAVAILABLE, Optional.empty());
        }
    }

    /** Opens a new room led by this browser session (which stops leading the one it led before, if any). */
    public Opening openHere() {
        Opening opening = open();
        opening.code().ifPresent(code -> session().ifPresent(s -> {
            leadingHere().ifPresent(this::closeRoom);
            s.setAttribute(LEADS, code);
        }));
        return opening;
    }

    /** The room this browser session leads, if it opened one (which may since have ended). */
    public Optional<String> leadingHere() {
        return session().map(s -> (String) s.getAttribute(LEADS));
    }

    /** Ends the room now, for everyone in it. */
    public Availability closeRoom(String code) {
        session().filter(s -> code.equals(s.getAttribute(LEADS))).ifPresent(s -> s.setAttribute(LEADS, null));
        try {
            store.close(code);
            pending.remove(code);
            changed(code);
            return Availability.ENDED;
        } catch (RoomStoreUnavailableException e) {
            return Availability.UNAVAILABLE;
        }
    }

    /** Pushes {@code preset} (empty: none) to everyone in the room; {@code locked}: pages keep it fixed. */
    public Availability push(String code, Optional<Preset> preset, boolean locked) {
        try {
            if (!store.setPreset(code, preset, locked, clock.instant())) {
                return Availability.ENDED;
            }
            changed(code);
            return Availability.OPEN;
        } catch (RoomStoreUnavailableException e) {
            return Availability.UNAVAILABLE;
        }
    }

    /** The room's aggregates as they are now. */
    public RoomReport report(String code) {
        long sequence = readings.incrementAndGet();
        try {
            return store.read(code, clock.instant(), settings.presentWindow(), TOP_IDIOMS)
                    .map(room -> new RoomReport(code, Availability.OPEN, Optional.of(room), sequence))
                    .orElseGet(() -> new RoomReport(code, Availability.ENDED, Optional.empty(), sequence));
        } catch (RoomStoreUnavailableException e) {
            return new RoomReport(code, Availability.UNAVAILABLE, Optional.empty(), sequence);
        }
    }

    /**
     * Calls {@code listener} with the room's report whenever it changed, at most once per update interval, on
     * the classroom's thread (wrap UI work in {@code UI.access}). The first call comes at the next tick.
     */
    public Registration watch(String code, Consumer<RoomReport> listener) {
        watchers.compute(code, (k, w) -> {
            Watchers room = w == null ? new Watchers() : w;
            room.leaders.add(listener);
            return room;
        });
        changed.add(code);
        return () -> unwatch(code, room -> room.leaders.remove(listener));
    }

    /** The address phones open to join: {@code jielong.classroom.public-url} if set, else {@code seenByLeader}. */
    public String joinLink(String code, String seenByLeader) {
        String base = settings.publicUrl().isEmpty() ? seenByLeader.replaceAll("/+$", "") : settings.publicUrl();
        return base + "/" + joinPath(code);
    }

    /** The attendee page's route for a room, relative to the application's root. */
    public static String joinPath(String code) {
        return "join/" + code;
    }

    public QrCode qrCode(String link) {
        return QrCode.of(link);
    }

    // ---------------------------------------------------------------------------------------------
    // attendees

    /** Seats a new anonymous attendee in the room with the code typed (spaces, dashes and case do not matter). */
    public JoinResult join(String typed) {
        String code = RoomCodes.normalise(typed);
        JoinResult.Outcome check = RoomCodes.check(code);
        if (check != JoinResult.Outcome.JOINED) {
            return JoinResult.of(check, check == JoinResult.Outcome.NO_CODE ? "" : typed.strip());
        }
        return admit(code, HexFormat.of().formatHex(randomBytes()));
    }

    /**
     * Seats this browser session in the room (one seat per session: joining another room leaves the first;
     * joining the same room again keeps the seat).
     */
    public JoinResult joinHere(String typed) {
        Optional<Seat> current = seatHere();
        String code = RoomCodes.normalise(typed);
        if (current.isPresent() && current.get().code().equals(code)) {
            return admit(code, current.get().attendeeId());
        }
        JoinResult result = join(typed);
        if (result.outcome() == JoinResult.Outcome.JOINED) {
            current.ifPresent(this::leave);
            session().ifPresent(s -> s.setAttribute(SEAT, result.seat().orElseThrow()));
        }
        return result;
    }

    private JoinResult admit(String code, String attendeeId) {
        try {
            return switch (store.admit(code, attendeeId, clock.instant())) {
                case JOINED, ALREADY_IN -> {
                    changed(code);
                    yield new JoinResult(JoinResult.Outcome.JOINED, code, Optional.of(new Seat(code, attendeeId)));
                }
                case FULL -> JoinResult.of(JoinResult.Outcome.FULL, code);
                case NO_SUCH_ROOM -> JoinResult.of(JoinResult.Outcome.NO_SUCH_ROOM, code);
            };
        } catch (RoomStoreUnavailableException e) {
            return JoinResult.of(JoinResult.Outcome.UNAVAILABLE, code);
        }
    }

    /** Gives up the seat (the attendee no longer counts as joined). */
    public void leave(Seat seat) {
        try {
            store.leave(seat.code(), seat.attendeeId());
            changed(seat.code());
        } catch (RoomStoreUnavailableException e) {
            // the seat expires with the room
        }
    }

    /** This browser session leaves its room, if it is in one. */
    public void leaveHere() {
        seatHere().ifPresent(seat -> {
            leave(seat);
            session().ifPresent(s -> s.setAttribute(SEAT, null));
        });
    }

    /** This browser session's seat, if it joined a room. */
    public Optional<Seat> seatHere() {
        return session().map(s -> (Seat) s.getAttribute(SEAT));
    }

    /**
     * Is this browser session in a room, and what did its leader push? Empty outside a room (and outside a
     * Vaadin request). The status says whether the room is still open; {@link RoomStatus#lockedPreset()} is what
     * a page must apply and keep fixed. Counts the attendee as present. While the store cannot be reached the
     * status is {@link Availability#UNAVAILABLE} with the preset and lock this session read last, so a lock holds
     * through the outage.
     */
    public Optional<RoomStatus> here() {
        return seatHere().map(seat -> {
            seen(seat);
            RoomStatus now = status(seat.code());
            Optional<VaadinSession> session = session();
            if (now.availability() != Availability.UNAVAILABLE) {
                session.ifPresent(s -> s.setAttribute(LAST_STATUS, now));
                return now;
            }
            return session.map(s -> s.getAttribute(LAST_STATUS)).filter(RoomStatus.class::isInstance)
                    .map(RoomStatus.class::cast).filter(last -> last.code().equals(seat.code()))
                    .map(last -> new RoomStatus(seat.code(), Availability.UNAVAILABLE, last.preset(), last.locked()))
                    .orElse(now);
        });
    }

    /** The room's availability and preset now. */
    public RoomStatus status(String code) {
        try {
            return store.status(code, clock.instant());
        } catch (RoomStoreUnavailableException e) {
            return RoomStatus.of(code, Availability.UNAVAILABLE);
        }
    }

    /**
     * Calls {@code listener} when the room's status or preset changes (not for moves or counts), on the
     * classroom's thread. While registered, the attendee counts as present.
     */
    public Registration watchStatus(Seat seat, Consumer<RoomStatus> listener) {
        AttendeeWatcher watcher = new AttendeeWatcher(seat, listener);
        watchers.compute(seat.code(), (k, w) -> {
            Watchers room = w == null ? new Watchers() : w;
            room.attendees.add(watcher);
            return room;
        });
        changed.add(seat.code());
        return () -> unwatch(seat.code(), room -> room.attendees.remove(watcher));
    }

    /** Records {@code event} for the room this browser session joined; outside a room it does nothing. */
    public void recordHere(ClassroomEvent event) {
        seatHere().ifPresent(seat -> record(seat, event));
    }

    /** Records {@code event} for an attendee's room, counting the attendee as present. */
    public void record(Seat seat, ClassroomEvent event) {
        record(seat.code(), seat.attendeeId(), event);
    }

    /**
     * Records {@code event} for room {@code code}, e.g. from a background job that kept the code of
     * {@link #here()}. Returns at once: the event is written at the next tick. Unknown rooms ignore it.
     */
    public void record(String code, ClassroomEvent event) {
        record(code, null, event);
    }

    private void record(String code, String attendeeId, ClassroomEvent event) {
        if (event == null || !RoomCodes.isCode(code)) {
            return;
        }
        boolean countIdiom = event instanceof ClassroomEvent.MovePlayed move && move.valid()
                && isIdiom.test(move.idiom());
        pending.compute(code, (k, delta) -> {
            RoomDelta d = delta == null ? new RoomDelta() : delta;
            d.add(event, countIdiom);
            return attendeeId == null ? d : d.seen(attendeeId);
        });
    }

    private void seen(Seat seat) {
        pending.compute(seat.code(), (k, delta) -> (delta == null ? new RoomDelta() : delta).seen(seat.attendeeId()));
    }

    // ---------------------------------------------------------------------------------------------
    // the tick

    /**
     * Writes what was recorded since the last tick, one store call per room, and tells the pages that show a
     * changed room, one store read per room. Runs on the timer; tests without a timer call it themselves.
     */
    void tick() {
        ticking.lock();
        try {
            Instant now = clock.instant();
            for (String code : List.copyOf(pending.keySet())) {
                RoomDelta delta = pending.remove(code);
                if (delta == null || delta.isEmpty()) {
                    continue;
                }
                try {
                    if (store.apply(code, delta, now)) {
                        changed(code);
                    }
                } catch (RoomStoreUnavailableException e) {
                    // keep it for later: counts merge, so the delta stays as small as the room's vocabulary
                    pending.merge(code, delta, RoomDelta::merge);
                    changed.add(code);
                }
            }
            if (!now.isBefore(nextRefresh)) {
                nextRefresh = now.plus(REFRESH);
                watchers.forEach((code, room) -> {
                    changed.add(code);
                    room.attendees.forEach(a -> seen(a.seat));
                });
            }
            for (String code : List.copyOf(changed)) {
                changed.remove(code);
                Watchers room = watchers.get(code);
                if (room != null) {
                    deliver(code, room, now);
                }
            }
        } finally {
            ticking.unlock();
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Classroom update failed; trying again at the next tick", e);
        }
    }

    private void deliver(String code, Watchers room, Instant now) {
        RoomStatus status;
        if (!room.leaders.isEmpty()) {
            RoomReport report = report(code);
            room.leaders.forEach(l -> call(l, report));
            status = report.snapshot().map(RoomSnapshot::status)
                    .orElseGet(() -> RoomStatus.of(code, report.availability()));
        } else if (!room.attendees.isEmpty()) {
            status = status(code);
        } else {
            return;
        }
        for (AttendeeWatcher watcher : room.attendees) {
            if (!status.equals(watcher.last)) {
                watcher.last = status;
                call(watcher.listener, status);
            }
        }
    }

    private static <T> void call(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            log.warn("A classroom page failed to take an update", e);
        }
    }

    /** This instance's pages see the room again at the next tick; the other instances are told. */
    private void changed(String code) {
        changed.add(code);
        try {
            events.publish(code);
        } catch (RoomStoreUnavailableException e) {
            // the other instances read the room again within REFRESH anyway
        }
    }

    private void unwatch(String code, Consumer<Watchers> removal) {
        watchers.computeIfPresent(code, (k, room) -> {
            removal.accept(room);
            return room.isEmpty() ? null : room;
        });
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Optional<VaadinSession> session() {
        return Optional.ofNullable(VaadinSession.getCurrent());
    }

    /** Called when a browser session ends: its seat is given up (a room it led lives on until it expires). */
    void sessionEnded(VaadinSession session) {
        Object seat = session.getAttribute(SEAT);
        if (seat instanceof Seat s) {
            leave(s);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
