package lab.jielong.classroom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Room events over Redis pub/sub: one channel, {@code {prefix}events}, whose messages are
 * {@code "<instance id> <room code>"}. An instance ignores its own messages (it already knows). Redis's
 * pub/sub is fire-and-forget: a message sent while an instance is disconnected is lost, which is why the
 * service also re-reads the rooms it shows every few seconds.
 *
 * <p>The subscription is made in the background and retried every {@link #RETRY} until Redis answers, so an
 * app whose Redis is down at start-up still starts; once subscribed, Spring's listener container reconnects
 * by itself.
 */
final class RedisRoomEvents implements RoomEvents {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomEvents.class);
    static final Duration RETRY = Duration.ofSeconds(5);

    private final RedisConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final String channel;
    private final String instance = UUID.randomUUID().toString();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService subscriber = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jielong-classroom-subscribe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RedisMessageListenerContainer container;
    private volatile boolean closed;

    RedisRoomEvents(RedisConnectionFactory connections, StringRedisTemplate redis, String prefix) {
        this.connections = connections;
        this.redis = redis;
        this.channel = prefix + "events";
        subscriber.execute(() -> subscribe(0));
    }

    private void subscribe(int failures) {
        if (closed) {
            return;
        }
        RedisMessageListenerContainer attempt = new RedisMessageListenerContainer();
        attempt.setConnectionFactory(connections);
        attempt.addMessageListener((message, pattern) -> {
            String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(" ", 2);
            if (parts.length == 2 && !parts[0].equals(instance)) {
                listeners.forEach(l -> l.accept(parts[1]));
            }
        }, new ChannelTopic(channel));
        try {
            attempt.afterPropertiesSet();
            attempt.start();
            container = attempt;
            if (failures > 0) {
                log.info("Classroom: subscribed to Redis channel {} after {} failed attempt(s)", channel, failures);
            }
        } catch (RuntimeException e) {
            destroy(attempt);
            if (failures == 0) {
                log.warn("Classroom: cannot subscribe to Redis channel {} ({}); retrying every {} s. Rooms shown "
                        + "here still refresh every few seconds.", channel, e.getMessage(), RETRY.toSeconds());
            }
            if (!closed) {
                subscriber.schedule(() -> subscribe(failures + 1), RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
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

    /** Whether the subscription is in place (tests wait for it). */
    boolean subscribed() {
        RedisMessageListenerContainer current = container;
        return current != null && current.isListening();
    }

    @Override
    public void close() {
        closed = true;
        subscriber.shutdownNow();
        RedisMessageListenerContainer current = container;
        if (current != null) {
            destroy(current);
        }
    }

    private static void destroy(RedisMessageListenerContainer container) {
        try {
            container.stop();
            container.destroy();
        } catch (Exception e) {
            log.debug("Classroom: stopping a Redis listener: {}", e.toString());
        }
    }
}
