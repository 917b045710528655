package lab.jielong.play;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.decode.Decoding;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.decode.IdiomTrie;
import lab.jielong.engine.InferenceSession;
import lab.jielong.engine.decode.Sampler;
import lab.jielong.game.Candidate;
import lab.jielong.game.Turn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The decoder writing an idiom, one character per step on one KV-cached session that records attention
 * (the panel shows it afterwards without running the decoder again; the guided answer's forced characters,
 * and always its last one, are fed only when the panel asks: the move itself needs no more passes).
 * <ul>
 * <li>Guided: at each step only characters that keep some valid candidate reachable are allowed; their
 *     probabilities are renormalised over the allowed set, and the step takes the character with the largest
 *     {@code p · w}, w the best difficulty weight of a candidate below it. A step with one allowed character
 *     has probability 1 and asks the model nothing. This is the engine's
 *     {@code Decoding.guided} walk plus the difficulty weight, which that method has no hook for.</li>
 * <li>Free: the engine's {@code Decoding.free}, greedy over the whole vocabulary, until four characters or
 *     a special token.</li>
 * <li>Hints: the engine's {@code Decoding.topContinuations} over the dictionary trie.</li>
 * </ul>
 */
final class DecoderMoves {

    /**
     * Bound on the hint search (trie nodes expanded, each copying the session once per child): a trained
     * model finds five idioms in a few dozen; an untrained one would wander.
     */
    static final int MAX_EXPANSIONS = 300;
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
    record Written(String text, List<Double> probabilities, PlayService.DecoderTrace trace) {
    }

    static Written guided(Gpt decoder, Vocabulary vocabulary, Turn turn, PlayService.CharacterListener listener) {
        InferenceSession session = decoder.newSession();
        session.recordAttention(true);
        // Tokens wait here until the model must be asked something: a forced character (the only one allowed,
        // as the first one in 同字) is fed together with the next ones, one pass for several positions.
        List<Integer> pending = new ArrayList<>();
        for (int token : ChainTokens.prompt(turn.chain(), vocabulary)) {
            pending.add(token);
        }
        List<Candidate> alive = turn.candidates().list();
        List<Double> probabilities = new ArrayList<>(Idiom.LENGTH);
        StringBuilder answer = new StringBuilder(Idiom.LENGTH);
        for (int i = 0; i < Idiom.LENGTH && !alive.isEmpty(); i++) {
            // the allowed characters at this step and the best weight below each
            Map<Character, Double> weight = new LinkedHashMap<>();
            for (Candidate c : alive) {
                weight.merge(c.word().charAt(i), c.preference(), Math::max);
            }
            char best;
            double p;
            if (weight.size() == 1) {
                best = weight.keySet().iterator().next();
                p = 1;
            } else {
                flush(session, pending);
                Map<Character, Double> renormalised = renormalised(session, vocabulary, weight.keySet());
                best = 0;
                double bestScore = -1;
                for (Map.Entry<Character, Double> e : renormalised.entrySet()) {
                    double score = e.getValue() * weight.get(e.getKey());
                    if (score > bestScore) {
                        bestScore = score;
                        best = e.getKey();
                    }
                }
                p = renormalised.get(best);
            }
            answer.append(best);
            probabilities.add(p);
            listener.onCharacter(best, i, p);
            final char chosen = best;
            final int at = i;
            alive = alive.stream().filter(c -> c.word().charAt(at) == chosen).toList();
            pending.add(vocabulary.id(best));
        }
        // What is still pending (at least the last character) only the panel needs: it feeds it when asked.
        return new Written(answer.toString(), List.copyOf(probabilities),
                new PlayService.DecoderTrace(session, toArray(pending), answer.length() > 0, null));
    }

    private static int[] toArray(List<Integer> tokens) {
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void flush(InferenceSession session, List<Integer> pending) {
        if (!pending.isEmpty()) {
            session.feed(pending.stream().mapToInt(Integer::intValue).toArray());
            pending.clear();
        }
    }

    /** Unaided: the engine's free greedy decoding, at most four tokens, stopping at a special token. */
    static Written free(Gpt decoder, Vocabulary vocabulary, Turn turn, PlayService.CharacterListener listener) {
        InferenceSession session = decoder.newSession();
        session.recordAttention(true);
        session.feed(ChainTokens.prompt(turn.chain(), vocabulary));
        List<Double> probabilities = new ArrayList<>(Idiom.LENGTH);
        float[][] beforeLast = new float[1][];
        Decoding.Answer answer = Decoding.free(session, vocabulary, Idiom.LENGTH, Sampler.greedy(), token -> {
            if (!Vocabulary.isSpecial(token)) {
                // called before the token is fed: the session's distribution is still the one it was drawn from
                float[] distribution = session.probabilities();
                beforeLast[0] = distribution;
                probabilities.add((double) distribution[token]);
                listener.onCharacter(vocabulary.character(token), probabilities.size() - 1, distribution[token]);
            }
        });
        return new Written(answer.text(), List.copyOf(probabilities),
                new PlayService.DecoderTrace(session, new int[0], false, beforeLast[0]));
    }

    /**
     * The {@code limit} valid continuations the decoder finds most probable (the engine's best-first search
     * over the dictionary trie, probabilities renormalised over the valid continuations at every step).
     * Where many first characters are allowed (the opening: thousands), the search starts from the
     * {@value #SEARCHED_FIRSTS} the model finds most likely, and each probability is scaled by their share, so it
     * stays a probability among all valid continuations.
     */
    static List<PlayService.Hint> mostProbable(Gpt decoder, Vocabulary vocabulary, IdiomTrie dictionary,
                                               Turn turn, IdiomCorpus corpus, int limit) {
        if (turn.candidates().isEmpty()) {
            return List.of();
        }
        InferenceSession session = decoder.newSession();
        session.feed(ChainTokens.prompt(turn.chain(), vocabulary));
        Set<Character> firsts = turn.candidates().firstCharacters();
        double share = 1;
        if (firsts.size() > SEARCHED_FIRSTS) {
            Map<Character, Double> p = renormalised(session, vocabulary, firsts);
            List<Map.Entry<Character, Double>> best = p.entrySet().stream()
                    .sorted(Map.Entry.<Character, Double>comparingByValue().reversed()).limit(SEARCHED_FIRSTS).toList();
            firsts = best.stream().map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
            share = best.stream().mapToDouble(Map.Entry::getValue).sum();
        }
        Set<Character> searched = firsts;
        double scale = share;
        IntPredicate allowedFirst = token -> !Vocabulary.isSpecial(token) && searched.contains(vocabulary.character(token));
        return Decoding.topContinuations(session, dictionary, allowedFirst, turn.excluded(), limit, MAX_EXPANSIONS)
                .stream().map(c -> new PlayService.Hint(corpus.find(c.idiom()).orElseThrow(), c.probability() * scale))
                .toList();
    }

    /** Softmax of the logits of {@code allowed} only (one head row each: the tied embedding). */
    private static Map<Character, Double> renormalised(InferenceSession session, Vocabulary vocabulary,
                                                       Iterable<Character> allowed) {
        Map<Character, Double> logits = new LinkedHashMap<>();
        double max = Double.NEGATIVE_INFINITY;
        for (char c : allowed) {
            double logit = session.logit(vocabulary.id(c));
            logits.put(c, logit);
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (Map.Entry<Character, Double> e : logits.entrySet()) {
            double v = Math.exp(e.getValue() - max);
            e.setValue(v);
            sum += v;
        }
        final double total = sum;
        logits.replaceAll((c, v) -> v / total);
        return logits;
    }
}
