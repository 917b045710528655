package lab.jielong.classroom;

import java.util.function.Consumer;

/**
 * "Room X changed", between app instances: {@link MemoryRoomEvents} within one JVM, {@link RedisRoomEvents}
 * over Redis pub/sub. The message carries only the code; whoever shows the room reads it again from the
 * {@link RoomStore}. Delivery is best effort and may repeat: listeners treat it as a hint.
 */
interface RoomEvents extends AutoCloseable {

    /** Tells every subscriber, on every instance, that room {@code code} changed. */
    void publish(String code);

    /** Registers {@code listener} for every room's changes; called on a thread of the implementation's. */
    void subscribe(Consumer<String> listener);

    @Override
    void close();
}
