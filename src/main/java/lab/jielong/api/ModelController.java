package lab.jielong.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.TextNormalizer;
import lab.jielong.game.ChainRules;
import lab.jielong.game.Difficulty;
import lab.jielong.game.Game;
import lab.jielong.game.GameConfig;
import lab.jielong.game.MatchMode;
import lab.jielong.game.Move;
import lab.jielong.game.Outcome;
import lab.jielong.game.Rejection;
import lab.jielong.game.Side;
import lab.jielong.guess.GuessService;
import lab.jielong.play.ComputerMove;
import lab.jielong.play.FutureRemoved;
import lab.jielong.play.Panel;
import lab.jielong.play.PlayService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The endpoints that run the models: the next-character distribution, the model's move for a chain, and
 * both models' attention on a text. Each runs in a {@link ModelGate} slot; every number is computed by the
 * shipped models for this request.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "models", description = "The shipped decoder and peeking model, run for each request")
class ModelController {

    /** Most idioms a chain may hold. */
    static final int MAX_CHAIN = 64;
    /** Most next tokens one answer lists. */
    static final int MAX_K = 50;
    /** Raw text longer than this is refused before it is even normalised. */
    static final int MAX_RAW_TEXT = 256;

    private final GuessService guess;
    private final PlayService play;
    private final ModelGate gate;

    ModelController(GuessService guess, PlayService play, ModelGate gate) {
        this.guess = guess;
        this.play = play;
        this.gate = gate;
    }

    // ---------------------------------------------------------------------------------------------
    // next-char

    @Schema(description = "Which model to ask, and after what text")
    record NextCharRequest(
            @Schema(description = "Chinese text, at most 16 characters after normalisation; cut into idioms of four "
                    + "as the models were trained (BOS i1 SEP i2 …)", example = "一心一",
                    requiredMode = Schema.RequiredMode.REQUIRED) String text,
            @Schema(description = "decoder (default) or peeking: the model trained without the causal mask, here "
                    + "reading only the text, as generation must",
                    allowableValues = {
                            "decoder", "peeking"},
                    example = "decoder") String model,
            @Schema(description = "how many tokens to list, 1 to 50 (default 10)", example = "5") Integer k) {
    }

    @Schema(description = "One possible next token")
    record TokenProbability(
            @Schema(description = "a character, or a special token: <sep> ends the idiom, <eos> the chain",
                    example = "意") String token,
            @Schema(description = "the model's probability", example = "0.93") double probability,
            @Schema(description = "a special token rather than a character") boolean special) {
    }

    @Schema(description = "The next-token distribution after a text")
    record NextCharAnswer(
            @Schema(example = "一心一") String text,
            @Schema(example = "decoder") String model,
            @Schema(description = "the prompt as the model read it") List<String> tokens,
            @Schema(description = "most likely first") List<TokenProbability> top,
            @Schema(description = "positions in the text of characters the model has never seen") List<Integer> unknown) {
    }

