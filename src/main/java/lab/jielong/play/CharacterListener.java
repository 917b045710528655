package lab.jielong.play;

/** Called for each character of the computer's answer as the decoder produces it. */
@FunctionalInterface
public interface CharacterListener {
    /**
     * @param character   the character
     * @param index       0..3 within the answer
     * @param probability the decoder's probability for it (guided: renormalised over the allowed characters)
     */
    void onCharacter(char character, int index, double probability);
}
