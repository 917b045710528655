package lab.jielong.classroom;

/** The room store cannot be reached (Redis down or too slow); rooms say so, nothing else is affected. */
class RoomStoreUnavailableException extends RuntimeException {

    RoomStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
