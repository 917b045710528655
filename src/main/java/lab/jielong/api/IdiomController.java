package lab.jielong.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.InputProblem;
import lab.jielong.corpus.TextNormalizer;
import lab.jielong.game.ChainRules;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/** {@code GET /api/v1/idioms/{text}}: is this an idiom of the dictionary, and how does it read? */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "idioms", description = "The idiom dictionary (22,192 idioms from jieba's dictionary, pinyin from HanLP)")
class IdiomController {

    private final IdiomCorpus corpus;

    IdiomController(IdiomCorpus corpus) {
        this.corpus = corpus;
    }

    @Schema(description = "A dictionary idiom")
    record IdiomInfo(
            @Schema(description = "the text as sent", example = "一心一意") String input,
            @Schema(description = "the idiom, normalised (spaces and punctuation dropped, simplified)",
                    example = "一心一意") String word,
            @Schema(description = "tone-marked pinyin read as a word", example = "yī xīn yī yì") String pinyin,
            @Schema(description = "one tone-marked syllable per character") List<String> syllables,
            @Schema(description = "the same syllables without tones") List<String> toneless,
            @Schema(description = "core: also an idiom in HanLP's core dictionary; common: jieba frequency above 3; rare: the rest",
                    allowableValues = {
                            "core", "common", "rare"}) String tier,
            @Schema(description = "jieba's frequency count") int frequency,
            @Schema(description = "false for the 5% hold-out no model was trained on") boolean inTraining,
            @Schema(description = "traditional characters were mapped to simplified ones") boolean convertedFromTraditional) {

        static IdiomInfo of(String input, Idiom idiom, boolean converted) {
            return new IdiomInfo(input, idiom.word(), idiom.pinyinText(), idiom.pinyin(), idiom.pinyinToneless(),
                    idiom.tier().name().toLowerCase(Locale.ROOT), idiom.frequency(), !idiom.heldOut(), converted);
        }
    }

    @GetMapping("/idioms/{text}")
    @Operation(summary = "Look up an idiom",
            description = "The text goes through the same normaliser as the pages: spaces, zero-width characters and "
                    + "punctuation are dropped and traditional characters simplified. A refusal names the precise reason.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "a dictionary idiom"),
                    @ApiResponse(responseCode = "400",
                            description = "EMPTY, MARKUP, NOT_CHINESE, WRONG_LENGTH or TOO_LONG",
                            content = @Content(schema = @Schema(implementation = ApiError.class))),
                    @ApiResponse(responseCode = "404",
                            description = "UNKNOWN_IDIOM: four Chinese characters, not in the dictionary",
                            content = @Content(schema = @Schema(implementation = ApiError.class)))})
    IdiomInfo idiom(@Parameter(description = "the idiom, e.g. 一心一意 (URL-encoded)", example = "一心一意")
    @PathVariable String text) {
        if (text.length() > ChainRules.MAX_INPUT_LENGTH) {
            throw ApiException.tooLong(ChainRules.MAX_INPUT_LENGTH);
        }
        CheckedInput checked = TextNormalizer.checkIdiom(text, corpus);
        if (!checked.ok()) {
            throw refusal(checked);
        }
        return IdiomInfo.of(text, checked.idiom().orElseThrow(), checked.convertedFromTraditional());
    }

    /** The normaliser's verdict as an API error: 404 for an unknown idiom, 400 for the rest. */
    static ApiException refusal(CheckedInput checked) {
        HttpStatus status =
                checked.problem() == InputProblem.UNKNOWN_IDIOM || checked.problem() == InputProblem.NOT_AN_IDIOM
                        ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        return new ApiException(status, checked.problem().name(), "input." + checked.problem().name(),
                checked.messageArgs());
    }
}
