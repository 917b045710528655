package lab.jielong.classroom;

/**
 * An attendee's place in a room: the room's code and a random id made when the session joined. The id
 * stands for nothing but that session; it lets the room count who is present and not count anyone twice.
 */
public record Seat(String code, String attendeeId) {
}
