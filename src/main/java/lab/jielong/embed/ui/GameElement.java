package lab.jielong.embed.ui;

/** The Play page as the custom element {@code <jielong-game>}. */
public class GameElement extends ElementWidget {
    public GameElement() {
        super("play");
    }
}