    @PostMapping("/next-char")
    @Operation(summary = "The next-character distribution after a text",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the top k next tokens"),
                    @ApiResponse(responseCode = "400",
                            description = "EMPTY, MARKUP, NOT_CHINESE, TOO_LONG, INVALID_FIELD, MALFORMED_JSON …",
                            content = @Content(schema = @Schema(implementation = ApiError.class))),
                    @ApiResponse(responseCode = "503", description = "BUSY: the models are busy, try again in a moment",
                            content = @Content(schema = @Schema(implementation = ApiError.class)))})
    NextCharAnswer nextChar(@RequestBody NextCharRequest request) {
        String text = checkedText(request.text(), GuessService.MAX_TEXT);
        String model = request.model() == null ? "decoder" : request.model().trim().toLowerCase(Locale.ROOT);
        if (!model.equals("decoder") && !model.equals("peeking")) {
            throw ApiException.invalidField("model", "decoder, peeking");
        }
        int k = request.k() == null ? GuessService.TOP_K : request.k();
        if (k < 1 || k > MAX_K) {
            throw ApiException.invalidField("k", "1 … " + MAX_K);
        }
        GuessService.NextTokens next = gate.run(() -> guess.nextTokens(text, model.equals("peeking"), k));
        return new NextCharAnswer(next.text(), model, next.tokens(),
                next.top().stream().map(p -> new TokenProbability(p.text(), p.probability(), p.special())).toList(),
                next.unknown());
    }

    // ---------------------------------------------------------------------------------------------
    // moves

    @Schema(description = "A chain and how the model should continue it")
    record MoveRequest(
            @Schema(description = "the idioms played so far, oldest first (all count as used); empty: the model opens",
                    example = "[\"一心一意\"]") List<String> chain,
            @Schema(description = "how idioms join: char 同字 (default), sound 同音 (any tone), tone 同音同调",
                    allowableValues = {
                            "char", "sound", "tone"},
                    example = "char") String mode,
            @Schema(description = "easy (default): well-known idioms; hard: idioms that leave few continuations",
                    allowableValues = {"easy", "hard"}, example = "easy") String difficulty,
            @Schema(description = "true (default): the model may only write valid unused idioms; false: unaided, "
                    + "its answer may be invalid", example = "true") Boolean guided) {
    }

    @Schema(description = "A dictionary idiom in a chain")
    record ChainIdiom(@Schema(example = "意气风发") String word, @Schema(example = "yì qì fēng fā") String pinyin,
            @Schema(allowableValues = {
                    "core", "common", "rare"}) String tier) {

        static ChainIdiom of(Idiom idiom) {
            return new ChainIdiom(idiom.word(), idiom.pinyinText(), idiom.tier().name().toLowerCase(Locale.ROOT));
        }
    }

    @Schema(description = "What the model wrote")
    record ModelMove(
            @Schema(description = "the text the decoder wrote", example = "意气风发") String text,
            @Schema(description = "a valid move by the rules") boolean valid,
            @Schema(description = "the idiom, when valid") ChainIdiom idiom,
            @Schema(description = "guided: its probability among the valid moves; free: the product of its characters' probabilities") double probability,
            @Schema(description = "the decoder's probability of each character as it wrote it") List<Double> characterProbabilities,
            @Schema(description = "why the answer is not a valid move (unguided only)") ApiError problem) {
    }

    @Schema(description = "How the game ended")
    record GameOutcome(@Schema(allowableValues = {
            "you", "model"}) String winner,
            @Schema(allowableValues = {"GAVE_UP", "DEAD_END", "EXHAUSTED", "TOO_MANY_FAILURES"}) String reason,
            String message) {
    }

    @Schema(description = "The model's next move for a chain")
    record MoveAnswer(@Schema(description = "the chain as sent, normalised") List<ChainIdiom> chain,
            String mode, String difficulty, boolean guided,
            @Schema(description = "absent when the chain had already ended") ModelMove move,
            @Schema(description = "present when the game is over: before the move (nothing can follow the "
                    + "chain) or after it") GameOutcome outcome,
            @Schema(description = "server time of the move in milliseconds (measured)") double millis) {
    }

    @PostMapping("/moves")
    @Operation(summary = "The model's next move for a chain",
            description = "The chain is replayed through the rules (each idiom must join the one before in the mode, "
                    + "and none may repeat); then the decoder writes its answer, as on the Play page.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the move, or the outcome if nothing can follow"),
                    @ApiResponse(responseCode = "400",
                            description = "a refused idiom (WRONG_START, ALREADY_USED, UNKNOWN_IDIOM …, "
                                    + "the message names its position), INVALID_FIELD, MALFORMED_JSON …",
                            content = @Content(schema = @Schema(implementation = ApiError.class))),
                    @ApiResponse(responseCode = "503", description = "BUSY",
                            content = @Content(schema = @Schema(implementation = ApiError.class)))})
    MoveAnswer move(@RequestBody MoveRequest request, HttpServletRequest http) {
        List<String> chain = request.chain() == null ? List.of() : request.chain();
        if (chain.size() > MAX_CHAIN) {
            throw ApiException.badRequest("CHAIN_TOO_LONG", Integer.toString(MAX_CHAIN));
        }
        for (String idiom : chain) {
            if (idiom == null) {
                throw ApiException.invalidField("chain", "idioms");
            }
            if (idiom.length() > ChainRules.MAX_INPUT_LENGTH) {
                throw ApiException.tooLong(ChainRules.MAX_INPUT_LENGTH);
            }
        }
        MatchMode mode = request.mode() == null ? MatchMode.SAME_CHARACTER
                : MatchMode.parse(request.mode())
                        .orElseThrow(() -> ApiException.invalidField("mode", "char, sound, tone"));
        Difficulty difficulty = request.difficulty() == null ? Difficulty.EASY
                : Difficulty.parse(request.difficulty())
                        .orElseThrow(() -> ApiException.invalidField("difficulty", "easy, hard"));
        boolean guided = request.guided() == null || request.guided();
        GameConfig config = new GameConfig(mode, difficulty, Side.HUMAN, guided);

        return gate.run(() -> {
            PlayService.Replay replay = play.replay(chain, config);
            if (replay.problem().isPresent()) {
                throw chainRefusal(replay, http);
            }
            Game game = replay.game();
            List<ChainIdiom> played = game.chain().stream().map(ChainIdiom::of).toList();
            ModelMove move = null;
            double millis = 0;
            if (!game.isOver()) {
                ComputerMove computer = play.computerMove(game, (character, index, probability) -> {
                });
                millis = computer.nanos() / 1e6;
                move = modelMove(computer, http);
            }
            return new MoveAnswer(played, mode.id(), difficulty.id(), guided, move,
                    game.outcome().map(o -> outcome(o, http)).orElse(null), millis);
        });
    }

    private static ModelMove modelMove(ComputerMove computer, HttpServletRequest http) {
        Move move = computer.result().move().orElseThrow();
        ApiError problem = move.failure().map(r -> rejection(r, http)).orElse(null);
        ChainIdiom idiom = move.idiom().map(ChainIdiom::of).orElse(null);
        return new ModelMove(computer.answer(), move.accepted(), idiom, computer.probability(),
                computer.probabilities(), problem);
    }

    private static ApiException chainRefusal(PlayService.Replay replay, HttpServletRequest http) {
        Rejection rejection = replay.problem().orElseThrow();
        String reason = rejection.messageKey().startsWith("move.rejected.GAME_OVER")
                ? replay.game().outcome().map(o -> ApiMessages.format(http, o.messageKey(), o.messageArgs())).orElse("")
                : rejection(rejection, http).message();
        return new ApiException(HttpStatus.BAD_REQUEST, rejection.reason().name(), "api.chain.at",
                List.of(Integer.toString(replay.failedAt() + 1), reason));
    }

    private static ApiError rejection(Rejection rejection, HttpServletRequest http) {
        return new ApiError(rejection.reason().name(),
                ApiMessages.format(http, rejection.messageKey(), rejection.messageArgs()));
    }

    private static GameOutcome outcome(Outcome outcome, HttpServletRequest http) {
        return new GameOutcome(outcome.winner().id(), outcome.reason().name(),
                ApiMessages.format(http, outcome.messageKey(), outcome.messageArgs()));
    }

    // ---------------------------------------------------------------------------------------------
    // attention

    @Schema(description = "The text whose attention to show")
    record AttentionRequest(
            @Schema(description = "Chinese text, at most 16 characters after normalisation", example = "一心一意意气风发",
                    requiredMode = Schema.RequiredMode.REQUIRED) String text) {
    }

    @Schema(description = "A guess with the future removed")
    record Guess(@Schema(example = "意") String token, double probability) {
    }

    @Schema(description = "Both models' next-token guess at one position once everything after it is removed")
    record FutureRemovedGuesses(
            @Schema(description = "the token index examined: the one before the last") int position,
            @Schema(description = "the token that really follows it") String actual,
            Guess decoder, Guess peeking,
            @Schema(description = "the decoder's probability for the actual token") double decoderOnActual,
            @Schema(description = "the peeking model's probability for the actual token") double peekingOnActual) {
    }

    @Schema(description = "Attention maps of both models on one text")
    record AttentionAnswer(
            String text,
            @Schema(description = "the tokens as the models read them, e.g. <bos> 一 心 一 意 <sep> 意 …") List<String> tokens,
            int layers, int heads,
            @Schema(description = "[layer][head][query][key]: the decoder's attention weights (zero right of the query: the causal mask)") double[][][][] decoder,
            @Schema(description = "[layer][head][query][key]: the peeking model's, on the whole text") double[][][][] peeking,
            @Schema(description = "[query]: the share of the peeking model's attention on positions after the query, "
                    + "averaged over layers and heads") double[] futureShare,
            FutureRemovedGuesses futureRemoved) {
    }

    @PostMapping("/attention")
    @Operation(summary = "Attention maps of the decoder and the peeking model for a text",
            responses = {
                    @ApiResponse(responseCode = "200", description = "both maps, rounded to 4 decimals"),
                    @ApiResponse(responseCode = "400",
                            description = "EMPTY, MARKUP, NOT_CHINESE, TOO_LONG, MALFORMED_JSON …",
                            content = @Content(schema = @Schema(implementation = ApiError.class))),
                    @ApiResponse(responseCode = "503", description = "BUSY",
                            content = @Content(schema = @Schema(implementation = ApiError.class)))})
    AttentionAnswer attention(@RequestBody AttentionRequest request) {
        String text = checkedText(request.text(), GuessService.MAX_TEXT);
        Panel panel = gate.run(() -> play.panel(text));
        float[][][][] d = panel.decoderAttention();
        FutureRemovedGuesses future = panel.future().map(ModelController::guesses).orElse(null);
        return new AttentionAnswer(text, panel.tokens(), d.length, d[0].length, rounded(d),
                rounded(panel.peekingAttention()), rounded(panel.futureShare()), future);
    }

    private static FutureRemovedGuesses guesses(FutureRemoved f) {
        return new FutureRemovedGuesses(f.position(), f.actual(),
                new Guess(f.decoder().token(), round(f.decoder().probability())),
                new Guess(f.peeking().token(), round(f.peeking().probability())),
                round(f.decoderOnActual()), round(f.peekingOnActual()));
    }

    // ---------------------------------------------------------------------------------------------

    /** The text normalised and checked ({@link TextNormalizer#checkText}), or the precise refusal. */
    private static String checkedText(String raw, int maxLength) {
        if (raw == null) {
            throw ApiException.badRequest("MISSING_FIELD", "text");
        }
        if (raw.length() > MAX_RAW_TEXT) {
            throw ApiException.tooLong(maxLength);       // refused before the normaliser reads it
        }
        CheckedInput checked = TextNormalizer.checkText(raw, maxLength);
        if (!checked.ok()) {
            throw IdiomController.refusal(checked);
        }
        return Objects.requireNonNull(checked.text());
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    private static double[] rounded(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = round(values[i]);
        }
        return out;
    }

    private static double[][][][] rounded(float[][][][] a) {
        double[][][][] out = new double[a.length][][][];
        for (int l = 0; l < a.length; l++) {
            out[l] = new double[a[l].length][][];
            for (int h = 0; h < a[l].length; h++) {
                out[l][h] = new double[a[l][h].length][];
                for (int q = 0; q < a[l][h].length; q++) {
                    out[l][h][q] = new double[a[l][h][q].length];
                    for (int k = 0; k < a[l][h][q].length; k++) {
                        out[l][h][q][k] = round(a[l][h][q][k]);
                    }
                }
            }
        }
        return out;
    }
}
