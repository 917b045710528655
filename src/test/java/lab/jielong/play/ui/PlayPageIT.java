package lab.jielong.play.ui;

import lab.jielong.base.ui.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** The Play page in a real browser: the frame loads and the side panel's chart draws pixels. */
class PlayPageIT extends BrowserTest {

    @Test
    void pageLoadsAndChartDraws() throws Exception {
        driver.get(url("/"));
        wait.until(d -> !d.findElements(By.cssSelector("#peek-chart canvas")).isEmpty());
        wait.until(d -> chartHasDrawn("peek-chart"));
        assertThat(driver.findElement(By.cssSelector(".jl-title")).getText()).isEqualTo("Jielong Lab");
        screenshot("play-en");

        driver.findElement(By.id("lang-zh")).click();
        wait.until(d -> d.findElement(By.cssSelector(".jl-title")).getText().equals("接龙实验室"));
        wait.until(d -> chartHasDrawn("peek-chart"));
        screenshot("play-zh");
    }
}
