package lab.jielong.classroom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The classroom flows on one Redis server: each service instance has its own connections, as two app
 * instances would, and they share rooms only through Redis (hashes, sorted sets, pub/sub).
 */
class RedisClassroomServiceTest extends ClassroomServiceContractTest {

    private static RedisTestServer server;
    private final List<RoomEvents> events = new ArrayList<>();
    private LettuceConnectionFactory current;

    @BeforeAll
    static void startRedis() {
        server = RedisTestServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        RedisTestServer.template(server.connections()).getConnectionFactory().getConnection().serverCommands()
                .flushAll();
    }

    @AfterEach
    void closeEvents() {
        events.forEach(RoomEvents::close);
    }

    @Override
    CountingStore newStore() {
        current = server.connections();
        return track(new CountingStore(
                new RedisRoomStore(RedisTestServer.template(current), "jl:test:", Clock.systemUTC())));
    }

    @Override
    RoomEvents newEvents() {
        RoomEvents endpoint = new RedisRoomEvents(current, RedisTestServer.template(current), "jl:test:");
        events.add(endpoint);
        return endpoint;
    }
}
