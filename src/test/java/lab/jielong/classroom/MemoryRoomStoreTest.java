package lab.jielong.classroom;

import org.junit.jupiter.api.AfterEach;

import java.util.List;

/** The room store contract on the in-memory store and event bus. */
class MemoryRoomStoreTest extends RoomStoreContractTest {

    private final MemoryRoomStore store = new MemoryRoomStore();
    private final MemoryRoomEvents events = new MemoryRoomEvents();

    @Override
    RoomStore store() {
        return store;
    }

    @Override
    List<RoomEvents> events() {
        return List.of(events, events);
    }

    @AfterEach
    void close() {
        events.close();
    }
}
