package lab.jielong.play;

/**
 * Position {@code position} with everything after it cut off.
 *
 * @param position         the last position the models see
 * @param actual           the token that really comes next in the text
 * @param peeking          the peeking model's most likely next token (it was trained seeing the answer)
 * @param decoder          the decoder's most likely next token
 * @param peekingOnActual  the peeking model's probability for the actual next token
 * @param decoderOnActual  the decoder's probability for it
 */
public record FutureRemoved(int position, String actual, Prediction peeking, Prediction decoder,
        double peekingOnActual, double decoderOnActual) {
}
