package lab.jielong.classroom;

import lab.jielong.game.Difficulty;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Side;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link RoomStore} and {@link RoomEvents} must do, run against each implementation by a subclass
 * ({@link MemoryRoomStoreTest}, {@link RedisRoomStoreTest}).
 */
abstract class RoomStoreContractTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration PRESENT = Duration.ofMinutes(5);

    /** A store with no rooms. */
    abstract RoomStore store();

    /** Two endpoints of the same event bus, as two app instances would hold them. */
    abstract List<RoomEvents> events();

    /** Redis keeps milliseconds: compare instants at that precision. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aRoomIsOpenedOnceUnderItsCode() {
        Instant now = now();
        assertThat(store().create("ABCDE", now, HOUR, 30, 10)).isEqualTo(RoomStore.Creation.CREATED);
        assertThat(store().create("ABCDE", now, HOUR, 30, 10)).isEqualTo(RoomStore.Creation.CODE_TAKEN);

        RoomSnapshot room = store().read("ABCDE", now, PRESENT, 10).orElseThrow();
        assertThat(room.code()).isEqualTo("ABCDE");
        assertThat(room.opened()).isEqualTo(now);
        assertThat(room.expires()).isEqualTo(now.plus(HOUR));
        assertThat(room.capacity()).isEqualTo(30);
        assertThat(room.joined()).isZero();
        assertThat(room.movesPlayed()).isZero();
        assertThat(room.topIdioms()).isEmpty();
        assertThat(room.preset()).isEmpty();
        assertThat(store().status("ABCDE", now).availability()).isEqualTo(Availability.OPEN);
        assertThat(store().read("ZZZZZ", now, PRESENT, 10)).isEmpty();
        assertThat(store().status("ZZZZZ", now).availability()).isEqualTo(Availability.ENDED);
    }

    @Test
    void noMoreRoomsThanTheCapAllows() {
        Instant now = now();
        for (String code : List.of("AAAAA", "BBBBB", "CCCCC")) {
            assertThat(store().create(code, now, HOUR, 30, 3)).isEqualTo(RoomStore.Creation.CREATED);
        }
        assertThat(store().create("DDDDD", now, HOUR, 30, 3)).isEqualTo(RoomStore.Creation.TOO_MANY_ROOMS);
        store().close("BBBBB");
        assertThat(store().read("BBBBB", now, PRESENT, 10)).isEmpty();
        assertThat(store().create("DDDDD", now, HOUR, 30, 3)).isEqualTo(RoomStore.Creation.CREATED);
    }

    @Test
    void attendeesAreSeatedUpToTheRoomsCapacity() {
        Instant now = now();
        store().create("ABCDE", now, HOUR, 3, 10);
        assertThat(store().admit("ABCDE", "a1", now)).isEqualTo(RoomStore.Admission.JOINED);
        assertThat(store().admit("ABCDE", "a2", now)).isEqualTo(RoomStore.Admission.JOINED);
        assertThat(store().admit("ABCDE", "a1", now)).isEqualTo(RoomStore.Admission.ALREADY_IN);
        assertThat(store().admit("ABCDE", "a3", now)).isEqualTo(RoomStore.Admission.JOINED);
        assertThat(store().admit("ABCDE", "a4", now)).isEqualTo(RoomStore.Admission.FULL);
        assertThat(store().admit("ABCDE", "a3", now)).as("already seated, even when full")
                .isEqualTo(RoomStore.Admission.ALREADY_IN);
        assertThat(store().read("ABCDE", now, PRESENT, 10).orElseThrow().joined()).isEqualTo(3);

        store().leave("ABCDE", "a2");
        assertThat(store().admit("ABCDE", "a4", now)).isEqualTo(RoomStore.Admission.JOINED);
        assertThat(store().admit("QQQQQ", "a1", now)).isEqualTo(RoomStore.Admission.NO_SUCH_ROOM);
    }

    @Test
    void deltasAddUpAndTheMostPlayedIdiomsComeFirst() {
        Instant now = now();
        store().create("ABCDE", now, HOUR, 30, 10);
        RoomDelta first = new RoomDelta()
                .add(new ClassroomEvent.MovePlayed("一心一意", ClassroomEvent.Player.ATTENDEE, true), true)
                .add(new ClassroomEvent.MovePlayed("意气风发", ClassroomEvent.Player.MODEL, true), true)
                .add(new ClassroomEvent.MovePlayed("发扬光大", ClassroomEvent.Player.ATTENDEE, true), true)
                .add(new ClassroomEvent.MovePlayed("hello", ClassroomEvent.Player.ATTENDEE, false), false)
                .add(new ClassroomEvent.GameOver(ClassroomEvent.Player.MODEL), false)
                .add(new ClassroomEvent.GuessRound(true, false), false);
        RoomDelta second = new RoomDelta()
                .add(new ClassroomEvent.MovePlayed("意气风发", ClassroomEvent.Player.ATTENDEE, true), true)
                .add(new ClassroomEvent.GameOver(ClassroomEvent.Player.ATTENDEE), false)
                .add(new ClassroomEvent.GuessRound(false, true), false)
                .add(new ClassroomEvent.GuessRound(true, true), false)
                .add(new ClassroomEvent.TrainingRun(ClassroomEvent.TrainingRun.Phase.STARTED), false);
        assertThat(store().apply("ABCDE", first, now)).isTrue();
        assertThat(store().apply("ABCDE", second, now)).isTrue();

        RoomSnapshot room = store().read("ABCDE", now, PRESENT, 2).orElseThrow();
        assertThat(room.count(Counter.MOVES_BY_ATTENDEES)).isEqualTo(3);
        assertThat(room.count(Counter.REFUSED_MOVES_BY_ATTENDEES)).isEqualTo(1);
        assertThat(room.count(Counter.MOVES_BY_MODEL)).isEqualTo(1);
        assertThat(room.movesPlayed()).isEqualTo(5);
        assertThat(room.modelWinRate()).contains(0.5);
        assertThat(room.guessRounds()).isEqualTo(3);
        assertThat(room.attendeesBeatModelRate()).hasValueSatisfying(r -> assertThat(r).isEqualTo(1 / 3.0));
        assertThat(room.trainingRunsRunning()).isEqualTo(1);
        // 意气风发 twice; 一心一意 and 发扬光大 once each: ties in reverse code-point order (as Redis's ZREVRANGE),
        // and only two asked for
        assertThat(room.topIdioms()).containsExactly(new RoomSnapshot.IdiomCount("意气风发", 2),
                new RoomSnapshot.IdiomCount("发扬光大", 1));
        assertThat(room.topIdioms()).extracting(RoomSnapshot.IdiomCount::idiom).doesNotContain("hello");

        assertThat(store().apply("QQQQQ", first, now)).as("no room, nothing written").isFalse();
        assertThat(store().read("QQQQQ", now, PRESENT, 10)).isEmpty();
    }

    @Test
    void presentMeansSeenWithinTheWindow() {
        Instant start = now();
        store().create("ABCDE", start, HOUR, 30, 10);
        store().admit("ABCDE", "early", start);
        store().admit("ABCDE", "late", start);
        Instant later = start.plus(Duration.ofMinutes(20));
        store().apply("ABCDE", new RoomDelta().seen("late").seen("stranger"), later);

        RoomSnapshot room = store().read("ABCDE", later, PRESENT, 10).orElseThrow();
        assertThat(room.joined()).as("a stranger is not seated by being seen").isEqualTo(2);
        assertThat(room.present()).isEqualTo(1);
        assertThat(store().read("ABCDE", start, PRESENT, 10).orElseThrow().present()).isEqualTo(2);
    }

    @Test
    void theLeadersPresetIsSetLockedAndCleared() {
        Instant now = now();
        store().create("ABCDE", now, HOUR, 30, 10);
        Preset play = new Preset.Play(MatchMode.SAME_SYLLABLE, Difficulty.HARD, Side.COMPUTER, true);
        assertThat(store().setPreset("ABCDE", Optional.of(play), true, now)).isTrue();
        RoomStatus status = store().status("ABCDE", now);
        assertThat(status.preset()).contains(play);
        assertThat(status.lockedPreset()).contains(play);
        assertThat(store().read("ABCDE", now, PRESENT, 10).orElseThrow().locked()).isTrue();

        Preset lab = new Preset.Lab("snowball", "一心一");
        store().setPreset("ABCDE", Optional.of(lab), false, now);
        assertThat(store().status("ABCDE", now))
                .isEqualTo(new RoomStatus("ABCDE", Availability.OPEN, Optional.of(lab), false));

        store().setPreset("ABCDE", Optional.empty(), true, now);
        assertThat(store().status("ABCDE", now))
                .isEqualTo(new RoomStatus("ABCDE", Availability.OPEN, Optional.empty(), false));
        assertThat(store().setPreset("QQQQQ", Optional.of(play), true, now)).isFalse();
        assertThat(store().status("QQQQQ", now).availability()).isEqualTo(Availability.ENDED);
    }

    @Test
    void aRoomExpiresWithEverythingItHeld() throws InterruptedException {
        Duration lifetime = Duration.ofMillis(2_000);      // long enough for a loaded machine to make its first calls
        Instant now = now();
        store().create("ABCDE", now, lifetime, 30, 1);
        store().admit("ABCDE", "a1", now);
        store().apply("ABCDE", new RoomDelta()
                .add(new ClassroomEvent.MovePlayed("一心一意", ClassroomEvent.Player.ATTENDEE, true), true), now);
        assertThat(store().read("ABCDE", now(), PRESENT, 10)).isPresent();

        Thread.sleep(lifetime.toMillis() + 300);
        Instant after = now();
        assertThat(store().read("ABCDE", after, PRESENT, 10)).isEmpty();
        assertThat(store().status("ABCDE", after).availability()).isEqualTo(Availability.ENDED);
        assertThat(store().admit("ABCDE", "a2", after)).isEqualTo(RoomStore.Admission.NO_SUCH_ROOM);
        assertThat(store().apply("ABCDE", new RoomDelta().seen("a1"), after)).isFalse();
        assertThat(store().create("BBBBB", after, HOUR, 30, 1)).as("an expired room no longer counts")
                .isEqualTo(RoomStore.Creation.CREATED);
        assertThat(store().create("ABCDE", after, HOUR, 30, 2)).as("its code is free again")
                .isEqualTo(RoomStore.Creation.CREATED);
        assertThat(store().read("ABCDE", after, PRESENT, 10).orElseThrow().movesPlayed())
                .as("a new room starts from nothing").isZero();
    }

    @Test
    void aChangeIsAnnouncedToTheOtherInstances() {
        Set<String> heard = ConcurrentHashMap.newKeySet();
        events().get(1).subscribe(heard::add);
        // best effort, like Redis pub/sub: a message sent before the other side has subscribed is lost, so
        // publish until it is heard
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            events().get(0).publish("ABCDE");
            return heard.contains("ABCDE");
        });
    }
}
