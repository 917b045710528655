package lab.jielong.guess;

import lab.jielong.corpus.ChainFormat;
import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.InputProblem;
import lab.jielong.corpus.TextNormalizer;
import lab.jielong.corpus.Tier;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.DecodingConfig;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.models.ModelService;
import lab.jielong.models.Models;
import lab.jielong.work.ModelWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The Guess page: a prefix such as 一心一 → the decoder's top next characters with probabilities; the
 * visitor guesses before the reveal, and a running tally compares visitor and model. Also continues any
 * text step by step, with the distribution at each step.
 *
 * <p>Stateless: rounds and tallies are values the view keeps in its session. The decoder comes from
 * {@link ModelService#current()} at each call (the shipped one, or the visitor's own); it is shared, and every
 * call opens its own {@link InferenceSession}, so calls may run on many threads at once.
 */
@Service
public class GuessService {

    /** How many next characters a round shows. */
    public static final int TOP_K = 10;
    /** Longest prefix a guess round accepts (characters); a continuation takes up to {@link #maxContinuedText()}. */
    public static final int MAX_TEXT = 16;
    /** Most steps one continuation call takes. */
    public static final int MAX_STEPS = 16;
    /** Raw input longer than this is refused before it is even normalised. */
    public static final int MAX_RAW = 256;

    private final IdiomCorpus corpus;
    private final ModelService models;
    private final ModelWork work;
    /** Where a random round draws from: well-known idioms the model was trained on. */
    private final List<Idiom> drawPool;

    /** For commands and tests: model work in the caller's thread. */
    public GuessService(IdiomCorpus corpus, ModelService models) {
        this(corpus, models, ModelWork.direct());
    }

    /** Model runs on the server's bounded executor ({@link ModelWork}; full: {@code work.Busy}). */
    @Autowired
    public GuessService(IdiomCorpus corpus, ModelService models, ModelWork work) {
        this.work = Objects.requireNonNull(work, "work");
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.models = Objects.requireNonNull(models, "models");
        this.drawPool = corpus.training().stream().filter(i -> i.tier() != Tier.RARE).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // values

    /** One next token: a character, or a special token ({@code <sep>} ends the idiom, {@code <eos>} the chain). */
    public record Prediction(int token, String text, double probability) {
        public boolean special() {
            return Vocabulary.isSpecial(token);
        }
    }

    /**
     * A round: the prefix, the model's top predictions (not shown before the guess) and the characters that
     * count as right: those that continue some dictionary idiom (一心一 → 意, 德), or after a whole idiom its
     * last character (the chain rule), when an idiom starts with it.
     *
     * @param prefix  the normalised text
     * @param source  the idiom a random round was drawn from
     * @param answers the right next characters; empty when the dictionary knows none (then nobody scores)
     * @param top     the model's {@value #TOP_K} most likely next tokens, most likely first
     * @param unknown positions of characters the model has never seen (read as {@code <unk>})
     */
    public record Round(String prefix, Optional<Idiom> source, Set<Character> answers, List<Prediction> top,
            List<Integer> unknown) {

        /** The model's guess: its most likely character (special tokens never count as a guess). */
        public Optional<Prediction> modelGuess() {
            return top.stream().filter(p -> !p.special()).findFirst();
        }
    }

    /** A typed prefix: a round, or the normaliser's verdict (message key {@code input.<problem>}). */
    public record RoundResult(Optional<Round> round, Optional<CheckedInput> problem) {
    }

    /** The running score, kept by the view. */
    public record Tally(int rounds, int player, int model) {
        public static Tally zero() {
            return new Tally(0, 0, 0);
        }
    }

    /**
     * The reveal after the visitor's guess.
     *
     * @param guess            the guessed character (one code point: 𠀀 too)
     * @param playerRight      it is one of the round's answers
     * @param modelRight       the model's top character is one of them
     * @param guessProbability the model's probability for the guessed character
     * @param guessRank        its rank among all tokens (1 = the model's favourite)
     * @param tally            the tally after this round
     */
    public record Reveal(Round round, String guess, boolean playerRight, boolean modelRight,
            double guessProbability, int guessRank, Tally tally) {
    }

    /** A guess: the reveal, or the normaliser's verdict on the typed guess (one Chinese character). */
    public record GuessResult(Optional<Reveal> reveal, Optional<CheckedInput> problem) {
    }

    /**
     * One step of a continuation: the distribution after {@code text}, and the token taken (the most likely when
     * greedy).
     *
     * @param text   the text before this step, a space where the model wrote {@code <sep>} (一心一意 意气风)
     * @param top    the {@value #TOP_K} most likely next tokens
     * @param chosen the token appended (greedy: the first of top; sampled: any but PAD and BOS)
     */
    public record Step(String text, List<Prediction> top, Prediction chosen) {
    }

    /** A continuation: the steps, or the normaliser's verdict on the text. */
    public record Continuation(List<Step> steps, String finalText, Optional<CheckedInput> problem) {
    }

    // ---------------------------------------------------------------------------------------------
    // rounds

    /** A round on a typed prefix (checked with {@link TextNormalizer#checkText}, at most {@value #MAX_TEXT} characters). */
    public RoundResult round(String typed) {
        CheckedInput input = check(typed, MAX_TEXT);
        if (!input.ok()) {
            return new RoundResult(Optional.empty(), Optional.of(input));
        }
        return new RoundResult(Optional.of(roundOn(input.text(), Optional.empty())), Optional.empty());
    }

    /**
     * Why {@link #round(String)} would make no round of {@code typed}, decided without model work; empty when it
     * would make one (so a page can count only the rounds it computes).
     */
    public Optional<CheckedInput> refusal(String typed) {
        CheckedInput input = check(typed, MAX_TEXT);
        return input.ok() ? Optional.empty() : Optional.of(input);
    }

    /** A round on the first three characters of a well-known training idiom. */
    public Round randomRound(Random random) {
        Idiom idiom = drawPool.get(random.nextInt(drawPool.size()));
        return roundOn(idiom.word().substring(0, Idiom.LENGTH - 1), Optional.of(idiom));
    }

    /** Scores the visitor's guess against the round and the model. */
    public GuessResult guess(Round round, String typed, Tally tally) {
        CheckedInput input = check(typed, 1);
        if (!input.ok()) {
            return new GuessResult(Optional.empty(), Optional.of(input));
        }
        String guess = input.text();
        Models current = models.current();
        Vocabulary vocabulary = current.vocabulary();
        float[] probabilities = distribution(current, ChainPrompt.of(round.prefix(), vocabulary).tokens());
        int token = vocabulary.encode(guess)[0];
        double p = token == Vocabulary.UNK ? 0 : probabilities[token];
        int rank = 1;
        for (float q : probabilities) {
            if (q > p) {
                rank++;
            }
        }
        boolean playerRight = guess.length() == 1 && round.answers().contains(guess.charAt(0));
        boolean modelRight = round.modelGuess().map(m -> round.answers().contains(m.text().charAt(0))).orElse(false);
        Tally next = new Tally(tally.rounds() + 1, tally.player() + (playerRight ? 1 : 0),
                tally.model() + (modelRight ? 1 : 0));
        return new GuessResult(Optional.of(new Reveal(round, guess, playerRight, modelRight, p, rank, next)),
                Optional.empty());
    }

    private Round roundOn(String prefix, Optional<Idiom> source) {
        Models m = models.current();
        ChainPrompt prompt = ChainPrompt.of(prefix, m.vocabulary());
        List<Prediction> top = top(m.vocabulary(), distribution(m, prompt.tokens()), TOP_K);
        return new Round(prefix, source, answers(prompt), top, prompt.unknownPositions());
    }

    /** The characters the dictionary allows next. */
    private Set<Character> answers(ChainPrompt prompt) {
        String partial = prompt.partialIdiom();
        Set<Character> answers = new LinkedHashSet<>();
        if (partial.isEmpty()) {
            int last = prompt.text().codePointBefore(prompt.text().length());
            if (last <= Character.MAX_VALUE && !corpus.isDeadEnd((char) last)) {
                answers.add((char) last);
            }
            return answers;
        }
        for (Idiom idiom : corpus.startingWith(partial.charAt(0))) {
            if (idiom.word().startsWith(partial)) {
                answers.add(idiom.word().charAt(partial.length()));
            }
        }
        return answers;
    }

    // ---------------------------------------------------------------------------------------------
    // step-by-step continuation

    /** {@link #continueText(String, int, DecodingConfig)}, greedy. */
    public Continuation continueText(String typed, int steps) {
        return continueText(typed, steps, DecodingConfig.greedy());
    }

    /**
     * The longest text a continuation accepts (characters): any Chinese text whose prompt leaves one position of
     * the decoder's context to write in, as in the snowball lab.
     */
    public int maxContinuedText() {
        return ChainFormat.maxCharacters(models.current().decoder().config.context() - 1, true);
    }

    /**
     * Continues {@code typed} (up to {@link #maxContinuedText()} characters; empty: the model opens a chain) for
     * up to {@code steps} tokens (at most {@value #MAX_STEPS}), each chosen with {@code decoding} (greedy, or
     * seeded sampling: the same seed writes the same text, so asking again for one step more replays the earlier
     * ones), stopping at {@code <eos>} or when the context is full; each step shows the distribution it chose
     * from.
     */
    public Continuation continueText(String typed, int steps, DecodingConfig decoding) {
        Models m = models.current();
        CheckedInput input = check(typed, ChainFormat.maxCharacters(m.decoder().config.context() - 1, true));
        if (!input.ok() && input.problem() != InputProblem.EMPTY) {
            return new Continuation(List.of(), input.text(), Optional.of(input));
        }
        String text = input.ok() ? input.text() : "";
        Sampler sampler = decoding.sampler();
        Vocabulary vocabulary = m.vocabulary();
        int[] prompt = ChainPrompt.of(text, vocabulary).tokens();
        InferenceSession session = m.decoder().newSession();
        StringBuilder written = new StringBuilder();
        int[] characters = text.codePoints().toArray();       // 𠀀 is one character, as the prompt has it
        for (int i = 0; i < characters.length; i++) {
            written.appendCodePoint(characters[i]);
            if (i % Idiom.LENGTH == Idiom.LENGTH - 1) {
                written.append(' ');                // as the prompt has it: <sep> after each whole idiom
            }
        }
        return work.call(() -> written(session, prompt, vocabulary, sampler, written, steps));
    }

    /** Writes up to {@code steps} tokens on {@code session}, after {@code written}. */
    private static Continuation written(InferenceSession session, int[] prompt, Vocabulary vocabulary,
            Sampler sampler, StringBuilder written, int steps) {
        List<Step> result = new ArrayList<>();
        session.feed(prompt);
        for (int i = 0; i < Math.min(steps, MAX_STEPS) && session.remaining() > 0; i++) {
            float[] probabilities = session.probabilities();
            List<Prediction> top = top(vocabulary, probabilities, TOP_K);
            int token = Decoding.nextToken(session.logits(), sampler);
            Prediction chosen = new Prediction(token, vocabulary.token(token), probabilities[token]);
            result.add(new Step(written.toString(), top, chosen));
            if (chosen.token() == Vocabulary.EOS || chosen.token() == Vocabulary.PAD) {
                break;
            }
            if (!chosen.special()) {
                written.append(chosen.text());
            } else if (chosen.token() == Vocabulary.SEP) {
                written.append(' ');                // the model ended an idiom; typed back, spaces are dropped
            }
            session.feed(chosen.token());
        }
        return new Continuation(result, written.toString(), Optional.empty());
    }

    // ---------------------------------------------------------------------------------------------
    // one distribution, from either model

    /**
     * The next-token distribution after a text.
     *
     * @param text    the text (normalised)
     * @param peeking read by the peeking model instead of the decoder
     * @param tokens  the prompt as the model read it ({@code <bos> 一 心 一})
     * @param top     the most likely next tokens, most likely first
     * @param unknown positions of characters the model has never seen (read as {@code <unk>})
     */
    public record NextTokens(String text, boolean peeking, List<String> tokens, List<Prediction> top,
            List<Integer> unknown) {
    }

    /**
     * The {@code k} most likely next tokens after {@code text} (already normalised, at most {@value #MAX_TEXT}
     * characters). The peeking model reads only the text, so it guesses with the future removed, as
     * generation must.
     */
    public NextTokens nextTokens(String text, boolean peeking, int k) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("at most " + MAX_TEXT + " characters, got " + text.length());
        }
        Models m = models.current();
        ChainPrompt prompt = ChainPrompt.of(text, m.vocabulary());
        List<String> tokens = new ArrayList<>();
        for (int token : prompt.tokens()) {
            tokens.add(m.vocabulary().token(token));
        }
        List<Prediction> top = work.call(() -> {
            InferenceSession session = (peeking ? m.peeking() : m.decoder()).newSession().lastOutputOnly();
            session.feed(prompt.tokens());
            return top(m.vocabulary(), session.probabilities(), k);
        });
        return new NextTokens(text, peeking, tokens, top, prompt.unknownPositions());
    }

    // ---------------------------------------------------------------------------------------------

    /** {@link TextNormalizer#checkText}, after refusing a huge input outright. */
    private static CheckedInput check(String typed, int maxLength) {
        if (typed != null && typed.length() > MAX_RAW) {
            return new CheckedInput(typed.substring(0, 16) + "…", "", InputProblem.TOO_LONG,
                    Integer.toString(maxLength), false, Optional.empty());
        }
        return TextNormalizer.checkText(typed, maxLength);
    }

    /** The decoder's next-token distribution after {@code tokens}, computed on the bounded executor. */
    private float[] distribution(Models m, int[] tokens) {
        return work.call(() -> {
            InferenceSession session = m.decoder().newSession().lastOutputOnly();
            session.feed(tokens);
            return session.probabilities();
        });
    }

    /** The k most probable tokens, most probable first (ties: the lower id first), never PAD or BOS. */
    private static List<Prediction> top(Vocabulary vocabulary, float[] probabilities, int k) {
        if (k <= 0) {
            return List.of();
        }
        int[] best = new int[k];
        int n = 0;
        for (int id = 0; id < probabilities.length; id++) {
            if (id == Vocabulary.PAD || id == Vocabulary.BOS) {
                continue;                           // never targets: training ignores pad, BOS only opens
            }
            float p = probabilities[id];
            if (n == k && p <= probabilities[best[k - 1]]) {
                continue;
            }
            int j = Math.min(n, k - 1);             // insertion into the sorted best k
            while (j > 0 && probabilities[best[j - 1]] < p) {
                best[j] = best[j - 1];
                j--;
            }
            best[j] = id;
            n = Math.min(n + 1, k);
        }
        List<Prediction> top = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            top.add(new Prediction(best[i], vocabulary.token(best[i]), probabilities[best[i]]));
        }
        return top;
    }
}
