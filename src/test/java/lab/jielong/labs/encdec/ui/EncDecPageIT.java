package lab.jielong.labs.encdec.ui;

import lab.jielong.base.ui.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder-decoder lab in a real browser: an idiom typed and played, the three attention heatmaps and the
 * results charts drawn, the page in Chinese, and a 375 px phone without sideways scrolling. Saves screenshots.
 */
class EncDecPageIT extends BrowserTest {

    private static final String[] CHARTS = {"encdec-encoder-chart", "encdec-cross-chart", "encdec-decoder-chart",
            "encdec-validity-chart", "encdec-loss-chart", "encdec-flops-chart", "encdec-consistency-chart"};

    private String text(String id) {
        return (String) js("const e = document.getElementById(arguments[0]); return e ? e.textContent : ''", id);
    }

    @Test
    void playAnIdiomAndSeeBothArchitectures() throws Exception {
        driver.get(url("/labs/encdec"));
        wait.until(d -> d.findElement(By.id("encdec-move-encdec")));
        waitForVaadin();
        WebElement input = driver.findElement(By.cssSelector("#encdec-input input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "守株待兔", Keys.ENTER);
        waitForVaadin();
        wait.until(d -> text("encdec-move-decoder").contains("You: 守株待兔"));
        for (String id : CHARTS) {
            js("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", id);
            wait.until(d -> chartHasDrawn(id));
        }
        assertThat(text("encdec-stages")).contains("▸守株待兔｜");
        js("document.querySelector('.jl-encdec').scrollIntoView()");
        screenshot("encdec-en");
        js("document.getElementById('encdec-attention').scrollIntoView()");
        screenshot("encdec-attention-en");
        js("document.getElementById('encdec-efficiency').scrollIntoView()");
        screenshot("encdec-efficiency-en");
        js("document.getElementById('encdec-consistency').scrollIntoView()");
        screenshot("encdec-consistency-en");

        driver.findElement(By.id("lang-zh")).click();
        wait.until(d -> d.findElement(By.cssSelector(".jl-title")).getText().equals("接龙实验室"));
        js("document.querySelector('.jl-encdec').scrollIntoView()");
        wait.until(d -> text("encdec-move-decoder").contains("你：守株待兔"));
        js("document.querySelector('.jl-encdec').scrollIntoView()");
        screenshot("encdec-zh");

        driver.manage().window().setSize(new Dimension(375, 812));
        for (String id : CHARTS) {
            js("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", id);
            wait.until(d -> chartHasDrawn(id));
        }
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        Number inner =
                (Number) js("const e = document.querySelector('.jl-encdec'); return e.scrollWidth - e.clientWidth");
        assertThat(inner.intValue())
                .as("horizontal overflow of the page's content in px; too wide: %s",
                        js("""
                                const out = [];
                                for (const e of document.querySelectorAll('.jl-encdec *')) {
                                  const r = e.getBoundingClientRect();
                                  if (r.right > window.innerWidth + 1 && r.width > 0) out.push(e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(r.right) + ' in '
                                      + e.parentElement.tagName + '#' + e.parentElement.id + '.' + e.parentElement.className + ' < '
                                      + e.parentElement.parentElement.tagName + '#' + e.parentElement.parentElement.id + ' "'
                                      + e.textContent.slice(0, 40) + '" ' + getComputedStyle(e).whiteSpace);
                                }
                                return out.slice(0, 12).join(' | ');"""))
                .isLessThanOrEqualTo(0);
        js("document.querySelector('.jl-encdec').scrollIntoView()");
        screenshot("encdec-phone");
        js("document.getElementById('encdec-cross-chart').scrollIntoView()");
        screenshot("encdec-phone-cross");
        js("document.getElementById('encdec-stages').scrollIntoView()");
        screenshot("encdec-phone-stages");
    }
}
