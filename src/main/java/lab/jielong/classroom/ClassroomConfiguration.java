package lab.jielong.classroom;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;

/**
 * Chooses where rooms live from {@code jielong.classroom.store}: {@code memory} (the default) or {@code redis}.
 *
 * <p>Spring Boot's Redis auto-configuration is excluded in {@code application.properties}, so an app without
 * Redis starts exactly as it did before the classroom existed: no Redis client, no connection attempt. Only
 * {@code jielong.classroom.store=redis} imports it, with Boot's {@code spring.data.redis.*} properties for the
 * connection. The Lettuce client then refuses commands at once while disconnected instead of queueing them
 * until the timeout, so a page that asks about a room while Redis is down is not held up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClassroomProperties.class)
class ClassroomConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "jielong.classroom.store", havingValue = "memory", matchIfMissing = true)
    static class InMemory {

        @Bean
        RoomStore roomStore() {
            return new MemoryRoomStore();
        }

        @Bean
        RoomEvents roomEvents() {
            return new MemoryRoomEvents();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "jielong.classroom.store", havingValue = "redis")
    @Import(RedisAutoConfiguration.class)
    static class OnRedis {

        @Bean
        LettuceClientOptionsBuilderCustomizer classroomRejectsCommandsWhileDisconnected() {
            return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }

        @Bean
        RoomStore roomStore(StringRedisTemplate redis, ClassroomProperties settings) {
            return new RedisRoomStore(redis, settings.redisPrefix(), Clock.systemUTC());
        }

        @Bean
        RoomEvents roomEvents(RedisConnectionFactory connections, StringRedisTemplate redis,
                ClassroomProperties settings) {
            return new RedisRoomEvents(connections, redis, settings.redisPrefix());
        }
    }
}
