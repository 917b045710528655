package lab.jielong.labs.snowball;

import jakarta.annotation.PreDestroy;
import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.InputProblem;
import lab.jielong.corpus.TextNormalizer;
import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.Snowball;
import lab.jielong.engine.decode.DecodingConfig;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import lab.jielong.work.ModelWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The snowball lab: a visitor's prompt and decoding start a {@link Generation} on the current models
 * ({@link ModelService#current()}), which writes and measures one token per step; {@link #play} takes a step
 * every {@code jielong.snowball.play-ms} (default 300 ms) until it ends. Also the closed-form counts for texts
 * longer than the model's context ({@link #project}).
 *
 * <p>Bounded: one generation at a time per visitor (starting one ends the visitor's previous one), at most
 * context − 1 steps each, and every visitor's play steps run one after another on one thread of this service,
 * so playing generations cannot take more than one core from the games.
 *
 * <p>Warm-up: the Vector API's exp (in GELU and softmax) rounds its last bit differently until the JIT
 * compiler has compiled the kernels, so right after start-up two passes over the same positions can differ by
 * ~1e-6. The proofs compare exactly such passes; a few generations on this service's thread once the
 * application is ready ({@code jielong.snowball.warm-up}, default true) make the first visitor's run measure
 * the engine as it runs from then on.
 */
@Service
public class SnowballService {

    private static final Logger log = LoggerFactory.getLogger(SnowballService.class);

    /**
     * Prompts a visitor can pick: nothing (the model opens a chain from ▸ alone), a whole idiom (it writes the
     * next one), three characters of one (it completes it), and a line of poetry, text unlike its training.
     */
    public static final List<String> EXAMPLES = List.of("", "一心一意", "画蛇添", "春眠不觉晓处处闻啼鸟");
    /** Raw input longer than this is refused before it is even normalised. */
    static final int MAX_RAW = 256;
    /** The longest text {@link #project} counts (its FLOPs stay well inside a long). */
    public static final long MAX_PROJECTED = 100_000;

    private static final int WARM_UP_RUNS = 6;

    private final ModelService models;
    private final ModelWork work;
    private final long playMillis;
    private final boolean warmUpWhenReady;
    private final Map<Object, Generation> byVisitor = new WeakHashMap<>();
    private final ScheduledExecutorService player = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jielong-snowball");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public SnowballService(ModelService models, ModelWork work,
            @Value("${jielong.snowball.play-ms:300}") long playMillis,
            @Value("${jielong.snowball.warm-up:true}") boolean warmUpWhenReady) {
        this.models = Objects.requireNonNull(models, "models");
        this.work = Objects.requireNonNull(work, "work");
        this.playMillis = playMillis;
        this.warmUpWhenReady = warmUpWhenReady;
    }

    /** Without the application (tests, commands): no warm-up unless asked. */
    public SnowballService(ModelService models, long playMillis) {
        this(models, ModelWork.direct(), playMillis, false);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUpWhenReady() {
        if (warmUpWhenReady) {
            player.execute(this::warmUp);
        }
    }

    /**
     * Runs a few whole generations on the shipped models, so the kernels are compiled before a visitor measures
     * them (see the class comment). Takes about a second of one core.
     */
    public void warmUp() {
        long start = System.nanoTime();
        Models shipped = models.shipped();
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            Generation g = new Generation(shipped, EXAMPLES.get(1 + i % (EXAMPLES.size() - 1)), DecodingConfig.greedy(),
                    peekingFits(shipped));
            while (g.step().isPresent()) {
                // to the end
            }
        }
        log.info("Snowball lab: kernels warmed up in {} ms ({} generations)", (System.nanoTime() - start) / 1_000_000,
                WARM_UP_RUNS);
    }

    /** A generation, or the normaliser's verdict on the prompt (message key {@code input.<problem>}). */
    public record Started(Optional<Generation> generation, Optional<CheckedInput> problem) {
    }

    /** Texts far longer than the model's context, counted with the closed forms: computed, not measured. */
    public record Projection(long tokens, long cachedFlops, long recomputedFlops, long cacheBytes) {
        public double ratio() {
            return (double) recomputedFlops / cachedFlops;
        }
    }

    /** The longest prompt in characters: one position of the decoder's context must stay free to write in. */
    public int maxPromptCharacters() {
        return ChainFormat.maxCharacters(models.current().decoder().config.context() - 1, true);
    }

    /**
     * Reads {@code typed} (any Chinese text up to {@link #maxPromptCharacters()}; empty: the model opens a chain)
     * and starts a generation with {@code decoding} for {@code visitor} (any key identifying the visitor, such
     * as their session), ending the visitor's previous one. The prefill runs on the bounded executor (full:
     * {@code work.Busy}).
     */
    public Started start(Object visitor, String typed, DecodingConfig decoding) {
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(decoding, "decoding");
        Models m = models.current();
        int max = ChainFormat.maxCharacters(m.decoder().config.context() - 1, true);
        CheckedInput input = check(typed, max);
        if (!input.ok() && input.problem() != InputProblem.EMPTY) {
            return new Started(Optional.empty(), Optional.of(input));
        }
        String text = input.ok() ? input.text() : "";
        Generation generation = work.call(() -> new Generation(m, text, decoding, peekingFits(m)));   // the prefill
        Generation previous;
        synchronized (byVisitor) {
            previous = byVisitor.put(visitor, generation);
        }
        if (previous != null) {
            previous.close();
        }
        return new Started(Optional.of(generation), Optional.empty());
    }

    /**
     * One step of {@code generation} asked for by the visitor (the Step button), on the server's bounded executor
     * ({@link ModelWork}; full: {@code work.Busy}, the generation unchanged). Plays run on this service's own thread.
     */
    public Optional<Generation.Step> step(Generation generation) {
        return work.call(generation::step);
    }

    /** The peeking model can run beside the decoder: as many layers, and room for as many positions. */
    private static boolean peekingFits(Models m) {
        ModelConfig d = m.decoder().config, p = m.peeking().config;
        return p.nLayer() == d.nLayer() && p.context() >= d.context();
    }

    /** A running {@link #play}. */
    public static final class Playing {
        private volatile boolean stopped;

        /** Stops after the step in progress, if any; {@code onEnd} is not called. */
        public void stop() {
            stopped = true;
        }

        public boolean stopped() {
            return stopped;
        }
    }

    /**
     * Plays {@code generation}: a step every play period on this service's thread, each handed to
     * {@code onStep} (returning false, or throwing, stops the play), and {@code onEnd} once the generation has
     * ended. With a period of 0 (browserless tests) every step runs at once, in the caller's thread.
     */
    public Playing play(Generation generation, Predicate<Generation.Step> onStep, Runnable onEnd) {
        Playing playing = new Playing();
        if (playMillis <= 0) {
            while (tick(generation, playing, onStep, onEnd)) {
                // every step at once
            }
            return playing;
        }
        schedule(generation, playing, onStep, onEnd);
        return playing;
    }

    private void schedule(Generation generation, Playing playing, Predicate<Generation.Step> onStep, Runnable onEnd) {
        player.schedule(() -> {
            try {
                if (tick(generation, playing, onStep, onEnd)) {
                    schedule(generation, playing, onStep, onEnd);
                }
            } catch (RuntimeException e) {
                playing.stop();                     // the page is gone, or it failed to show the step
                log.debug("snowball play stopped: {}", e.toString());
            }
        }, playMillis, TimeUnit.MILLISECONDS);
    }

    /** One step of a play; false when the play is over. */
    private static boolean tick(Generation generation, Playing playing, Predicate<Generation.Step> onStep,
            Runnable onEnd) {
        if (playing.stopped()) {
            return false;
        }
        Optional<Generation.Step> step = generation.step();
        if (step.isPresent() && !onStep.test(step.get())) {
            playing.stop();
            return false;
        }
        if (generation.end().isPresent()) {
            playing.stop();
            onEnd.run();
            return false;
        }
        return true;
    }

    /** The closed-form counts for a text of {@code tokens} tokens generated by a model shaped like {@code config}. */
    public Projection project(ModelConfig config, long tokens) {
        if (tokens < 1 || tokens > MAX_PROJECTED) {
            throw new IllegalArgumentException("a length of 1.." + MAX_PROJECTED + " tokens, got " + tokens);
        }
        return new Projection(tokens, Snowball.totalCachedFlops(config, tokens),
                Snowball.totalRecomputedFlops(config, tokens), Snowball.cacheBytes(config, tokens));
    }

    /** P of the closed forms: FLOPs of the matrix products of one position through every block. */
    public long perPositionFlops(ModelConfig config) {
        return Snowball.perPositionMatmulFlops(config);
    }

    /** The shape of the decoder the current visitor's generations run on. */
    public ModelConfig config() {
        return models.current().decoder().config;
    }

    private static CheckedInput check(String typed, int maxLength) {
        if (typed != null && typed.length() > MAX_RAW) {
            return new CheckedInput(typed.substring(0, 16) + "…", "", InputProblem.TOO_LONG,
                    Integer.toString(maxLength), false, Optional.empty());
        }
        return TextNormalizer.checkText(typed, maxLength);
    }

    @PreDestroy
    void stop() {
        player.shutdownNow();
    }
}
