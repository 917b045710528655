package lab.jielong.embed.ui;

/** The Guess page as the custom element {@code <jielong-guess>}. */
public class GuessElement extends ElementWidget {
    public GuessElement() {
        super("guess");
    }
}
