package lab.jielong.classroom;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
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
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Room codes, QR codes, presets' links, a store that goes away and comes back, and the timer's throttle. */
class ClassroomServiceTest {

    private final List<ClassroomService> services = new ArrayList<>();

    private ClassroomService service(CountingStore store, Duration interval) {
        ClassroomService service =
                new ClassroomService(store, new MemoryRoomEvents(), ClassroomServiceContractTest.IDIOMS,
                        ClassroomProperties.defaults().withUpdateInterval(interval), Clock.systemUTC());
        services.add(service);
        return service;
    }

    @AfterEach
    void stop() {
        services.forEach(ClassroomService::stop);
    }

    @Test
    void codesAvoidConfusableCharactersAndTypedCodesAreForgiving() {
        Random random = new Random(7);
        Pattern code = Pattern.compile("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}");
        for (int i = 0; i < 1000; i++) {
            assertThat(RoomCodes.random(random)).matches(code);
        }
        assertThat(RoomCodes.normalise(" ab-c d_e ")).isEqualTo("ABCDE");
        assertThat(RoomCodes.normalise("ＡＢＣＤＥ")).as("full-width, from a Chinese keyboard").isEqualTo("ABCDE");
        assertThat(RoomCodes.check("ABCDE")).isEqualTo(JoinResult.Outcome.JOINED);
        assertThat(RoomCodes.check("")).isEqualTo(JoinResult.Outcome.NO_CODE);
        assertThat(RoomCodes.check("ABCD")).isEqualTo(JoinResult.Outcome.WRONG_LENGTH);
        assertThat(RoomCodes.check("AB0DE")).isEqualTo(JoinResult.Outcome.AMBIGUOUS);
        assertThat(RoomCodes.check("ABCDEL")).as("ambiguity is the likelier mistake")
                .isEqualTo(JoinResult.Outcome.AMBIGUOUS);
        assertThat(RoomCodes.check("AB<DE")).isEqualTo(JoinResult.Outcome.NOT_A_CODE);
        assertThat(RoomCodes.check("一心一意五")).isEqualTo(JoinResult.Outcome.NOT_A_CODE);
    }

