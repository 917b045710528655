package lab.jielong.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Rooms in Redis, shared by every app instance that uses the same server. Per room, with the room's expiry
 * on every key (Redis deletes them by itself):
 * <pre>
 * {prefix}room:{code}            hash   opened, expires (epoch ms), capacity, locked, preset (JSON), c.{COUNTER}
 * {prefix}room:{code}:idioms     zset   idiom → valid moves that played it
 * {prefix}room:{code}:attendees  zset   random attendee id → last seen (epoch ms)
 * {prefix}rooms                  zset   code → expires, to count open rooms against the cap
 * </pre>
 * Every write that must see the room's existence or capacity is one Lua script, so two app instances never
 * seat the 501st attendee of a room of 500 or write into a room that just expired.
 *
 * <p>When Redis cannot be reached, the call fails with {@link RoomStoreUnavailableException} and further calls
 * fail at once for {@link #RETRY_AFTER}, so a page asking about a room is never held up twice in a row.
 */
final class RedisRoomStore implements RoomStore {

    static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    private static final String COUNTER_FIELD = "c.";

    private static final RedisScript<Long> CREATE = RedisScript.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return -1 end
            local expires = tonumber(ARGV[2]) + tonumber(ARGV[3])
            redis.call('HSET', KEYS[1], 'opened', ARGV[2], 'expires', expires, 'capacity', ARGV[4], 'locked', '0')
            redis.call('PEXPIREAT', KEYS[1], expires)
            redis.call('ZADD', KEYS[2], expires, ARGV[1])
            return 1
            """, Long.class);

    private static final RedisScript<Long> ADMIT = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
              redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
              return 2
            end
            if redis.call('ZCARD', KEYS[2]) >= tonumber(redis.call('HGET', KEYS[1], 'capacity')) then return 0 end
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            redis.call('PEXPIREAT', KEYS[2], redis.call('HGET', KEYS[1], 'expires'))
            return 1
            """, Long.class);

    /** ARGV: now, n counters, (field, increment)…, n idioms, (idiom, increment)…, then attendee ids seen. */
    private static final RedisScript<Long> APPLY = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local i = 2
            local counters = tonumber(ARGV[i]); i = i + 1
            for _ = 1, counters do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]); i = i + 2 end
            local idioms = tonumber(ARGV[i]); i = i + 1
            for _ = 1, idioms do redis.call('ZINCRBY', KEYS[2], ARGV[i + 1], ARGV[i]); i = i + 2 end
            if idioms > 0 then redis.call('PEXPIREAT', KEYS[2], redis.call('HGET', KEYS[1], 'expires')) end
            while i <= #ARGV do redis.call('ZADD', KEYS[3], 'XX', ARGV[1], ARGV[i]); i = i + 1 end
            return 1
            """, Long.class);

    private static final RedisScript<Long> SET_PRESET = RedisScript.of(
            """
                    if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
                    if ARGV[1] == '' then redis.call('HDEL', KEYS[1], 'preset') else redis.call('HSET', KEYS[1], 'preset', ARGV[1]) end
                    redis.call('HSET', KEYS[1], 'locked', ARGV[2])
                    return 1
                    """,
            Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private volatile long downUntil;

    RedisRoomStore(StringRedisTemplate redis, String prefix, Clock clock) {
        this.redis = redis;
        this.prefix = prefix;
        this.clock = clock;
    }

    private String room(String code) {
        return prefix + "room:" + code;
    }

    private String idioms(String code) {
        return room(code) + ":idioms";
    }

    private String attendees(String code) {
        return room(code) + ":attendees";
    }

    private String index() {
        return prefix + "rooms";
    }

    @Override
    public Creation create(String code, Instant now, Duration lifetime, int capacity, int maxRooms) {
        long result = call(() -> redis.execute(CREATE, List.of(room(code), index()), code,
                Long.toString(now.toEpochMilli()), Long.toString(lifetime.toMillis()), Integer.toString(capacity),
                Integer.toString(maxRooms)));
        return result == 1 ? Creation.CREATED : result == 0 ? Creation.CODE_TAKEN : Creation.TOO_MANY_ROOMS;
    }

    @Override
    public Optional<RoomSnapshot> read(String code, Instant now, Duration presentWindow, int topIdioms) {
        List<Object> replies = call(() -> redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object execute(RedisOperations operations) {
                operations.opsForHash().entries(room(code));
                operations.opsForZSet().reverseRangeWithScores(idioms(code), 0, topIdioms - 1);
                operations.opsForZSet().zCard(attendees(code));
                operations.opsForZSet().count(attendees(code), now.minus(presentWindow).toEpochMilli(),
                        Double.POSITIVE_INFINITY);
                return null;
            }
        }));
        @SuppressWarnings("unchecked")
        Map<Object, Object> hash = (Map<Object, Object>) replies.get(0);
        if (hash == null || !hash.containsKey("expires")) {
            return Optional.empty();
        }
        EnumMap<Counter, Long> counts = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            Object value = hash.get(COUNTER_FIELD + c.name());
            if (value != null) {
                counts.put(c, Long.parseLong(value.toString()));
            }
        }
        List<RoomSnapshot.IdiomCount> top = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Set<ZSetOperations.TypedTuple<String>> tuples = (Set<ZSetOperations.TypedTuple<String>>) replies.get(1);
        if (tuples != null) {
            tuples.forEach(t -> top.add(new RoomSnapshot.IdiomCount(t.getValue(), Math.round(t.getScore()))));
        }
        int joined = ((Number) replies.get(2)).intValue();
        int present = ((Number) replies.get(3)).intValue();
        boolean locked = "1".equals(hash.get("locked"));
        return Optional.of(new RoomSnapshot(code, millis(hash.get("opened")), millis(hash.get("expires")),
                Integer.parseInt(hash.get("capacity").toString()), joined, present, counts, top,
                preset(hash.get("preset")), locked));
    }

    @Override
    public RoomStatus status(String code, Instant now) {
        List<Object> fields =
                call(() -> redis.opsForHash().multiGet(room(code), List.of("expires", "preset", "locked")));
        if (fields.get(0) == null) {
            return RoomStatus.of(code, Availability.ENDED);
        }
        return new RoomStatus(code, Availability.OPEN, preset(fields.get(1)), "1".equals(fields.get(2)));
    }

    @Override
    public Admission admit(String code, String attendeeId, Instant now) {
        long result = call(() -> redis.execute(ADMIT, List.of(room(code), attendees(code)), attendeeId,
                Long.toString(now.toEpochMilli())));
        return switch ((int) result) {
            case 1 -> Admission.JOINED;
            case 2 -> Admission.ALREADY_IN;
            case 0 -> Admission.FULL;
            default -> Admission.NO_SUCH_ROOM;
        };
    }

    @Override
    public void leave(String code, String attendeeId) {
        call(() -> redis.opsForZSet().remove(attendees(code), attendeeId));
    }

    @Override
    public boolean apply(String code, RoomDelta delta, Instant now) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(now.toEpochMilli()));
        args.add(Integer.toString(delta.counts.size()));
        delta.counts.forEach((c, n) -> {
            args.add(COUNTER_FIELD + c.name());
            args.add(Long.toString(n));
        });
        args.add(Integer.toString(delta.idioms.size()));
        delta.idioms.forEach((idiom, n) -> {
            args.add(idiom);
            args.add(Long.toString(n));
        });
        args.addAll(delta.seen);
        long result = call(() -> redis.execute(APPLY, List.of(room(code), idioms(code), attendees(code)),
                args.toArray()));
        return result == 1;
    }

    @Override
    public boolean setPreset(String code, Optional<Preset> preset, boolean locked, Instant now) {
        String value = preset.map(this::json).orElse("");
        long result = call(() -> redis.execute(SET_PRESET, List.of(room(code)), value,
                locked && preset.isPresent() ? "1" : "0"));
        return result == 1;
    }

    @Override
    public void close(String code) {
        call(() -> {
            redis.delete(List.of(room(code), idioms(code), attendees(code)));
            return redis.opsForZSet().remove(index(), code);
        });
    }

    private <T> T call(Supplier<T> operation) {
        if (clock.millis() < downUntil) {
            throw new RoomStoreUnavailableException("Redis was unreachable moments ago; not retrying yet", null);
        }
        try {
            T result = operation.get();
            if (result == null) {
                throw new RoomStoreUnavailableException("Redis gave no answer", null);
            }
            return result;
        } catch (DataAccessException e) {
            downUntil = clock.millis() + RETRY_AFTER.toMillis();
            throw new RoomStoreUnavailableException("Redis cannot be reached: " + e.getMessage(), e);
        }
    }

    private static Instant millis(Object value) {
        return Instant.ofEpochMilli(Long.parseLong(value.toString()));
    }

    private String json(Preset preset) {
        try {
            return json.writeValueAsString(preset);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preset is always serialisable: " + e.getMessage(), e);
        }
    }

    private Optional<Preset> preset(Object value) {
        if (value == null || value.toString().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(value.toString(), Preset.class));
        } catch (JsonProcessingException e) {
            // written by another version of the app: show no preset rather than fail the room
            return Optional.empty();
        }
    }
}
