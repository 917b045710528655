package lab.jielong.classroom;

/** The classroom flows on the in-memory store: two service instances on one JVM's store and event bus. */
class MemoryClassroomServiceTest extends ClassroomServiceContractTest {

    private final MemoryRoomStore store = new MemoryRoomStore();
    private final MemoryRoomEvents events = new MemoryRoomEvents();

    @Override
    CountingStore newStore() {
        return track(new CountingStore(store));
    }

    @Override
    RoomEvents newEvents() {
        return events;
    }
}
