package lab.jielong.classroom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workshop on the default in-memory store (the context every browserless UI test shares), which also
 * shows that without Redis configured no Redis client exists at all.
 */
class MemoryClassroomFlowTest extends ClassroomFlowTest {

    @Autowired
    ApplicationContext app;

    @Test
    void withoutRedisConfiguredThereIsNoRedisClient() {
        assertThat(app.getBean(RoomStore.class)).isInstanceOf(MemoryRoomStore.class);
        assertThat(app.getBean(RoomEvents.class)).isInstanceOf(MemoryRoomEvents.class);
        assertThat(app.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
    }
}
