package lab.jielong.engine;

/**
 * What decoding needs of a model conversation: feed tokens, read the next token's logits (all, or one).
 * The decoder-only's {@link InferenceSession} and the encoder-decoder's {@link EncDecSession} (its decoder,
 * with the source already encoded) both are one, so {@link lab.jielong.engine.decode.Decoding} drives either.
 */
public interface TokenSession {

    /** Append one token and run the model on it. */
    void feed(int token);

    /** Append tokens. */
    void feed(int[] tokens);

    /** Logits of the next token (V floats, owned by the session). */
    float[] logits();

    /** The logit of one candidate next token. */
    float logit(int token);

    /** Room left in the context. */
    int remaining();
}
