package lab.jielong.classroom;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the classroom ({@code jielong.classroom.*}).
 *
 * @param store          {@code memory} (default: one JVM, nothing to install) or {@code redis} (several app
 *                       instances; the connection is Spring Boot's {@code spring.data.redis.*})
 * @param roomLifetime   how long a room lasts from when it was opened
 * @param capacity       attendees per room
 * @param maxRooms       rooms open at once on this server (or this Redis)
 * @param presentWindow  an attendee counts as present if seen (an open page, an event) this recently
 * @param updateInterval how often the leader's charts may change: events in between are coalesced into one
 *                       store write and one update; zero turns the timer off (tests call the tick themselves)
 * @param publicUrl      the address phones use to reach this server, e.g. {@code https://lab.example.org};
 *                       empty: the address the leader's browser used
 * @param redisPrefix    prefix of every Redis key and channel of the classroom
 */
@ConfigurationProperties("jielong.classroom")
public record ClassroomProperties(
        @DefaultValue("memory") Store store,
        @DefaultValue("4h") Duration roomLifetime,
        @DefaultValue("500") int capacity,
        @DefaultValue("200") int maxRooms,
        @DefaultValue("5m") Duration presentWindow,
        @DefaultValue("250ms") Duration updateInterval,
        @DefaultValue("") String publicUrl,
        @DefaultValue("jl:classroom:") String redisPrefix) {

    public enum Store {
        MEMORY, REDIS
    }

    public ClassroomProperties {
        if (roomLifetime.isNegative() || roomLifetime.isZero()) {
            throw new IllegalArgumentException("jielong.classroom.room-lifetime must be positive, got " + roomLifetime);
        }
        if (capacity < 1 || maxRooms < 1) {
            throw new IllegalArgumentException("jielong.classroom.capacity and max-rooms must be at least 1, got "
                    + capacity + " and " + maxRooms);
        }
        if (updateInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "jielong.classroom.update-interval must not be negative, got " + updateInterval);
        }
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    /** The defaults, for tests. */
    static ClassroomProperties defaults() {
        return new ClassroomProperties(Store.MEMORY, Duration.ofHours(4), 500, 200, Duration.ofMinutes(5),
                Duration.ofMillis(250), "", "jl:classroom:");
    }

    ClassroomProperties withUpdateInterval(Duration interval) {
        return new ClassroomProperties(store, roomLifetime, capacity, maxRooms, presentWindow, interval, publicUrl,
                redisPrefix);
    }

    ClassroomProperties withRooms(Duration lifetime, int perRoom, int rooms) {
        return new ClassroomProperties(store, lifetime, perRoom, rooms, presentWindow, updateInterval, publicUrl,
                redisPrefix);
    }
}
