package lab.jielong.api;

import com.fasterxml.jackson.databind.JsonNode;
import lab.jielong.base.ServerTest;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.InferenceSession;
import lab.jielong.guess.GuessService;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import lab.jielong.work.RateLimiter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The JSON API over real HTTP: each endpoint against the services and models it claims to report, every
 * error code with its status and its message in both languages, and the limits (body size, requests per
 * second, busy models). No answer may carry a stack trace.
 */
class ApiTest extends ServerTest {

    @Autowired
    private IdiomCorpus corpus;
    @Autowired
    private GuessService guess;
    @Autowired
    private ModelService models;
    @Autowired
    private RateLimiter limiter;
    @Autowired
    private ModelGate gate;

    @BeforeEach
    void freshLimits() {
        limiter.clear();
    }

    // ---------------------------------------------------------------------------------------------
    // idioms

    @Test
    void anIdiomIsLookedUpWithItsReadingAndTier() {
        HttpResponse<String> r = get(idiomPath("一心一意"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(r);
        Idiom idiom = corpus.find("一心一意").orElseThrow();
        assertThat(body.get("word").asText()).isEqualTo("一心一意");
        assertThat(body.get("pinyin").asText()).isEqualTo("yī xīn yī yì");
        assertThat(body.get("syllables")).hasSize(4);
        assertThat(body.get("toneless").get(1).asText()).isEqualTo("xin");
        assertThat(body.get("tier").asText()).isEqualTo(idiom.tier().name().toLowerCase());
        assertThat(body.get("frequency").asInt()).isEqualTo(idiom.frequency());
        assertThat(body.get("inTraining").asBoolean()).isEqualTo(!idiom.heldOut());
        assertThat(body.get("convertedFromTraditional").asBoolean()).isFalse();

        JsonNode traditional = json(get(idiomPath("馬到成功")));
        assertThat(traditional.get("word").asText()).isEqualTo("马到成功");
        assertThat(traditional.get("convertedFromTraditional").asBoolean()).isTrue();
        assertThat(json(get(idiomPath(" 一心 一意！"))).get("word").asText()).isEqualTo("一心一意");
    }

    @Test
    void eachRefusalHasItsCodeStatusAndMessage() {
        expectError(get(idiomPath(" ")), 400, "EMPTY", "Please type an idiom: there is nothing here yet.");
        expectError(get(idiomPath("abcd")), 400, "NOT_CHINESE", "Only Chinese characters, please: a b c d are not.");
        expectError(get(idiomPath("<b>一心一意")), 400, "MARKUP",
                "That looks like markup (<b>); please type just the Chinese characters.");
        expectError(get(idiomPath("一心一")), 400, "WRONG_LENGTH", "An idiom has four characters; you typed 3.");
        expectError(get(idiomPath("我们回家")), 404, "UNKNOWN_IDIOM", "「我们回家」 is not in our idiom dictionary.");
        expectError(get(idiomPath("一".repeat(65))), 400, "TOO_LONG",
                "That is too long: at most 64 characters, please.");
    }

    @Test
    void messagesFollowTheRequestedLanguage() {
        expectError(get(idiomPath("我们回家") + "?lang=zh"), 404, "UNKNOWN_IDIOM", "「我们回家」不在我们的成语词典里。");
        expectError(get(idiomPath("我们回家"), "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"), 404, "UNKNOWN_IDIOM",
                "「我们回家」不在我们的成语词典里。");
        expectError(get(idiomPath("我们回家"), "Accept-Language", "fr-FR,en;q=0.5,zh;q=0.1"), 404, "UNKNOWN_IDIOM",
                "「我们回家」 is not in our idiom dictionary.");
        expectError(get(idiomPath("我们回家") + "?lang=en", "Accept-Language", "zh-CN"), 404, "UNKNOWN_IDIOM",
                "「我们回家」 is not in our idiom dictionary.");
        expectError(post("/api/v1/next-char?lang=zh", "{\"text\": \"一心一\", \"k\": 0}"), 400, "INVALID_FIELD",
                "字段 k 只能取：1 … 50。");
    }

    // ---------------------------------------------------------------------------------------------
    // next-char

    @Test
    void theDecodersDistributionIsTheOneTheGuessPageShows() {
        JsonNode body = json(post("/api/v1/next-char", "{\"text\": \"一心一\", \"k\": 5}"));
        GuessService.Round round = guess.round("一心一").round().orElseThrow();
        assertThat(body.get("model").asText()).isEqualTo("decoder");
        assertThat(texts(body.get("tokens"))).containsExactly("<bos>", "一", "心", "一");
        assertThat(body.get("top")).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(body.get("top").get(i).get("token").asText()).isEqualTo(round.top().get(i).text());
            assertThat(body.get("top").get(i).get("probability").asDouble())
                    .isCloseTo(round.top().get(i).probability(), offset(1e-6));
        }
        assertThat(json(post("/api/v1/next-char", "{\"text\": \"一心一\"}")).get("top")).hasSize(GuessService.TOP_K);
    }

    @Test
    void thePeekingModelReadsOnlyTheText() {
        JsonNode body = json(post("/api/v1/next-char", "{\"text\": \"一心一意\", \"model\": \"peeking\", \"k\": 3}"));
        assertThat(texts(body.get("tokens"))).containsExactly("<bos>", "一", "心", "一", "意", "<sep>");
        // The same run by hand: the peeking model fed BOS 一 心 一 意 SEP, its distribution at the last position.
        Models m = models.shipped();
        Vocabulary v = m.vocabulary();
        InferenceSession session = m.peeking().newSession();
        session.feed(new int[] {Vocabulary.BOS, v.id('一'), v.id('心'), v.id('一'), v.id('意'), Vocabulary.SEP});
        float[] p = session.probabilities();
        JsonNode first = body.get("top").get(0);
        String token = first.get("token").asText();
        int id = token.length() == 1 ? v.id(token.charAt(0)) : tokenId(v, token);
        assertThat(first.get("probability").asDouble()).isCloseTo(p[id], offset(1e-6));
        for (int other = Vocabulary.SEP; other < p.length; other++) {
            assertThat(p[other]).as("nothing beats the answer's first token").isLessThanOrEqualTo(p[id]);
        }
    }

    @Test
    void nextCharRefusesBadInput() {
        expectError(post("/api/v1/next-char", "{\"text\": \"一心一\", \"k\": 51}"), 400, "INVALID_FIELD",
                "The field k must be one of: 1 … 50.");
        expectError(post("/api/v1/next-char", "{\"text\": \"一心一\", \"model\": \"encoder\"}"), 400, "INVALID_FIELD",
                "The field model must be one of: decoder, peeking.");
        expectError(post("/api/v1/next-char", "{\"model\": \"decoder\"}"), 400, "MISSING_FIELD",
                "The field text is required.");
        expectError(post("/api/v1/next-char", "{\"text\": \"" + "一".repeat(17) + "\"}"), 400, "TOO_LONG",
                "That is too long: at most 16 characters, please.");
        expectError(post("/api/v1/next-char", "{\"text\": \"hello\"}"), 400, "NOT_CHINESE", null);
        expectError(post("/api/v1/next-char", "{\"text\": \"一心一\", \"k\": \"ten\"}"), 400, "WRONG_TYPE",
                "The field k has the wrong type.");
        expectError(post("/api/v1/next-char", "{\"text\": \"一心一\""), 400, "MALFORMED_JSON", null);
        expectError(post("/api/v1/next-char", "not json at all"), 400, "MALFORMED_JSON", null);
        expectError(post("/api/v1/next-char", ""), 400, "MISSING_BODY", "This request needs a JSON body.");
        expectError(send(HttpRequest.newBuilder(uri("/api/v1/next-char")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("一心一"))), 415, "UNSUPPORTED_MEDIA_TYPE", null);
        expectError(get("/api/v1/next-char"), 405, "METHOD_NOT_ALLOWED", null);
        expectError(get("/api/v1/nothing-here"), 404, "NOT_FOUND", null);
    }

    // ---------------------------------------------------------------------------------------------
    // moves

    @Test
    void theModelAnswersAChainWithAValidIdiom() {
        JsonNode body =
                json(post("/api/v1/moves", "{\"chain\": [\"一心一意\"], \"mode\": \"char\", \"difficulty\": \"easy\"}"));
        JsonNode move = body.get("move");
        String text = move.get("text").asText();
        assertThat(text).startsWith("意");
        assertThat(corpus.contains(text)).isTrue();
        assertThat(move.get("valid").asBoolean()).isTrue();
        assertThat(move.get("idiom").get("word").asText()).isEqualTo(text);
        assertThat(move.get("probability").asDouble()).isBetween(0.0, 1.0).isPositive();
        double product = 1;
        for (JsonNode p : move.get("characterProbabilities")) {
            product *= p.asDouble();
        }
        assertThat(move.get("probability").asDouble()).isCloseTo(product, offset(1e-9));
        assertThat(texts(body.get("chain").findValues("word"))).containsExactly("一心一意");
        assertThat(body.get("guided").asBoolean()).isTrue();
        assertThat(body.get("outcome").isNull()).isTrue();
        assertThat(body.get("millis").asDouble()).isPositive();
    }

    @Test
    void theModelOpensAnEmptyChainAndFollowsTheMode() {
        JsonNode opening = json(post("/api/v1/moves", "{}")).get("move");
        assertThat(corpus.contains(opening.get("text").asText())).isTrue();

        JsonNode sound =
                json(post("/api/v1/moves", "{\"chain\": [\"一心一意\"], \"mode\": \"同音\", \"difficulty\": \"hard\"}"));
        assertThat(sound.get("mode").asText()).isEqualTo("sound");
        assertThat(sound.get("difficulty").asText()).isEqualTo("hard");
        Idiom reply = corpus.find(sound.get("move").get("text").asText()).orElseThrow();
        assertThat(reply.pinyinToneless().get(0)).isEqualTo("yi");

        JsonNode free = json(post("/api/v1/moves", "{\"chain\": [\"一心一意\"], \"guided\": false}"));
        assertThat(free.get("guided").asBoolean()).isFalse();
        JsonNode freeMove = free.get("move");
        assertThat(freeMove.get("text").asText()).isNotEmpty();
        assertThat(freeMove.get("valid").asBoolean() == freeMove.get("problem").isNull())
                .as("an unaided answer is valid, or says why not").isTrue();
    }

    @Test
    void aChainTheRulesRefuseIsNamedByPosition() {
        expectError(post("/api/v1/moves", "{\"chain\": [\"一心一意\", \"马到成功\"]}"), 400, "WRONG_START",
                "Idiom 2 of the chain: 「马到成功」 starts with 马, but after 「一心一意」 the next idiom must start with 意.");
        // A self-continuing idiom (日复一日) played twice after one that leads to it.
        Idiom loop = corpus.idioms().stream().filter(i -> i.first() == i.last()).findFirst().orElseThrow();
        Idiom before = corpus.idioms().stream().filter(i -> i.last() == loop.first() && !i.equals(loop))
                .findFirst().orElseThrow();
        expectError(post("/api/v1/moves", "{\"chain\": [\"" + before.word() + "\", \"" + loop.word() + "\", \""
                + loop.word() + "\"]}"), 400, "ALREADY_USED",
                "Idiom 3 of the chain: 「" + loop.word() + "」 was already played in this game (move 2).");
        expectError(post("/api/v1/moves?lang=zh", "{\"chain\": [\"一心一意\", \"我们回家\"]}"), 400, "UNKNOWN_IDIOM",
                "接龙第 2 个成语：「我们回家」不在我们的成语词典里。");
        expectError(post("/api/v1/moves", "{\"mode\": \"rhyme\"}"), 400, "INVALID_FIELD",
                "The field mode must be one of: char, sound, tone.");
        expectError(post("/api/v1/moves", "{\"difficulty\": \"medium\"}"), 400, "INVALID_FIELD", null);
        expectError(post("/api/v1/moves", "{\"chain\": \"一心一意\"}"), 400, "WRONG_TYPE",
                "The field chain has the wrong type.");
        List<String> long65 = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            long65.add("\"一心一意\"");
        }
        expectError(post("/api/v1/moves", "{\"chain\": [" + String.join(",", long65) + "]}"), 400, "CHAIN_TOO_LONG",
                "A chain of at most 64 idioms, please.");
    }

