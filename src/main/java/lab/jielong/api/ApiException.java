package lab.jielong.api;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A refusal the API words for the client: the status, the stable code, and the translation key with its
 * arguments ({@link ApiMessages} turns them into the message in the client's language).
 */
class ApiException extends RuntimeException {

    final HttpStatus status;
    final String code;
    final String key;
    final List<?> args;

    ApiException(HttpStatus status, String code, String key, List<?> args) {
        super(code, null, false, false);            // an answer, not a failure: no stack trace to fill
        this.status = status;
        this.code = code;
        this.key = key;
        this.args = List.copyOf(args);
    }

    /** 400 with the message {@code api.error.<code>}. */
    static ApiException badRequest(String code, String... args) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, "api.error." + code, List.of(args));
    }

    /** Text longer than {@code limit} characters: 400 {@code TOO_LONG}, worded as on the pages. */
    static ApiException tooLong(int limit) {
        return new ApiException(HttpStatus.BAD_REQUEST, "TOO_LONG", "input.TOO_LONG", List.of(limit));
    }

    /** A field with a value outside its set: 400 {@code INVALID_FIELD}. */
    static ApiException invalidField(String field, String expected) {
        return badRequest("INVALID_FIELD", field, expected);
    }
}
