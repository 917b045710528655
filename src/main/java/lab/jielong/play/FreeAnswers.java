package lab.jielong.play;

import lab.jielong.game.Rejection;

import java.util.List;
import java.util.Optional;

/**
 * What the decoder and the peeking model each write unaided (greedy, no dictionary) on the prompt of the
 * computer's turn, each judged by the game's rules as a move there: the peeking model playing too.
 *
 * @param prompt  the prompt's tokens as the vocabulary names them ({@code <bos> 一 心 一 意 <sep>})
 * @param decoder the decoder's answer
 * @param peeking the peeking model's answer
 */
public record FreeAnswers(List<String> prompt, Answer decoder, Answer peeking) {

    /**
     * One model's answer.
     *
     * @param text   the characters written (at most four; free writing stops at the first special token)
     * @param tokens every token written, as the vocabulary names them, the stopping special token included
     * @param valid  the rules would accept it as the move
     * @param why    why not, in the rules' words (empty when valid)
     */
    public record Answer(String text, List<String> tokens, boolean valid, Optional<Rejection> why) {
    }
}
