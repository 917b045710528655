package lab.jielong.classroom;

import java.text.Normalizer;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Room codes: {@link #LENGTH} characters from an alphabet without the easily confused 0, O, 1, I and L, so a
 * code read off a projector or said aloud is typed right (31^5, about 29 million codes).
 */
final class RoomCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 5;
    private static final String CONFUSED = "0O1IL";

    private RoomCodes() {
    }

    static String random(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** A typed code made canonical: full-width letters made ASCII, spaces and dashes dropped, upper case. */
    static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        String text = Normalizer.normalize(typed, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        return text.replaceAll("[\\s\\-_·.]", "");
    }

    /** Why {@code code} (already {@link #normalise normalised}) cannot be a room code, or JOINED if it can. */
    static JoinResult.Outcome check(String code) {
        if (code.isEmpty()) {
            return JoinResult.Outcome.NO_CODE;
        }
        boolean confused = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (CONFUSED.indexOf(c) >= 0) {
                confused = true;
            } else if (ALPHABET.indexOf(c) < 0) {
                return JoinResult.Outcome.NOT_A_CODE;
            }
        }
        if (confused) {
            return JoinResult.Outcome.AMBIGUOUS;
        }
        return code.length() == LENGTH ? JoinResult.Outcome.JOINED : JoinResult.Outcome.WRONG_LENGTH;
    }

    static boolean isCode(String code) {
        return code != null && check(code) == JoinResult.Outcome.JOINED;
    }
}
