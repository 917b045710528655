package lab.jielong.play;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.decode.IdiomTrie;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.game.Candidate;
import lab.jielong.game.Turn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The decoder writing an idiom, one character per step on one KV-cached session that records attention
 * (the panel shows it afterwards without running the decoder again; the guided answer's forced characters,
 * and always its last one, are fed only when the panel asks: the move itself needs no more passes).
 * <ul>
 * <li>Guided: the engine's {@code Decoding.guided} walk over the dictionary trie, restricted to the turn's
 *     candidates: at each step only characters that keep some valid candidate reachable are allowed; their
 *     probabilities are renormalised over the allowed set, and the step draws a character with probability
 *     proportional to {@code p · w}, w the best difficulty weight of a candidate below it (the walk's step
 *     weights), from the turn's seeded generator ({@code Turn.random()}): the same turn of the same game
 *     always gives the same answer, other games vary. A step with one allowed character has probability 1
 *     and asks the model nothing.</li>
 * <li>Free: the engine's {@code Decoding.free}, greedy over the whole vocabulary, until four characters or
 *     a special token.</li>
 * <li>Hints: the engine's {@code Decoding.topContinuations} over the dictionary trie.</li>
 * </ul>
 */
final class DecoderMoves {

    /** First characters a hint search starts from at most (each costs a session copy at the root). */
    static final int SEARCHED_FIRSTS = 8;

    private DecoderMoves() {
    }

    /**
     * What the decoder wrote.
     *
     * @param text          the answer
     * @param probabilities per character, as streamed
     * @param trace         the session it wrote on, for the panel
     */
    record Written(String text, List<Double> probabilities, DecoderTrace trace) {
    }

    static Written guided(Gpt decoder, Vocabulary vocabulary, IdiomTrie dictionary, Turn turn,
            CharacterListener listener) {
        InferenceSession session = decoder.newSession().lastOutputOnly();
        session.recordAttention(true);
        int[] prompt = ChainTokens.prompt(turn.chain(), vocabulary);
        Set<Character> firsts = turn.candidates().firstCharacters();
        IntPredicate allowedFirst = token -> !Vocabulary.isSpecial(token)
                && firsts.contains(vocabulary.character(token));
        List<Candidate> choices = turn.candidates().choices();
        Set<String> excluded = turn.excluded();
        if (choices.size() < turn.candidates().size()) {
            // the difficulty rules some moves out while others remain (easy never ends the game itself)
            Set<String> chosen = choices.stream().map(Candidate::word).collect(Collectors.toSet());
            excluded = new HashSet<>(excluded);
            for (Candidate c : turn.candidates().list()) {
                if (!chosen.contains(c.word())) {
                    excluded.add(c.word());
                }
            }
        }
        Decoding.Guide guide = Decoding.Guide.of(dictionary, allowedFirst, excluded)
                .weighted(difficulty(choices, vocabulary));
        List<Double> probabilities = new ArrayList<>(Idiom.LENGTH);
        // The engine feeds a token only when the model must choose the next one: the prompt and forced characters
        // go in together, and what is left unfed (at least the last character) only the panel needs.
        Sampler sampler = Sampler.temperature(1.0, turn.random());
        Decoding.Answer answer = Decoding.guided(session, prompt, guide, sampler, (index, token, p) -> {
            probabilities.add(p);
            listener.onCharacter(vocabulary.character(token), index, p);
        });
        if (answer == null) {
            return new Written("", List.of(), new DecoderTrace(session, prompt, false, null));
        }
        return new Written(answer.text(), List.copyOf(probabilities),
                new DecoderTrace(session, answer.unfed(), true, null));
    }

    /**
     * The difficulty's weight of each allowed character of a step: the best preference among the candidates
     * that start with the answer so far and that character.
     */
    private static Decoding.StepWeights difficulty(List<Candidate> candidates, Vocabulary vocabulary) {
        return new Decoding.StepWeights() {
            private List<Candidate> alive = candidates;
            private int matched;

            @Override
            public void weigh(int[] prefix, int[] allowed, int n, double[] weights) {
                for (; matched < prefix.length; matched++) {
                    char chosen = vocabulary.character(prefix[matched]);
                    int at = matched;
                    alive = alive.stream().filter(c -> c.word().charAt(at) == chosen).toList();
                }
                Map<Character, Double> best = new HashMap<>();
                for (Candidate c : alive) {
                    // all weighed 0: the forced choice among moves that end the game, by the model alone
                    best.merge(c.word().charAt(prefix.length), c.preference() > 0 ? c.preference() : 1, Math::max);
                }
                for (int i = 0; i < n; i++) {
                    Double w = best.get(vocabulary.character(allowed[i]));
                    if (w == null) {
                        throw new IllegalStateException("the dictionary allows " + vocabulary.character(allowed[i])
                                + " after '" + vocabulary.decode(prefix) + "' but no candidate of the turn does");
                    }
                    weights[i] = w;
                }
            }
        };
    }

