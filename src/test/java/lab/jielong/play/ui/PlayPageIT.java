package lab.jielong.play.ui;

import lab.jielong.base.ui.BrowserTest;
import lab.jielong.corpus.Idiom;
import lab.jielong.corpus.IdiomCorpus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Play page in a real browser: three moves against the decoder, then both heatmaps (decoder and the
 * peeking model) must have drawn pixels. Saves the screenshots the README shows. Two tabs of one browser play
 * two games, and a reload keeps each tab's own.
 */
class PlayPageIT extends BrowserTest {

    @Autowired
    private IdiomCorpus corpus;

    @Test
    void playThreeMovesAndSeeBothHeatmaps() throws Exception {
        driver.get(url("/"));
        WebElement input = wait.until(d -> d.findElement(By.cssSelector("#play-input input")));
        assertThat(driver.findElement(By.cssSelector(".jl-title")).getText()).isEqualTo("Jielong Lab");

        Set<String> used = new HashSet<>();
        String move = "一心一意";
        for (int turn = 1; turn <= 3; turn++) {
            used.add(move);
            input = driver.findElement(By.cssSelector("#play-input input"));
            input.sendKeys(move, Keys.ENTER);
            int moves = 2 * turn;
            wait.until(d -> d.findElements(By.cssSelector("#play-history .jl-move")).size() >= moves
                    && d.findElements(By.cssSelector("#play-streaming > *")).isEmpty());
            List<WebElement> idioms = driver.findElements(By.cssSelector("#play-history .jl-move .jl-idiom"));
            String reply = idioms.get(idioms.size() - 1).getText();
            used.add(reply);
            assertThat(corpus.contains(reply)).as("guided reply %s is a dictionary idiom", reply).isTrue();
            assertThat(reply.charAt(0)).isEqualTo(move.charAt(3));
            move = nextMove(reply.charAt(3), used);
        }
        wait.until(d -> chartHasDrawn("peek-chart"));
        assertThat(driver.findElement(By.id("peek-punchline")).getText()).isNotBlank();
        js("document.querySelector('.jl-game h2').scrollIntoView()");      // the top of the page, for the README
        screenshot("play-en");

        WebElement peeking = driver.findElement(By.id("peek-peeking"));
        js("arguments[0].scrollIntoView({block: 'center'})", peeking);
        wait.until(d -> peeking.isDisplayed() && peeking.isEnabled());
        peeking.click();
        waitForVaadin();
        wait.until(d -> chartHasDrawn("peek-chart"));
        assertThat(driver.findElement(By.id("peek-future-share")).getText()).startsWith("Peeking model:").contains("%");

        driver.findElement(By.id("lang-zh")).click();
        wait.until(d -> d.findElement(By.cssSelector(".jl-title")).getText().equals("接龙实验室"));
        wait.until(d -> chartHasDrawn("peek-chart"));
        js("document.querySelector('.jl-game h2').scrollIntoView()");
        screenshot("play-zh");

        // A 375 px phone: the panel folds below the game, and nothing is wider than the screen.
        driver.manage().window().setSize(new Dimension(375, 812));
        wait.until(d -> chartHasDrawn("peek-chart"));
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        Number panelTop = (Number) js("return document.getElementById('peek-panel').getBoundingClientRect().top");
        Number inputTop = (Number) js("return document.getElementById('play-input').getBoundingClientRect().top");
        assertThat(panelTop.doubleValue()).as("panel below the game").isGreaterThan(inputTop.doubleValue());
        screenshot("play-phone");
    }

    @Test
    void eachTabPlaysItsOwnGameAndAReloadKeepsIt() {
        driver.get(url("/"));
        play("一心一意", 2);
        String first = driver.getWindowHandle();
        String firstReply = idioms().get(1);

        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(url("/"));
        wait.until(d -> d.findElements(By.cssSelector("#play-input input")).size() == 1);
        waitForVaadin();
        assertThat(idioms()).as("a new tab starts its own game").isEmpty();
        String opening = corpus.idioms().stream()
                .filter(i -> !i.word().equals("一心一意") && i.last() != '意' && corpus.startingWith(i.last()).size() > 20)
                .findFirst().orElseThrow().word();
        play(opening, 2);
        String second = driver.getWindowHandle();

        // the first tab plays on: its game is still its own, not the second tab's
        driver.switchTo().window(first);
        play(nextMove(firstReply.charAt(3), java.util.Set.of("一心一意", firstReply)), 4);
        assertThat(idioms().get(0)).isEqualTo("一心一意");

        driver.navigate().refresh();
        wait.until(d -> idioms().size() == 4);
        assertThat(idioms().get(0)).as("a reload keeps the tab's game").isEqualTo("一心一意");
        assertThat(idioms().get(1)).isEqualTo(firstReply);

        driver.switchTo().window(second);
        driver.navigate().refresh();
        wait.until(d -> idioms().size() == 2);
        assertThat(idioms().get(0)).as("and the other tab's").isEqualTo(opening);
        Object secondName = js("return window.name");
        driver.switchTo().window(first);
        assertThat(js("return window.name")).as("each tab has its own name").isNotEqualTo(secondName);
    }

    /** Types {@code move} and waits until the history has {@code moves} rows and the model has written. */
    private void play(String move, int moves) {
        WebElement input = wait.until(d -> d.findElement(By.cssSelector("#play-input input")));
        input.sendKeys(move, Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#play-history .jl-move")).size() >= moves
                && d.findElements(By.cssSelector("#play-streaming > *")).isEmpty());
        waitForVaadin();
    }

    private List<String> idioms() {
        return driver.findElements(By.cssSelector("#play-history .jl-move .jl-idiom")).stream()
                .map(WebElement::getText).toList();
    }

    /** A well-known unused idiom starting with {@code c} whose ending leaves many continuations. */
    private String nextMove(char c, Set<String> used) {
        return corpus.startingWith(c).stream()
                .filter(i -> !used.contains(i.word()))
                .max(Comparator.comparingInt((Idiom i) -> corpus.startingWith(i.last()).size()))
                .map(Idiom::word)
                .orElseThrow(() -> new AssertionError("the model's reply leads to a dead end at " + c));
    }
}
