package lab.jielong.labs.encdec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The two results files the {@code encdec-lab} command writes ({@code data-efficiency.json},
 * {@code consistency.json}), read as they are: the lab page and the guide show these numbers and nothing typed.
 * Field names follow the files (snake_case).
 */
public record EncDecResults(DataEfficiency efficiency, Consistency consistency) {

    /** The classpath folder the command writes by default (src/main/resources/encdec). */
    public static final String FOLDER = "/encdec/";

    /** A model of the experiment: its size name and parameter count. */
    public record ModelSize(String size, long parameters) {
    }

    /** One checkpoint of a run. */
    public record Point(long steps, long tokens, double flops, long supervisedTargets, double trainLoss,
            double answerLoss, double gameValidOfPossible) {
    }

    /** One training run of the data-efficiency experiment. */
    public record Run(String data, long steps, long tokens, long supervisedTargets, double supervisedTargetsPerToken,
            double flops, double seconds, List<Point> points) {

        public Point last() {
            return points.get(points.size() - 1);
        }
    }

    /**
     * Decoder-only on chains, the encoder-decoder on pairs for the same tokens and for the same FLOPs.
     *
     * @param whatEachCanUse what each architecture can train on, in the command's words
     */
    public record DataEfficiency(String command, String created, long seed, int trainingIdioms,
            Map<String, ModelSize> models, String recipe, String game, String answerLoss,
            long tokenBudget, Run decoder, Run encdecSameTokens, Run encdecSameFlops,
            Map<String, String> whatEachCanUse) {
    }

    /** What one model received at one stage: its input and its target, token by token. */
    public record Stage(String stage, List<String> input, List<String> target) {
    }

    /** One architecture through the consistency experiment. */
    public record Arch(String pretrainObjective, long pretrainSteps, long pretrainTokens, long pretrainTargets,
            long finetuneSteps, long finetuneTokens, double zeroShotGameValidOfPossible,
            double finetunedGameValidOfPossible, List<String> zeroShotExamples,
            List<String> finetunedExamples, double seconds, List<Stage> stages) {

        public Stage stage(String name) {
            return stages.stream().filter(s -> s.stage().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no stage " + name));
        }
    }

    /** Span corruption then X→Y for the encoder-decoder; next character throughout for the decoder. */
    public record Consistency(String command, String created, long seed, int trainingIdioms,
            Map<String, ModelSize> models, String recipe, String game, long pretrainChains,
            long finetunePairs, Arch encdec, Arch decoder, Map<String, String> zeroShotPrompt) {
    }

    static ObjectMapper json() {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    /** Reads both files from the classpath folder {@link #FOLDER}; a missing or malformed file fails with its name. */
    public static EncDecResults fromClasspath() {
        return new EncDecResults(read(DataEfficiency.class, "data-efficiency.json"),
                read(Consistency.class, "consistency.json"));
    }

    /** Reads both files from streams (tests, other folders). */
    public static EncDecResults read(InputStream efficiency, InputStream consistency) throws IOException {
        return new EncDecResults(json().readValue(efficiency, DataEfficiency.class),
                json().readValue(consistency, Consistency.class));
    }

    private static <T> T read(Class<T> type, String file) {
        String where = "classpath:" + FOLDER + file;
        try (InputStream in = EncDecResults.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException(where + " is missing: run `encdec-lab` to produce it");
            }
            return json().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": " + e.getMessage(), e);
        }
    }
}