    @Test
    void theQrCodeReadsBackAsTheJoinLink() throws Exception {
        String link = "http://192.168.1.20:8080/join/ABCDE";
        QrCode qr = QrCode.of(link);
        BitMatrix matrix = QrCode.matrix(link);
        assertThat(qr.modules()).isEqualTo(matrix.getWidth());

        // read it back with ZXing's decoder, from pixels at 4 per module
        int scale = 4;
        int size = matrix.getWidth() * scale;
        int[] pixels = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = matrix.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(link);

        // the SVG draws exactly the dark modules: the runs' widths add up to their number
        int dark = 0;
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                dark += matrix.get(x, y) ? 1 : 0;
            }
        }
        int drawn = Pattern.compile("h(\\d+)v1").matcher(qr.svg()).results().mapToInt(m -> Integer.parseInt(m.group(1)))
                .sum();
        assertThat(drawn).isEqualTo(dark);
        assertThat(qr.svg()).startsWith("<svg").contains("viewBox=\"0 0 " + qr.modules() + " " + qr.modules() + "\"");
        assertThat(qr.dataUrl()).startsWith("data:image/svg+xml;base64,");
    }

    @Test
    void presetsLinkToThePagesWithTheirSettings() {
        assertThat(new Preset.Play(MatchMode.SAME_SYLLABLE, Difficulty.HARD, Side.COMPUTER, false).location())
                .isEqualTo("?mode=sound&difficulty=hard&opener=model&guided=false");
        assertThat(new Preset.Guess("一心一").location()).isEqualTo("guess?prompt=%E4%B8%80%E5%BF%83%E4%B8%80");
        assertThat(new Preset.Guess("  ").location()).isEqualTo("guess");
        assertThat(new Preset.Lab("snowball", "一 心").location())
                .isEqualTo("labs/snowball?prompt=%E4%B8%80%20%E5%BF%83");
        assertThat(new Preset.Guess("a\u0000b".repeat(40)).prefix()).hasSize(Preset.MAX_TEXT).doesNotContain("\u0000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Preset.Lab("../admin", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whileTheStoreIsUnreachableRoomsSaySoAndEventsWait() {
        CountingStore store = new CountingStore(new MemoryRoomStore());
        ClassroomService classroom = service(store, Duration.ZERO);
        String code = classroom.open().code().orElseThrow();
        Seat seat = classroom.join(code).seat().orElseThrow();
        List<RoomReport> leaderSaw = new CopyOnWriteArrayList<>();
        classroom.watch(code, leaderSaw::add);
        AtomicReference<RoomStatus> attendeeSaw = new AtomicReference<>();
        classroom.watchStatus(seat, attendeeSaw::set);

        store.down = true;
        assertThat(classroom.open().outcome()).isEqualTo(Opening.Outcome.UNAVAILABLE);
        assertThat(classroom.join(code).outcome()).isEqualTo(JoinResult.Outcome.UNAVAILABLE);
        assertThat(classroom.push(code, Optional.of(new Preset.Guess("")), true)).isEqualTo(Availability.UNAVAILABLE);
        assertThat(classroom.status(code).availability()).isEqualTo(Availability.UNAVAILABLE);
        classroom.record(seat, ClassroomEvent.move("一心一意", ClassroomEvent.Player.ATTENDEE, true));
        classroom.tick();
        classroom.record(seat, ClassroomEvent.move("一心一意", ClassroomEvent.Player.ATTENDEE, true));
        classroom.tick();
        assertThat(leaderSaw.get(leaderSaw.size() - 1).availability()).isEqualTo(Availability.UNAVAILABLE);
        assertThat(attendeeSaw.get().availability()).isEqualTo(Availability.UNAVAILABLE);

        store.down = false;
        classroom.tick();
        RoomSnapshot room = ClassroomServiceContractTest.last(leaderSaw);
        assertThat(room.count(Counter.MOVES_BY_ATTENDEES)).as("both moves, kept while the store was away").isEqualTo(2);
        assertThat(attendeeSaw.get().availability()).isEqualTo(Availability.OPEN);
    }

    @Test
    void theTimerCoalescesABurstIntoAFewUpdates() throws InterruptedException {
        CountingStore store = new CountingStore(new MemoryRoomStore());
        Duration interval = Duration.ofMillis(100);
        ClassroomService classroom = service(store, interval);
        String code = classroom.open().code().orElseThrow();
        List<RoomReport> leaderSaw = new CopyOnWriteArrayList<>();
        classroom.watch(code, leaderSaw::add);
        List<Seat> seats = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            seats.add(classroom.join(code).seat().orElseThrow());
        }

        // 200 attendees, 10 moves each, from 4 threads at once
        long start = System.nanoTime();
        ExecutorService pages = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            List<Seat> mine = seats.subList(t * 50, (t + 1) * 50);
            pages.submit(() -> {
                go.await();
                for (int i = 0; i < 10; i++) {
                    mine.forEach(seat -> classroom.record(seat,
                            ClassroomEvent.move("大公无私", ClassroomEvent.Player.ATTENDEE, true)));
                }
                return null;
            });
        }
        go.countDown();
        pages.shutdown();
        assertThat(pages.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !leaderSaw.isEmpty()
                && leaderSaw.get(leaderSaw.size() - 1).snapshot().map(r -> r.count(Counter.MOVES_BY_ATTENDEES))
                        .orElse(0L) == 2000);
        long elapsedTicks = Duration.ofNanos(System.nanoTime() - start).toMillis() / interval.toMillis();

        System.out.printf("classroom throttle: 2000 events from 4 threads -> %d store writes, %d leader updates, "
                + "%d ticks of %d ms elapsed%n", store.applies.get(), leaderSaw.size(), elapsedTicks,
                interval.toMillis());
        // at most one write and one update per tick (the burst lasts a few ticks at most), never one per event
        assertThat(store.applies.get()).as("store writes for 2000 events").isLessThanOrEqualTo((int) elapsedTicks + 2);
        assertThat(leaderSaw.size()).as("leader updates for 2000 events").isLessThanOrEqualTo((int) elapsedTicks + 3);
        assertThat(leaderSaw.size()).isLessThan(100);
    }
}
