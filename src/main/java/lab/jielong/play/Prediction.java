package lab.jielong.play;

/** A next-token guess: the token (a character or {@code <sep>}) and its probability. */
public record Prediction(String token, double probability) {
}
