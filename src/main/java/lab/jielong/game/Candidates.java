package lab.jielong.game;

import lab.jielong.corpus.Idiom;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The valid unused continuations of one position, best first (by preference, then corpus order: the
 * more frequent idiom first), with the lookups a guided decoder needs. Immutable.
 */
public final class Candidates {

    private final List<Candidate> list;
    private final List<Candidate> choices;
    private final Map<String, Candidate> byWord;
    private final Set<Character> firstCharacters;

    Candidates(List<Candidate> bestFirst) {
        this.list = List.copyOf(bestFirst);
        List<Candidate> weighed = list.stream().filter(c -> c.preference() > 0).toList();
        this.choices = weighed.isEmpty() ? list : weighed;
        Map<String, Candidate> words = new HashMap<>(list.size() * 2);
        Set<Character> firsts = new LinkedHashSet<>();
        for (Candidate candidate : list) {
            words.put(candidate.word(), candidate);
            firsts.add(candidate.idiom().first());
        }
        this.byWord = Collections.unmodifiableMap(words);
        this.firstCharacters = Collections.unmodifiableSet(firsts);
    }

    /** Best first. */
    public List<Candidate> list() {
        return list;
    }

    public List<Idiom> idioms() {
        return list.stream().map(Candidate::idiom).toList();
    }

    /**
     * What the computer chooses among: the candidates its difficulty weighs above 0, or, when there is none
     * (every move left would end the game), all of them. Best first.
     */
    public List<Candidate> choices() {
        return choices;
    }

    public List<Candidate> top(int n) {
        return list.subList(0, Math.min(n, list.size()));
    }

    public Optional<Candidate> find(String word) {
        return Optional.ofNullable(byWord.get(word));
    }

    public boolean contains(String word) {
        return byWord.containsKey(word);
    }

    /** The difficulty's weight for {@code word}, empty when it is not a valid continuation here. */
    public OptionalDouble preference(String word) {
        Candidate candidate = byWord.get(word);
        return candidate == null ? OptionalDouble.empty() : OptionalDouble.of(candidate.preference());
    }

    /**
     * The first characters of the candidates: one in 同字, often several in 同音 (cháng: 长 尝 徜 常 …).
     * Not every idiom starting with one of them is valid in the syllable modes (长势喜人 reads zhǎng), see
     * {@link Turn#excluded()}.
     */
    public Set<Character> firstCharacters() {
        return firstCharacters;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }
}
