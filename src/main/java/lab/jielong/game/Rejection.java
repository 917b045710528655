package lab.jielong.game;

import lab.jielong.corpus.CheckedInput;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.InputProblem;

import java.util.List;
import java.util.Optional;

/**
 * A refused move, with everything a message about it needs; the UI words it (see {@link #messageKey()}).
 *
 * @param reason   why
 * @param text     the text after normalisation (what was checked)
 * @param detail   the normaliser's detail: offending characters, a length, a limit; empty otherwise
 * @param required what the move had to start with, when the chain had already begun; for
 *                 {@link RejectionReason#NO_CONTINUATION}, what the next idiom would have had to start with
 * @param idiom    the dictionary idiom, when the text was one ({@link RejectionReason#WRONG_START}, {@link RejectionReason#ALREADY_USED})
 * @param earlier  the earlier move that played the same idiom ({@link RejectionReason#ALREADY_USED})
 */
public record Rejection(RejectionReason reason, String text, String detail, Optional<Requirement> required,
        Optional<Idiom> idiom, Optional<Move> earlier) {

    static Rejection of(RejectionReason reason, String text, String detail) {
        return new Rejection(reason, text, detail, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What the refused idiom starts with, in the terms of the mode: a character or a syllable. */
    public Optional<String> offeredStart() {
        return required.flatMap(r -> idiom.map(i -> r.mode().startKey(i)));
    }

    /**
     * {@code input.<REASON>} for a problem with the text itself (the same sentence as anywhere text is typed),
     * {@code move.rejected.<REASON>} for the rules, and for {@link RejectionReason#WRONG_START} and
     * {@link RejectionReason#NO_CONTINUATION} one more segment naming the mode
     * ({@code move.rejected.WRONG_START.SAME_SYLLABLE}), because 同字 and 同音 need different sentences.
     */
    public String messageKey() {
        if (reason.isInputProblem()) {
            return "input." + reason.name();
        }
        String key = "move.rejected." + reason.name();
        boolean perMode = reason == RejectionReason.WRONG_START || reason == RejectionReason.NO_CONTINUATION;
        return perMode && required.isPresent()
                ? key + "." + required.get().mode().name() : key;
    }

    /**
     * The arguments {@code {0} {1} …} of the message, by reason:
     * the normaliser's problems as {@link CheckedInput#messageArgs(InputProblem, String, String)} (counts are
     * numbers: WRONG_LENGTH {0} count, {1} text; TOO_LONG {0} limit; NOT_CHINESE {0} characters, {1} how many);
     * WRONG_START: {0} idiom, {1} required start, {2} its actual start, {3} previous idiom, {4} required
     * syllable with tone; ALREADY_USED: {0} idiom, {1} move number, {2} side ({@code HUMAN}/{@code COMPUTER});
     * NO_CONTINUATION: {0} idiom, {1} what would have to follow it (a character or a syllable); the others none.
     */
    public List<Object> messageArgs() {
        if (reason.isInputProblem()) {
            return CheckedInput.messageArgs(InputProblem.valueOf(reason.name()), text, detail);
        }
        return switch (reason) {
            case WRONG_START -> List.of(idiom.map(Idiom::word).orElse(text),
                    required.map(Requirement::display).orElse(""), offeredStart().orElse(""),
                    required.map(r -> r.previous().word()).orElse(""), required.map(Requirement::syllable).orElse(""));
            case ALREADY_USED -> List.of(idiom.map(Idiom::word).orElse(text),
                    earlier.<Object>map(Move::number).orElse(""),
                    earlier.map(m -> m.side().name()).orElse(""));
            case NO_CONTINUATION -> List.of(idiom.map(Idiom::word).orElse(text),
                    required.map(Requirement::display).orElse(""));
            default -> List.of();
        };
    }
}
