/**
 * Turning next-token distributions into answers, on an {@link lab.jielong.engine.InferenceSession}.
 * Reading order: {@link lab.jielong.engine.decode.Sampler} (choose one of n candidates from their logits,
 * with an injected, seeded generator) and {@link lab.jielong.engine.decode.DecodingConfig} (greedy, or sampling
 * with temperature, top-k, top-p and a seed, as the pages offer it), {@link lab.jielong.engine.decode.IdiomTrie} (the allowed answers as
 * a trie over token ids), {@link lab.jielong.engine.decode.Decoding} (free decoding; dictionary-guided
 * decoding, whose {@link lab.jielong.engine.decode.Decoding.Guide} says what may be written and how each step's
 * choice is weighed; the most probable valid continuations). Dimensions as in {@link lab.jielong.engine}'s legend.
 */
package lab.jielong.engine.decode;
