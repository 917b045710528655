package lab.jielong.classroom;

import lab.jielong.corpus.IdiomCorpus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which store the property chooses, and that an app told to use a Redis that is not there still starts and
 * says so in its rooms, quickly, while nothing else is affected.
 */
class ClassroomConfigurationTest {

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withUserConfiguration(ClassroomConfiguration.class)
            .withBean(IdiomCorpus.class, () -> IdiomCorpus.of(List.of()))
            .withBean(ClassroomService.class);

    @Test
    void memoryUnlessToldOtherwise() {
        app.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RoomStore.class)).isInstanceOf(MemoryRoomStore.class);
            assertThat(context).doesNotHaveBean(RedisConnectionFactory.class);
        });
        app.withPropertyValues("jielong.classroom.store=memory")
                .run(context -> assertThat(context.getBean(RoomStore.class)).isInstanceOf(MemoryRoomStore.class));
    }

    @Test
    void anUnreachableRedisLeavesTheAppRunningAndTheRoomsSayingSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        app.withPropertyValues("jielong.classroom.store=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + closedPort, "spring.data.redis.timeout=2s",
                "spring.data.redis.connect-timeout=2s").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RoomStore.class)).isInstanceOf(RedisRoomStore.class);
                    ClassroomService classroom = context.getBean(ClassroomService.class);

                    long start = System.nanoTime();
                    assertThat(classroom.open().outcome()).isEqualTo(Opening.Outcome.UNAVAILABLE);
                    assertThat(classroom.join("ABCDE").outcome()).isEqualTo(JoinResult.Outcome.UNAVAILABLE);
                    assertThat(classroom.status("ABCDE").availability()).isEqualTo(Availability.UNAVAILABLE);
                    assertThat(classroom.report("ABCDE").availability()).isEqualTo(Availability.UNAVAILABLE);
                    classroom.record("ABCDE", ClassroomEvent.gameOver(ClassroomEvent.Player.MODEL));
                    classroom.tick();
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered without waiting for timeouts")
                            .isLessThan(Duration.ofSeconds(3));
                });
    }
}
