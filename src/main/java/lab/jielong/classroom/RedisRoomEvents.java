package lab.jielong.classroom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Room events over Redis pub/sub: one channel, {@code {prefix}events}, whose messages are
 * {@code "<instance id> <room code>"}. An instance ignores its own messages (it already knows). Redis's
 * pub/sub is fire-and-forget: a message sent while an instance is disconnected is lost, which is why the
 * service also re-reads the rooms it shows every few seconds.
 */
final class RedisRoomEvents implements RoomEvents {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomEvents.class);

    private final StringRedisTemplate redis;
    private final String channel;
    private final String instance = UUID.randomUUID().toString();
    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    RedisRoomEvents(RedisConnectionFactory connections, StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.channel = prefix + "events";
        container.setConnectionFactory(connections);
        container.addMessageListener((message, pattern) -> {
            String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(" ", 2);
            if (parts.length == 2 && !parts[0].equals(instance)) {
                listeners.forEach(l -> l.accept(parts[1]));
            }
        }, new ChannelTopic(channel));
        container.afterPropertiesSet();
        container.start();
    }

    @Override
    public void publish(String code) {
        try {
            redis.convertAndSend(channel, instance + " " + code);
        } catch (DataAccessException e) {
            throw new RoomStoreUnavailableException("Redis cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        try {
            container.stop();
            container.destroy();
        } catch (Exception e) {
            log.debug("stopping the Redis listener: {}", e.toString());
        }
    }
}
