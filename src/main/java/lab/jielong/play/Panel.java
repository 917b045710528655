package lab.jielong.play;

import java.util.List;
import java.util.Optional;

/**
 * The side panel for one chain text.
 *
 * @param tokens            the tokens of the text as the models read it: {@code <bos> 一 心 一 意 <sep> 意 …}
 * @param decoderAttention  [layer][head][T][T] of the decoder (row t: what t attends to; zero right of t)
 * @param peekingAttention  [layer][head][T][T] of the peeking model on the full text
 * @param futureShareByHead [layer][head][T]: the share of the peeking model's attention at t on positions after t
 * @param futureShare       [T]: the same, averaged over layers and heads
 * @param future            at one position, both models' guesses with the future removed
 */
public record Panel(List<String> tokens, float[][][][] decoderAttention, float[][][][] peekingAttention,
        double[][][] futureShareByHead, double[] futureShare, Optional<FutureRemoved> future) {
}