    @Test
    void aChainThatCannotGoOnReturnsTheOutcomeAndNoMove() {
        // a dead end cannot open (the house rule), so it follows an idiom that leads to it
        Idiom deadEnd = corpus.idioms().stream().filter(i -> corpus.isDeadEnd(i.last()))
                .filter(i -> corpus.idioms().stream().anyMatch(b -> b.last() == i.first())).findFirst().orElseThrow();
        Idiom before = corpus.idioms().stream().filter(b -> b.last() == deadEnd.first()).findFirst().orElseThrow();
        JsonNode body = json(post("/api/v1/moves",
                "{\"chain\": [\"" + before.word() + "\", \"" + deadEnd.word() + "\"]}"));
        assertThat(body.get("move").isNull()).isTrue();
        assertThat(body.get("outcome").get("winner").asText()).isEqualTo("you");
        assertThat(body.get("outcome").get("reason").asText()).isEqualTo("DEAD_END");
        assertThat(body.get("outcome").get("message").asText()).contains(String.valueOf(deadEnd.last()));
    }

    // ---------------------------------------------------------------------------------------------
    // attention

    @Test
    void attentionShowsTheCausalMaskAndThePeekingModelsLooksAhead() {
        JsonNode body = json(post("/api/v1/attention", "{\"text\": \"一心一意意气风发\"}"));
        assertThat(texts(body.get("tokens"))).containsExactly("<bos>", "一", "心", "一", "意", "<sep>", "意", "气", "风", "发");
        int layers = body.get("layers").asInt();
        int heads = body.get("heads").asInt();
        Models m = models.shipped();
        assertThat(layers).isEqualTo(m.decoder().config.nLayer());
        assertThat(heads).isEqualTo(m.decoder().config.nHead());
        double peekAhead = 0;
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                JsonNode d = body.get("decoder").get(l).get(h);
                JsonNode p = body.get("peeking").get(l).get(h);
                for (int q = 0; q < 10; q++) {
                    double rowD = 0;
                    double rowP = 0;
                    for (int k = 0; k < 10; k++) {
                        rowD += d.get(q).get(k).asDouble();
                        rowP += p.get(q).get(k).asDouble();
                        if (k > q) {
                            assertThat(d.get(q).get(k).asDouble()).as("the decoder never attends ahead").isZero();
                            peekAhead += p.get(q).get(k).asDouble();
                        }
                    }
                    assertThat(rowD).isCloseTo(1, offset(2e-3));
                    assertThat(rowP).isCloseTo(1, offset(2e-3));
                }
            }
        }
        assertThat(peekAhead).as("the peeking model attends ahead somewhere").isPositive();
        assertThat(body.get("futureShare")).hasSize(10);
        JsonNode future = body.get("futureRemoved");
        assertThat(future.get("position").asInt()).isEqualTo(8);
        assertThat(future.get("actual").asText()).isEqualTo("发");
        assertThat(future.get("decoder").get("probability").asDouble()).isBetween(0.0, 1.0);

        expectError(post("/api/v1/attention", "{\"text\": \"\"}"), 400, "EMPTY", null);
        expectError(post("/api/v1/attention", "{}"), 400, "MISSING_FIELD", null);
    }

    // ---------------------------------------------------------------------------------------------
    // limits

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"text\": \"" + "一".repeat(300_000) + "\"}";         // about 900 KB
        expectError(post("/api/v1/next-char", huge), 413, "BODY_TOO_LARGE",
                "The request body is too large: at most 8192 bytes.");
        // The same without a Content-Length (chunked): refused while it is read.
        byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                subscriber -> HttpRequest.BodyPublishers.ofByteArray(bytes).subscribe(subscriber));
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/next-char"))
                .header("Content-Type", "application/json").POST(chunked));
        expectError(r, 413, "BODY_TOO_LARGE", null);
        assertThat(r.request().headers().firstValue("Content-Length")).isEmpty();
    }

    @Test
    void tooManyRequestsFromOneClientAnswer429() {
        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 80 && refused == 0; i++) {
            last = get(idiomPath("一心一意"));
            if (last.statusCode() == 429) {
                refused++;
            }
        }
        assertThat(refused).as("the burst of 40 and 5 a second must run out within 80 quick requests").isPositive();
        expectError(last, 429, "TOO_MANY_REQUESTS",
                "Too many requests: at most 5 a second from one client. Please wait a moment.");
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void busyModelsAnswer503WithAFriendlyBody() {
        int taken = gate.occupyAll();
        try {
            HttpResponse<String> r = post("/api/v1/next-char", "{\"text\": \"一心一\"}");
            expectError(r, 503, "BUSY", "The models are busy with other requests. Please try again in a moment.");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        } finally {
            gate.release(taken);
        }
        assertThat(post("/api/v1/next-char", "{\"text\": \"一心一\"}").statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------
    // OpenAPI

    @Test
    void theApiIsDescribedByOpenApiWithSwaggerUi() {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json(docs).get("paths");
        assertThat(paths.has("/api/v1/idioms/{text}")).isTrue();
        assertThat(paths.has("/api/v1/next-char")).isTrue();
        assertThat(paths.has("/api/v1/moves")).isTrue();
        assertThat(paths.has("/api/v1/attention")).isTrue();
        assertThat(json(docs).get("components").get("schemas").has("ApiError")).isTrue();
        HttpResponse<String> ui = get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui").doesNotContain("vaadin");
    }

    // ---------------------------------------------------------------------------------------------

    private static String idiomPath(String text) {
        return "/api/v1/idioms/" + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The status, the code, and (unless null) the message; never anything that looks like a stack trace. */
    private static void expectError(HttpResponse<String> r, int status, String code, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.size()).as("exactly code and message: " + body).isEqualTo(2);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("lab.jielong");
        if (message != null) {
            assertThat(body.get("message").asText()).isEqualTo(message);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }

    private static int tokenId(Vocabulary v, String token) {
        for (int id = 0; id < Vocabulary.SPECIALS; id++) {
            if (v.token(id).equals(token)) {
                return id;
            }
        }
        throw new AssertionError("unknown token " + token);
    }
}
