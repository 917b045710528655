package lab.jielong.labs.snowball.ui;

import lab.jielong.base.ui.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snowball lab in a real browser: a few steps by hand, then Play through server push to the end; the three
 * charts must have drawn pixels, in English, in Chinese and on a 375 px phone. Saves screenshots.
 */
class SnowballPageIT extends BrowserTest {

    /** Scrolls the element to the middle of the screen (the page is long) and clicks it. */
    private void click(String id) {
        WebElement element = driver.findElement(By.id(id));
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private int written() {
        return driver.findElements(By.cssSelector("#snowball-text .jl-written-token")).size();
    }

    @Test
    void generateStepByStepThenPlayAndSeeTheChartsDrawn() throws Exception {
        driver.get(url("/labs/snowball"));
        WebElement prompt = wait.until(d -> d.findElement(By.cssSelector("#snowball-prompt input")));
        prompt.sendKeys(Keys.chord(Keys.CONTROL, "a"), "画蛇添", Keys.TAB);
        waitForVaadin();
        for (int i = 1; i <= 3; i++) {
            click("snowball-step");
            int steps = i;
            wait.until(d -> written() == steps);
        }
        assertThat(driver.findElement(By.id("snowball-last-step")).getText()).startsWith("Step 3: the model wrote");
        assertThat(driver.findElement(By.id("snowball-compare-positions-cached")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("snowball-compare-positions-recomputed")).getText()).isEqualTo("7");
        for (String chart : new String[] {"snowball-step-chart", "snowball-total-chart", "snowball-cache-chart"}) {
            wait.until(d -> chartHasDrawn(chart));
        }

        // Play: the server pushes one step at a time until the chain ends or the context is full
        click("snowball-play");
        wait.until(d -> written() > 4);
        wait.until(d -> !d.findElements(By.id("snowball-end")).isEmpty());
        assertThat(driver.findElement(By.id("snowball-play")).getText()).isEqualTo("Play");
        assertThat(driver.findElement(By.id("snowball-proof-states")).getText()).contains("Layer 4");
        wait.until(d -> chartHasDrawn("snowball-step-chart"));
        js("document.getElementById('snowball-text').scrollIntoView({block: 'start'})");
        screenshot("snowball-en");

        click("lang-zh");
        wait.until(d -> d.findElement(By.id("snowball-step")).getText().equals("走一步"));
        wait.until(d -> chartHasDrawn("snowball-cache-chart"));
        screenshot("snowball-zh");

        // A 375 px phone: everything in one column, nothing wider than the screen
        driver.manage().window().setSize(new Dimension(375, 812));
        wait.until(d -> chartHasDrawn("snowball-total-chart"));
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        Number chartsTop = (Number) js("return document.getElementById('snowball-charts').getBoundingClientRect().top");
        Number stepTop = (Number) js("return document.getElementById('snowball-step').getBoundingClientRect().top");
        assertThat(chartsTop.doubleValue()).as("charts below the controls").isGreaterThan(stepTop.doubleValue());
        screenshot("snowball-phone");
    }
}
