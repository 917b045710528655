package lab.jielong.labs.scaling.ui;

import lab.jielong.base.ui.BrowserTest;
import lab.jielong.labs.scaling.Counting;
import lab.jielong.labs.scaling.ScalingService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scaling page in a real browser: the three charts draw, switching how N is counted refits and redraws,
 * the page reads in Chinese, and a 375 px phone shows it without sideways scrolling. Saves screenshots.
 */
class ScalingPageIT extends BrowserTest {

    @Autowired
    private ScalingService service;

    @Test
    void theChartsDrawAndSwitchingHowNIsCountedRefits() throws Exception {
        for (Counting c : Counting.values()) {
            service.shippedFit(c).get(5, TimeUnit.MINUTES);
        }
        driver.get(url("/labs/scaling"));
        wait.until(d -> d.findElement(By.id("scaling-chart-compute")));
        waitForVaadin();
        for (String id : new String[] {"scaling-chart-params", "scaling-chart-tokens", "scaling-chart-compute"}) {
            wait.until(d -> chartHasDrawn(id));
        }
        assertThat(driver.findElement(By.id("scaling-fit-source")).getText()).startsWith("Fitted just now")
                .contains("with N counted as all parameters");
        assertThat(driver.findElement(By.id("scaling-constants")).getText()).contains("Chinchilla (published)");
        screenshot("scaling-en");
        js("document.getElementById('scaling-chart-params').scrollIntoView()");
        screenshot("scaling-charts-en");
        Number wide =
                (Number) js("const e = document.querySelector('.jl-scaling'); return e.scrollWidth - e.clientWidth");
        assertThat(wide.intValue()).as("horizontal overflow of the page's content in px").isLessThanOrEqualTo(0);

        // the fit the charts draw: E held at the floor (the default) or E fitted
        String heldE = (String) js("return document.getElementById('scaling-chart-compute').option");
        js("document.getElementById('scaling-variant').scrollIntoView({block: 'center'})");
        driver.findElement(By.cssSelector("#scaling-variant vaadin-radio-button:nth-of-type(1) label")).click();
        waitForVaadin();
        wait.until(d -> !heldE.equals(js("return document.getElementById('scaling-chart-compute').option")));
        wait.until(d -> chartHasDrawn("scaling-chart-compute"));

        String before = (String) js("return document.getElementById('scaling-chart-params').option");
        js("document.getElementById('scaling-counting').scrollIntoView({block: 'center'})");
        driver.findElement(By.cssSelector("#scaling-counting vaadin-radio-button:nth-of-type(2) label")).click();
        waitForVaadin();
        wait.until(d -> driver.findElement(By.id("scaling-fit-source")).getText().contains("without embeddings"));
        String after = (String) js("return document.getElementById('scaling-chart-params').option");
        assertThat(after).isNotEqualTo(before);
        wait.until(d -> chartHasDrawn("scaling-chart-params"));

        driver.findElement(By.id("lang-zh")).click();
        wait.until(d -> d.findElement(By.cssSelector(".jl-title")).getText().equals("接龙实验室"));
        wait.until(d -> driver.findElement(By.id("scaling-fit-source")).getText().contains("刚刚"));
        wait.until(d -> chartHasDrawn("scaling-chart-compute"));
        screenshot("scaling-zh");

        driver.manage().window().setSize(new Dimension(375, 812));
        wait.until(d -> chartHasDrawn("scaling-chart-params"));
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        Number inner =
                (Number) js("const e = document.querySelector('.jl-scaling'); return e.scrollWidth - e.clientWidth");
        assertThat(inner.intValue()).as("horizontal overflow of the page's content in px").isLessThanOrEqualTo(0);
        screenshot("scaling-phone");
        js("document.getElementById('scaling-chart-compute').scrollIntoView()");
        wait.until(d -> chartHasDrawn("scaling-chart-compute"));
        screenshot("scaling-phone-chart");
    }
}
