package lab.jielong.classroom;

import lab.jielong.game.Difficulty;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A classroom with a leader and several attendees on two {@link ClassroomService} instances sharing one
 * backend, as two app instances share a room: in memory ({@link MemoryClassroomServiceTest}, one JVM) and on
 * one Redis server ({@link RedisClassroomServiceTest}). The timer is off: each step ticks both instances,
 * until what one did shows on the other (pub/sub takes a moment).
 */
abstract class ClassroomServiceContractTest {

    static final Predicate<String> IDIOMS = Set.of("一心一意", "意气风发", "发扬光大", "大公无私")::contains;

    private final List<ClassroomService> services = new ArrayList<>();

    /** A room store and event endpoint for one more app instance on the shared backend. */
    abstract CountingStore newStore();

    abstract RoomEvents newEvents();

    ClassroomService instance(ClassroomProperties settings) {
        ClassroomService service = new ClassroomService(newStore(), newEvents(), IDIOMS,
                settings.withUpdateInterval(Duration.ZERO), Clock.systemUTC());
        services.add(service);
        return service;
    }

    ClassroomService instance() {
        return instance(ClassroomProperties.defaults());
    }

    @AfterEach
    void stopInstances() {
        services.forEach(ClassroomService::stop);
    }

    /** Ticks every instance until {@code check} passes (pub/sub between instances is asynchronous). */
    void untilBoth(Runnable check) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            services.forEach(ClassroomService::tick);
            check.run();
        });
    }

    @Test
    void aLeaderOnOneInstanceSeesAttendeesOnBoth() {
        ClassroomService a = instance();
        ClassroomService b = instance();
        String code = a.open().code().orElseThrow();
        List<RoomReport> leaderSaw = new CopyOnWriteArrayList<>();
        a.watch(code, leaderSaw::add);

        List<Seat> seats = new ArrayList<>();
        List<AtomicReference<RoomStatus>> attendeeSaw = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ClassroomService instance = i % 2 == 0 ? b : a;
            JoinResult joined =
                    instance.join(i == 0 ? code.toLowerCase() : code.substring(0, 2) + " " + code.substring(2));
            assertThat(joined.outcome()).isEqualTo(JoinResult.Outcome.JOINED);
            Seat seat = joined.seat().orElseThrow();
            seats.add(seat);
            AtomicReference<RoomStatus> saw = new AtomicReference<>();
            instance.watchStatus(seat, saw::set);
            attendeeSaw.add(saw);
        }
        untilBoth(() -> {
            RoomSnapshot room = last(leaderSaw);
            assertThat(room.joined()).isEqualTo(6);
            assertThat(room.present()).isEqualTo(6);
        });

        // the leader pushes a preset and locks it: every attendee page hears, on either instance
        Preset preset = new Preset.Play(MatchMode.SAME_SYLLABLE, Difficulty.HARD, Side.HUMAN, true);
        assertThat(a.push(code, Optional.of(preset), true)).isEqualTo(Availability.OPEN);
        untilBoth(() -> attendeeSaw.forEach(saw -> assertThat(saw.get())
                .isEqualTo(new RoomStatus(code, Availability.OPEN, Optional.of(preset), true))));
        assertThat(b.status(code).lockedPreset()).contains(preset);

        // attendees play, guess and train; one types something that is not an idiom
        for (int i = 0; i < seats.size(); i++) {
            ClassroomService instance = i % 2 == 0 ? b : a;
            Seat seat = seats.get(i);
            instance.record(seat, ClassroomEvent.move("一心一意", ClassroomEvent.Player.ATTENDEE, true));
            instance.record(seat, ClassroomEvent.move("意气风发", ClassroomEvent.Player.MODEL, true));
            instance.record(seat,
                    ClassroomEvent.gameOver(i < 4 ? ClassroomEvent.Player.MODEL : ClassroomEvent.Player.ATTENDEE));
            instance.record(seat, ClassroomEvent.guessRound(i < 3, i % 3 == 0));
        }
        b.record(seats.get(0), ClassroomEvent.move("我叫张三", ClassroomEvent.Player.ATTENDEE, true));
        b.record(seats.get(0), ClassroomEvent.move("发扬光大", ClassroomEvent.Player.ATTENDEE, false));
        a.record(code, ClassroomEvent.trainingStarted());
        b.record(code, ClassroomEvent.trainingStarted());
        a.record(code, ClassroomEvent.trainingFinished());

        untilBoth(() -> {
            RoomSnapshot room = last(leaderSaw);
            assertThat(room.count(Counter.MOVES_BY_ATTENDEES)).isEqualTo(7);
            assertThat(room.count(Counter.REFUSED_MOVES_BY_ATTENDEES)).isEqualTo(1);
            assertThat(room.count(Counter.MOVES_BY_MODEL)).isEqualTo(6);
            assertThat(room.modelWinRate()).contains(4 / 6.0);
            // attendee right for i < 3, model right for i = 0, 3: attendees beat the model in rounds 1 and 2
            assertThat(room.count(Counter.GUESSES_ATTENDEE_BEAT_MODEL)).isEqualTo(2);
            assertThat(room.count(Counter.GUESSES_BOTH_RIGHT)).isEqualTo(1);
            assertThat(room.count(Counter.GUESSES_MODEL_BEAT_ATTENDEE)).isEqualTo(1);
            assertThat(room.count(Counter.GUESSES_BOTH_WRONG)).isEqualTo(2);
            assertThat(room.trainingRunsRunning()).isEqualTo(1);
            assertThat(room.topIdioms()).containsExactlyInAnyOrder(new RoomSnapshot.IdiomCount("一心一意", 6),
                    new RoomSnapshot.IdiomCount("意气风发", 6));
        });
        assertThat(last(leaderSaw).topIdioms()).extracting(RoomSnapshot.IdiomCount::idiom)
                .as("free text and refused moves are never stored").doesNotContain("我叫张三", "发扬光大");

        // an attendee leaves; the leader closes the room: every page hears it ended
        b.leave(seats.get(0));
        untilBoth(() -> assertThat(last(leaderSaw).joined()).isEqualTo(5));
        a.closeRoom(code);
        untilBoth(() -> {
            assertThat(leaderSaw.get(leaderSaw.size() - 1).availability()).isEqualTo(Availability.ENDED);
            attendeeSaw.forEach(saw -> assertThat(saw.get().availability()).isEqualTo(Availability.ENDED));
        });
        assertThat(b.join(code).outcome()).isEqualTo(JoinResult.Outcome.NO_SUCH_ROOM);
    }

    @Test
    void aRoomHoldsNoMoreThanItsCapacityAcrossInstances() {
        ClassroomProperties small = ClassroomProperties.defaults().withRooms(Duration.ofHours(1), 3, 2);
        ClassroomService a = instance(small);
        ClassroomService b = instance(small);
        String code = a.open().code().orElseThrow();
        assertThat(a.join(code).outcome()).isEqualTo(JoinResult.Outcome.JOINED);
        assertThat(b.join(code).outcome()).isEqualTo(JoinResult.Outcome.JOINED);
        JoinResult third = a.join(code);
        assertThat(third.outcome()).isEqualTo(JoinResult.Outcome.JOINED);
        assertThat(b.join(code).outcome()).isEqualTo(JoinResult.Outcome.FULL);
        a.leave(third.seat().orElseThrow());
        assertThat(b.join(code).outcome()).isEqualTo(JoinResult.Outcome.JOINED);

        assertThat(b.open().outcome()).isEqualTo(Opening.Outcome.OPENED);
        assertThat(a.open().outcome()).as("two rooms at most").isEqualTo(Opening.Outcome.TOO_MANY_ROOMS);
    }

    @Test
    void anExpiredRoomEndsForEveryone() throws InterruptedException {
        ClassroomProperties brief = ClassroomProperties.defaults().withRooms(Duration.ofMillis(500), 10, 10);
        ClassroomService a = instance(brief);
        ClassroomService b = instance(brief);
        String code = a.open().code().orElseThrow();
        Seat seat = b.join(code).seat().orElseThrow();
        List<RoomReport> leaderSaw = new CopyOnWriteArrayList<>();
        a.watch(code, leaderSaw::add);
        AtomicReference<RoomStatus> attendeeSaw = new AtomicReference<>();
        b.watchStatus(seat, attendeeSaw::set);
        untilBoth(() -> assertThat(attendeeSaw.get().availability()).isEqualTo(Availability.OPEN));

        Thread.sleep(700);
        b.record(seat, ClassroomEvent.move("一心一意", ClassroomEvent.Player.ATTENDEE, true));
        // nothing announces an expiry: the periodic re-read finds it
        await().atMost(ClassroomService.REFRESH.multipliedBy(3)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    a.tick();
                    b.tick();
                    assertThat(leaderSaw.get(leaderSaw.size() - 1).availability()).isEqualTo(Availability.ENDED);
                    assertThat(attendeeSaw.get().availability()).isEqualTo(Availability.ENDED);
                });
        assertThat(a.join(code).outcome()).isEqualTo(JoinResult.Outcome.NO_SUCH_ROOM);
        assertThat(b.push(code, Optional.of(new Preset.Guess("")), false)).isEqualTo(Availability.ENDED);
    }

    @Test
    void aBurstIsOneWriteAndOneUpdate() {
        ClassroomService a = instance();
        String code = a.open().code().orElseThrow();
        List<Seat> seats = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seats.add(a.join(code).seat().orElseThrow());
        }
        List<RoomReport> leaderSaw = new CopyOnWriteArrayList<>();
        a.watch(code, leaderSaw::add);
        a.tick();
        int updatesBefore = leaderSaw.size();
        CountingStore store = storeOf(0);
        int appliesBefore = store.applies.get();
        int readsBefore = store.reads.get();

        for (int round = 0; round < 10; round++) {       // 50 attendees × 10 moves, between two ticks
            for (Seat seat : seats) {
                a.record(seat, ClassroomEvent.move("大公无私", ClassroomEvent.Player.ATTENDEE, true));
            }
        }
        a.tick();
        assertThat(store.applies.get() - appliesBefore).as("store writes for 500 events").isEqualTo(1);
        assertThat(store.reads.get() - readsBefore).as("store reads for 500 events").isEqualTo(1);
        assertThat(leaderSaw.size() - updatesBefore).as("leader updates for 500 events").isEqualTo(1);
        assertThat(last(leaderSaw).count(Counter.MOVES_BY_ATTENDEES)).isEqualTo(500);
        assertThat(last(leaderSaw).topIdioms()).containsExactly(new RoomSnapshot.IdiomCount("大公无私", 500));

        a.tick();
        assertThat(leaderSaw.size() - updatesBefore).as("nothing new, no update").isEqualTo(1);
    }

    private final List<CountingStore> stores = new ArrayList<>();

    CountingStore track(CountingStore store) {
        stores.add(store);
        return store;
    }

    CountingStore storeOf(int instance) {
        return stores.get(instance);
    }

    static RoomSnapshot last(List<RoomReport> reports) {
        assertThat(reports).isNotEmpty();
        RoomReport report = reports.get(reports.size() - 1);
        assertThat(report.availability()).isEqualTo(Availability.OPEN);
        return report.snapshot().orElseThrow();
    }
}
