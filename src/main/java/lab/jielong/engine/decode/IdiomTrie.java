package lab.jielong.engine.decode;

import lab.jielong.corpus.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trie of allowed answers over token ids (what dictionary-guided decoding walks). Node 0 is the
 * root; each node knows its children (sorted token ids), the word that ends there (if any) and how
 * many words lie below it, so "is there still an unused idiom down this branch?" is answered in
 * O(min(|used|, words below)). Immutable and thread-safe.
 */
public final class IdiomTrie {

    private final int[][] childTokens;   // node -> sorted child token ids
    private final int[][] childNodes;    // node -> child node ids (same order)
    private final int[] wordAt;          // node -> index into words, -1 if no word ends here
    private final int[] wordsBelow;      // node -> number of words in its subtree
    private final List<String> words;
    private final Map<String, int[]> pathOf = new HashMap<>();
    private final Vocabulary vocab;

    public IdiomTrie(Vocabulary vocab, List<String> words) {
        this.vocab = vocab;
        this.words = List.copyOf(words);
        List<Map<Integer, Integer>> kids = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        kids.add(new HashMap<>());
        ends.add(-1);
        for (int w = 0; w < this.words.size(); w++) {
            String word = this.words.get(w);
            int[] ids = vocab.encode(word);
            int[] path = new int[ids.length + 1];
            int node = 0;
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == Vocabulary.UNK) {
                    throw new IllegalArgumentException("'" + word + "' has a character outside the vocabulary");
                }
                Integer next = kids.get(node).get(ids[i]);
                if (next == null) {
                    next = kids.size();
                    kids.get(node).put(ids[i], next);
                    kids.add(new HashMap<>());
                    ends.add(-1);
                }
                node = next;
                path[i + 1] = node;
            }
            if (ends.get(node) < 0) {
                ends.set(node, w);
            }
            pathOf.put(word, path);
        }
        int n = kids.size();
        childTokens = new int[n][];
        childNodes = new int[n][];
        wordAt = new int[n];
        wordsBelow = new int[n];
        for (int i = 0; i < n; i++) {
            int[] toks = kids.get(i).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            childTokens[i] = toks;
            childNodes[i] = new int[toks.length];
            for (int j = 0; j < toks.length; j++) {
                childNodes[i][j] = kids.get(i).get(toks[j]);
            }
            wordAt[i] = ends.get(i);
        }
        // children always have larger ids than their parent: count bottom-up
        for (int i = n - 1; i >= 0; i--) {
            int c = wordAt[i] >= 0 ? 1 : 0;
            for (int child : childNodes[i]) {
                c += wordsBelow[child];
            }
            wordsBelow[i] = c;
        }
    }

    public static final int ROOT = 0;

    public Vocabulary vocabulary() {
        return vocab;
    }

    public int size() {
        return words.size();
    }

    public boolean contains(String word) {
        return pathOf.containsKey(word);
    }

    /** Sorted token ids that continue from node (do not modify). */
    public int[] childTokens(int node) {
        return childTokens[node];
    }

    /** The node reached from node by token, or -1. */
    public int child(int node, int token) {
        int i = Arrays.binarySearch(childTokens[node], token);
        return i < 0 ? -1 : childNodes[node][i];
    }

    /** The word ending at node, or null. */
    public String wordAt(int node) {
        return wordAt[node] < 0 ? null : words.get(wordAt[node]);
    }

    public boolean isLeaf(int node) {
        return childTokens[node].length == 0;
    }

    /** Words below node that are not in the used set (computed from the used words' paths). */
    public int unusedWordsBelow(int node, java.util.Set<String> used) {
        int n = wordsBelow[node];
        if (used.isEmpty()) {
            return n;
        }
        if (n < used.size()) {
            return unusedBySearch(node, used);   // a small branch and a large set (the opening's dead ends)
        }
        for (String u : used) {
            int[] path = pathOf.get(u);
            if (path == null) {
                continue;
            }
            int end = path[path.length - 1];
            if (wordAt[end] >= 0 && words.get(wordAt[end]).equals(u)) {
                for (int p : path) {
                    if (p == node) {
                        n--;
                        break;
                    }
                }
            }
        }
        return n;
    }

    /** The same count by walking the branch: O(words below) set lookups. */
    private int unusedBySearch(int node, java.util.Set<String> used) {
        int n = wordAt[node] >= 0 && !used.contains(words.get(wordAt[node])) ? 1 : 0;
        for (int child : childNodes[node]) {
            n += unusedBySearch(child, used);
        }
        return n;
    }
}
