package lab.jielong.guide.ui;

import lab.jielong.base.ui.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide in a real browser: it opens, and each of its links, clicked, leads to a page of this application that
 * renders (its own element appears, never the not-found page). All the pages it links to exist on this branch
 * (Play, Guess, the snowball, training, scaling and encoder-decoder labs). On a 375 px phone nothing scrolls
 * sideways. Saves screenshots.
 */
class GuideIT extends BrowserTest {

    /** An element each linked page draws once it has rendered. */
    private static final Map<String, String> RENDERED = Map.of(
            "", "peek-panel",
            "guess", "guess-prefix",
            "labs/training", "training-start",
            "labs/encdec", "encdec-move-encdec",
            "labs/scaling", "scaling-chart-params",
            "labs/snowball", "snowball-prompt");

    private void openGuide() {
        driver.get(url("/guide"));
        wait.until(d -> d.findElement(By.id("guide-domains")));
        waitForVaadin();
    }

    @Test
    void everyLinkLeadsToAPageThatRenders() throws Exception {
        openGuide();
        screenshot("guide-en");
        List<String> routes = driver.findElements(By.cssSelector("a.jl-guide-link")).stream()
                .map(a -> a.getAttribute("data-route")).toList();
        assertThat(routes).containsExactlyElementsOf(GuideView.routes());
        for (int i = 0; i < routes.size(); i++) {
            String route = routes.get(i);
            if (i > 0) {
                openGuide();
            }
            WebElement link = driver.findElements(By.cssSelector("a.jl-guide-link")).get(i);
            js("arguments[0].scrollIntoView({block: 'center'})", link);
            link.click();
            String id = RENDERED.get(route);
            assertThat(id).as("a known page for '" + route + "'").isNotNull();
            wait.until(d -> !d.findElements(By.id(id)).isEmpty());
            waitForVaadin();
            assertThat(driver.findElements(By.id("not-found"))).as(route).isEmpty();
            String path = (String) js("return window.location.pathname");
            assertThat(path).as("clicked '" + route + "'").isEqualTo("/" + route);
        }

        openGuide();
        driver.findElement(By.id("lang-zh")).click();
        wait.until(d -> d.findElement(By.cssSelector(".jl-title")).getText().equals("接龙实验室"));
        wait.until(d -> ((String) js("return document.getElementById('guide-consistency').textContent"))
                .contains("边想边写"));
        screenshot("guide-zh");
        driver.manage().window().setSize(new Dimension(375, 812));
        waitForVaadin();
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        Number inner =
                (Number) js("const e = document.querySelector('.jl-guide'); return e.scrollWidth - e.clientWidth");
        assertThat(inner.intValue()).as("horizontal overflow of the guide in px").isLessThanOrEqualTo(0);
        js("document.getElementById('guide-consistency').scrollIntoView()");
        screenshot("guide-phone");
    }
}
