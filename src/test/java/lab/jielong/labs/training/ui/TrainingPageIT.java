package lab.jielong.labs.training.ui;

import lab.jielong.base.ui.BrowserTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training lab in a real browser: a run trains for a few seconds, streamed by server push, and both loss
 * curves are drawn (the decoder's in the accent colour, the peeking model's in the warning colour, inside the
 * plot area); then in Chinese, and on a 375 px phone without sideways scrolling. Saves screenshots.
 */
class TrainingPageIT extends BrowserTest {

    /** Pixels of this colour (±24 per channel) inside the chart's plot area (below the legend, right of the axis). */
    private long pixelsOf(String id, int r, int g, int b) {
        Object n = js("""
                const c = document.querySelector('#' + arguments[0] + ' canvas');
                if (!c || c.width === 0) return 0;
                const ratio = c.width / c.getBoundingClientRect().width;
                const x0 = Math.round(52 * ratio), y0 = Math.round(86 * ratio);
                const d = c.getContext('2d').getImageData(x0, y0, c.width - x0, c.height - y0).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) {
                  if (d[i + 3] > 200 && Math.abs(d[i] - arguments[1]) < 24 && Math.abs(d[i + 1] - arguments[2]) < 24
                      && Math.abs(d[i + 2] - arguments[3]) < 24) n++;
                }
                return n;""", id, r, g, b);
        return ((Number) n).longValue();
    }

    private int step() {
        String speed = driver.findElement(By.id("training-speed")).getText();
        return speed.matches("(?s)Step \\d+ of.*") ? Integer.parseInt(speed.replaceAll("(?s)Step (\\d+) of.*", "$1"))
                : 0;
    }

    @Test
    void aRunTrainsForAFewSecondsAndBothLossCurvesAreDrawn() throws Exception {
        driver.get(url("/labs/training"));
        WebElement start = wait.until(d -> d.findElement(By.id("training-start")));
        assertThat(driver.findElement(By.id("training-plan")).getText()).contains("d_model 64");
        start.click();

        wait.until(d -> step() >= 20);
        wait.until(d -> chartHasDrawn("training-chart"));
        wait.until(d -> pixelsOf("training-chart", 0x1a, 0x73, 0xe8) > 50
                && pixelsOf("training-chart", 0xd9, 0x30, 0x25) > 50);
        assertThat(driver.findElement(By.id("training-decoder")).getText()).startsWith("Training loss");
        assertThat(driver.findElement(By.id("training-peeking")).getText()).contains("honest loss");
        assertThat(driver.findElement(By.id("training-answers")).getText()).contains("→");
        int before = step();
        wait.until(d -> step() > before);                 // still streaming, by push, without a click
        screenshot("training-en");

        driver.findElement(By.id("lang-zh")).click();
        wait.until(d -> d.findElement(By.cssSelector(".jl-title")).getText().equals("接龙实验室"));
        wait.until(d -> d.findElement(By.id("training-speed")).getText().startsWith("第 "));
        wait.until(d -> chartHasDrawn("training-chart"));
        screenshot("training-zh");

        driver.manage().window().setSize(new Dimension(375, 812));
        wait.until(d -> chartHasDrawn("training-chart"));
        js("document.getElementById('training-decoder').scrollIntoView()");
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        Number peekingTop = (Number) js(
                "return document.getElementById('training-peeking').getBoundingClientRect().top");
        Number decoderTop = (Number) js(
                "return document.getElementById('training-decoder').getBoundingClientRect().top");
        assertThat(peekingTop.doubleValue()).as("the two models stack on a phone")
                .isGreaterThan(decoderTop.doubleValue());
        screenshot("training-phone");

        driver.manage().window().setSize(new Dimension(1280, 900));
        waitForVaadin();
        WebElement stop = driver.findElement(By.id("training-stop"));
        js("arguments[0].scrollIntoView({block: 'center'})", stop);
        stop.click();
        wait.until(d -> d.findElement(By.id("training-status")).getText().startsWith("已在第"));
        wait.until(d -> d.findElement(By.id("training-use")).isDisplayed());
    }

    /**
     * A whole run, for the README's picture ({@code docs/training-en.png}): 1,000 steps take one to several
     * minutes here, so it runs only when asked: {@code ./mvnw verify -Dit.test=TrainingPageIT -Djielong.it.whole-run}.
     */
    @Test
    @EnabledIfSystemProperty(named = "jielong.it.whole-run", matches = ".*")
    void aWholeRun() throws Exception {
        driver.get(url("/labs/training"));
        wait.until(d -> d.findElement(By.id("training-start"))).click();
        new WebDriverWait(driver, Duration.ofMinutes(20))
                .until(d -> d.findElement(By.id("training-status")).getText().startsWith("Done"));
        wait.until(d -> d.findElement(By.id("training-answers-heading")).getText().endsWith("1,000"));
        waitForVaadin();
        js("document.getElementById('training-chart').scrollIntoView({block: 'center'})");
        screenshot("training-done-en");
    }
}