    /** Unaided: the engine's free greedy decoding, at most four tokens, stopping at a special token. */
    static Written free(Gpt decoder, Vocabulary vocabulary, Turn turn, CharacterListener listener) {
        InferenceSession session = decoder.newSession().lastOutputOnly();
        session.recordAttention(true);
        session.feed(ChainTokens.prompt(turn.chain(), vocabulary));
        List<Double> probabilities = new ArrayList<>(Idiom.LENGTH);
        float[][] beforeLast = new float[1][];
        Decoding.Answer answer = Decoding.free(session, vocabulary, Idiom.LENGTH, Sampler.greedy(), (i, token, p) -> {
            if (!Vocabulary.isSpecial(token)) {
                // called before the token is fed: the session's distribution is still the one it was drawn from
                float[] distribution = session.probabilities();
                beforeLast[0] = distribution;
                probabilities.add((double) distribution[token]);
                listener.onCharacter(vocabulary.character(token), probabilities.size() - 1, distribution[token]);
            }
        });
        return new Written(answer.text(), List.copyOf(probabilities),
                new DecoderTrace(session, new int[0], false, beforeLast[0]));
    }

    /**
     * The {@code limit} valid continuations the decoder finds most probable (the engine's best-first search
     * over the dictionary trie, probabilities renormalised over the valid continuations at every step).
     * Where many first characters are allowed (the opening: thousands), the search starts from the
     * {@value #SEARCHED_FIRSTS} the model finds most likely, and each probability is scaled by their share, so it
     * stays a probability among all valid continuations.
     */
    static HintSearch mostProbable(Gpt decoder, Vocabulary vocabulary, IdiomTrie dictionary,
            Turn turn, IdiomCorpus corpus, int limit, int budget) {
        if (turn.candidates().isEmpty()) {
            return new HintSearch(List.of(), 0, 0, 0, false, 0);
        }
        InferenceSession session = decoder.newSession().lastOutputOnly();
        session.feed(ChainTokens.prompt(turn.chain(), vocabulary));
        Set<Character> firsts = turn.candidates().firstCharacters();
        double share = 1;
        if (firsts.size() > SEARCHED_FIRSTS) {
            Map<Character, Double> p = renormalised(session, vocabulary, firsts);
            List<Map.Entry<Character, Double>> best = p.entrySet().stream()
                    .sorted(Map.Entry.<Character, Double>comparingByValue().reversed()).limit(SEARCHED_FIRSTS).toList();
            firsts = best.stream().map(Map.Entry::getKey).collect(Collectors.toSet());
            share = best.stream().mapToDouble(Map.Entry::getValue).sum();
        }
        Set<Character> searched = firsts;
        double scale = share;
        IntPredicate allowedFirst =
                token -> !Vocabulary.isSpecial(token) && searched.contains(vocabulary.character(token));
        Decoding.Search search = Decoding.search(session, Decoding.Guide.of(dictionary, allowedFirst, turn.excluded()),
                limit, budget);
        List<Hint> hints = search.choices().stream()
                .map(c -> new Hint(corpus.find(c.idiom()).orElseThrow(), c.probability() * scale,
                        turn.candidates().find(c.idiom()).map(Candidate::continuations).orElse(0)))
                .toList();
        return new HintSearch(hints, search.expansions(), search.copies(), search.queued(), search.budgetSpent(),
                session.bytes());
    }

    /** The engine's softmax over the logits of {@code allowed} only (one head row each: the tied embedding). */
    private static Map<Character, Double> renormalised(InferenceSession session, Vocabulary vocabulary,
            Collection<Character> allowed) {
        int[] tokens = allowed.stream().mapToInt(vocabulary::id).toArray();
        double[] p = Decoding.renormalised(session, tokens, tokens.length);
        Map<Character, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            out.put(vocabulary.character(tokens[i]), p[i]);
        }
        return out;
    }
}
