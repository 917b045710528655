package lab.jielong.classroom;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Room events within one JVM: every subscriber is called at once, in the publisher's thread. */
final class MemoryRoomEvents implements RoomEvents {

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String code) {
        listeners.forEach(l -> l.accept(code));
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
