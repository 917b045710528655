package lab.jielong.classroom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The room store contract on Redis ({@code redis-server} started on a loopback port by the test), and what
 * only Redis can get wrong: keys without an expiry, data beyond the documented layout, an unreachable server.
 */
class RedisRoomStoreTest extends RoomStoreContractTest {

    private static RedisTestServer server;
    private static StringRedisTemplate admin;
    private RedisRoomStore store;
    private final List<RoomEvents> events = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        server = RedisTestServer.start();
        admin = RedisTestServer.template(server.connections());
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void connect() {
        admin.getConnectionFactory().getConnection().serverCommands().flushAll();
        LettuceConnectionFactory a = server.connections();
        LettuceConnectionFactory b = server.connections();
        store = new RedisRoomStore(RedisTestServer.template(a), "jl:test:", Clock.systemUTC());
        events.add(new RedisRoomEvents(a, RedisTestServer.template(a), "jl:test:"));
        events.add(new RedisRoomEvents(b, RedisTestServer.template(b), "jl:test:"));
    }

    @AfterEach
    void disconnect() {
        events.forEach(RoomEvents::close);
        events.clear();
    }

    @Override
    RoomStore store() {
        return store;
    }

    @Override
    List<RoomEvents> events() {
        return events;
    }

    @Test
    void everyKeyOfARoomExpiresWithIt() {
        Instant now = now();
        store.create("ABCDE", now, HOUR, 30, 10);
        store.admit("ABCDE", "a1", now);
        store.apply("ABCDE", new RoomDelta().seen("a1")
                .add(new ClassroomEvent.MovePlayed("一心一意", ClassroomEvent.Player.ATTENDEE, true), true), now);
        store.setPreset("ABCDE", Optional.of(new Preset.Guess("一心一")), true, now);

        Set<String> keys = admin.keys("jl:test:*");
        assertThat(keys).containsExactlyInAnyOrder("jl:test:rooms", "jl:test:room:ABCDE",
                "jl:test:room:ABCDE:idioms", "jl:test:room:ABCDE:attendees");
        for (String key : keys) {
            if (!key.equals("jl:test:rooms")) {
                assertThat(admin.getExpire(key)).as(key).isBetween(HOUR.toSeconds() - 5, HOUR.toSeconds());
            }
        }
        // the room hash holds its settings and counters, nothing else
        assertThat(admin.opsForHash().keys("jl:test:room:ABCDE")).map(Object::toString)
                .allMatch(f -> Set.of("opened", "expires", "capacity", "locked", "preset").contains(f)
                        || f.startsWith("c."));
        assertThat(admin.opsForZSet().range("jl:test:room:ABCDE:attendees", 0, -1)).containsExactly("a1");
    }

    @Test
    void anUnreachableServerIsReportedAndThenFailsFast() {
        RedisTestServer lonely = RedisTestServer.start();
        RedisRoomStore cut =
                new RedisRoomStore(RedisTestServer.template(lonely.connections()), "jl:test:", Clock.systemUTC());
        Instant now = now();
        assertThat(cut.create("ABCDE", now, HOUR, 30, 10)).isEqualTo(RoomStore.Creation.CREATED);
        lonely.stop();

        assertThatThrownBy(() -> cut.status("ABCDE", now())).isInstanceOf(RoomStoreUnavailableException.class);
        long start = System.nanoTime();
        assertThatThrownBy(() -> cut.admit("ABCDE", "a1", now())).isInstanceOf(RoomStoreUnavailableException.class)
                .hasMessageContaining("not retrying yet");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no second wait for a dead server")
                .isLessThan(RedisRoomStore.RETRY_AFTER);
        lonely.close();
    }
}
