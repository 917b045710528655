package lab.jielong.models;

import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;
import lab.jielong.engine.Gpt;
import lab.jielong.engine.decode.IdiomTrie;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked set of models the features play with: the causal decoder, the peeking model (the same kind of
 * model trained without the causal mask), their shared vocabulary, and the dictionary trie built for that
 * vocabulary once. Only {@link ModelService} makes them, after {@link #check}; the models are shared and
 * read-only (every call opens its own inference session).
 *
 * @param source  where they come from, for a page to say (the shipped files, or what a lab trained)
 * @param shipped they are the shipped models
 */
public record Models(Gpt decoder, Gpt peeking, Vocabulary vocabulary, IdiomTrie dictionary, String source,
        boolean shipped) {

    /**
     * The longest prompt a page feeds, with room to continue: Guess reads up to 16 characters with their
     * separators (21 tokens), Play reads {@code BOS X SEP Y} (10).
     */
    public static final int MIN_CONTEXT = 24;

    public Models {
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(peeking, "peeking");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(dictionary, "dictionary");
        Objects.requireNonNull(source, "source");
    }

    /** The same set with another decoder (e.g. one a lab trained), which must fit the same vocabulary. */
    public Models withDecoder(Gpt newDecoder, String newSource) {
        problemWith(newDecoder, true, vocabulary).ifPresent(p -> {
            throw new IllegalArgumentException("decoder: " + p);
        });
        return new Models(newDecoder, peeking, vocabulary, dictionary, newSource, false);
    }

    /**
     * Checks what the features rely on and builds the set: the decoder is causal and the peeking model is
     * not; both use {@code vocabulary} and have a context of at least {@value #MIN_CONTEXT}; the vocabulary
     * has every character of the idiom dictionary (a missing one would read as {@code <unk>}, and the
     * guided decoder could never write an idiom that contains it).
     *
     * @throws IllegalArgumentException naming the first problem found
     */
    static Models check(IdiomCorpus corpus, Gpt decoder, Gpt peeking, Vocabulary vocabulary, String source,
            boolean shipped) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        problemWith(decoder, true, vocabulary).ifPresent(p -> {
            throw new IllegalArgumentException("decoder: " + p);
        });
        problemWith(peeking, false, vocabulary).ifPresent(p -> {
            throw new IllegalArgumentException("peeking model: " + p);
        });
        List<String> words = corpus.idioms().stream().map(Idiom::word).toList();
        long missing = words.stream().flatMapToInt(String::chars).distinct().filter(c -> !vocabulary.contains((char) c))
                .count();
        if (missing > 0) {
            String example = words.stream().filter(w -> w.chars().anyMatch(c -> !vocabulary.contains((char) c)))
                    .findFirst().orElseThrow();
            throw new IllegalArgumentException("the vocabulary lacks " + missing + " characters of the idiom dictionary"
                    + " (e.g. in 「" + example + "」): it was made for another corpus");
        }
        return new Models(decoder, peeking, vocabulary, new IdiomTrie(vocabulary, words), source, shipped);
    }

    private static Optional<String> problemWith(Gpt model, boolean causal, Vocabulary vocabulary) {
        if (model == null) {
            return Optional.of("missing");
        }
        if (model.config.causal() != causal) {
            return Optional.of((causal ? "must be causal" : "must not be causal") + ", got "
                    + model.config.describe());
        }
        if (model.config.vocabSize() != vocabulary.size()) {
            return Optional.of(model.config.describe() + " does not match the vocabulary of "
                    + vocabulary.size() + " tokens");
        }
        if (model.config.context() < MIN_CONTEXT) {
            return Optional.of("a context of " + model.config.context() + " tokens is too short, the pages need "
                    + MIN_CONTEXT);
        }
        return Optional.empty();
    }
}
