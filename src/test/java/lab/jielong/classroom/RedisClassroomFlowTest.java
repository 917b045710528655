package lab.jielong.classroom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workshop with {@code jielong.classroom.store=redis}: the app's pages on one instance (this Spring
 * context), and two more attendees on a second {@link ClassroomService} with its own Redis connections, as on
 * a second app server behind the same load balancer. Both meet only in Redis.
 */
@SpringBootTest(properties = {"jielong.ui.pace-ms=0", "jielong.classroom.store=redis"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisClassroomFlowTest extends ClassroomFlowTest {

    private static RedisTestServer server;
    private ClassroomService otherInstance;
    private RoomEvents otherEvents;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        server = RedisTestServer.start();
        properties.add("spring.data.redis.host", () -> "127.0.0.1");
        properties.add("spring.data.redis.port", server::port);
    }

    @Autowired
    RoomStore store;

    @Override
    void recordElsewhere(String code) {
        LettuceConnectionFactory connections = server.connections();
        otherEvents = new RedisRoomEvents(connections, RedisTestServer.template(connections), "jl:classroom:");
        otherInstance = new ClassroomService(
                new RedisRoomStore(RedisTestServer.template(connections), "jl:classroom:", Clock.systemUTC()),
                otherEvents, ClassroomServiceContractTest.IDIOMS, ClassroomProperties.defaults(), Clock.systemUTC());
        for (int i = 0; i < elsewhere(); i++) {
            Seat seat = otherInstance.join(code).seat().orElseThrow();
            otherInstance.record(seat, ClassroomEvent.move("一心一意", ClassroomEvent.Player.ATTENDEE, true));
            otherInstance.record(seat, ClassroomEvent.move("大公无私", ClassroomEvent.Player.MODEL, true));
            otherInstance.record(seat, ClassroomEvent.move("一一一一", ClassroomEvent.Player.ATTENDEE, false));
            otherInstance.record(seat, ClassroomEvent.gameOver(ClassroomEvent.Player.MODEL));
            otherInstance.record(seat, ClassroomEvent.guessRound(false, true));
        }
    }

    @Override
    int elsewhere() {
        return 2;
    }

    @AfterEach
    void stopOtherInstance() {
        if (otherInstance != null) {
            otherInstance.stop();
            otherEvents.close();
        }
    }

    @Test
    void theAppUsesRedis() {
        assertThat(store).isInstanceOf(RedisRoomStore.class);
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).hasSize(1);
    }
}
