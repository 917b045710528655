package lab.jielong.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Every error the API answers, whatever the status: a stable code to branch on and a sentence in the
 * requested language ({@code lang=zh|en}, else {@code Accept-Language}, else English).
 */
@Schema(description = "An error: a stable code and a message in the requested language")
public record ApiError(
        @Schema(example = "UNKNOWN_IDIOM") String code,
        @Schema(example = "「我们回家」 is not in our idiom dictionary.") String message) {
}
