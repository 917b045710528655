package lab.jielong.base.ui;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The menu in a real browser: made from the routes, beside the page on a wide screen and behind the ☰
 * toggle on a 375 px phone; following an entry changes the page and its title.
 */
class MainLayoutIT extends BrowserTest {

    @Test
    void theMenuIsBesideThePageOnAWideScreenAndBehindTheToggleOnAPhone() throws Exception {
        driver.get(url("/"));
        wait.until(d -> d.findElements(By.cssSelector("#menu vaadin-side-nav-item")).size() >= 2);
        waitForVaadin();
        assertThat(driver.getTitle()).isEqualTo("Idiom chain · Jielong Lab");
        List<WebElement> items = driver.findElements(By.cssSelector("#menu vaadin-side-nav-item"));
        assertThat(items).extracting(WebElement::getText).startsWith("Play", "Guess");
        assertThat(items.get(0).isDisplayed()).isTrue();

        items.get(1).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/guess"));
        wait.until(d -> "Guess the next character · Jielong Lab".equals(d.getTitle()));
        wait.until(d -> !d.findElements(By.id("guess-prefix")).isEmpty());

        driver.manage().window().setSize(new Dimension(375, 812));
        driver.get(url("/"));
        wait.until(d -> d.findElements(By.cssSelector("#play-input input")).size() == 1);
        waitForVaadin();
        assertThat(js("return document.querySelector('vaadin-app-layout').hasAttribute('overlay')"))
                .as("the drawer is an overlay on a phone").isEqualTo(Boolean.TRUE);
        assertThat(itemOnScreen("Guess")).as("hidden until the toggle opens it").isFalse();
        driver.findElement(By.id("menu-toggle")).click();
        wait.until(d -> itemOnScreen("Guess"));
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        screenshot("menu-phone");

        driver.findElements(By.cssSelector("#menu vaadin-side-nav-item")).stream()
                .filter(i -> i.getText().equals("Guess")).findFirst().orElseThrow().click();
        wait.until(d -> d.getCurrentUrl().endsWith("/guess"));
        wait.until(d -> !itemOnScreen("Guess"));
    }

    /** The menu item with this label lies within the 375 px screen (the drawer is open). */
    private boolean itemOnScreen(String label) {
        return Boolean.TRUE.equals(js("""
                const item = [...document.querySelectorAll('#menu vaadin-side-nav-item')]
                    .find(i => i.textContent.trim() === arguments[0]);
                if (!item) return false;
                const r = item.getBoundingClientRect();
                return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;""", label));
    }

    @Test
    void anAddressWithNoPageAndTheErrorPageOfferAWayBackAndThePagesHaveAnIcon() throws Exception {
        driver.get(url("/nonexistent"));
        wait.until(d -> !d.findElements(By.id("not-found")).isEmpty());
        waitForVaadin();
        assertThat(driver.findElement(By.id("not-found")).getText()).contains("This page does not exist")
                .contains("/nonexistent");
        assertThat(driver.getTitle()).isEqualTo("Page not found · Jielong Lab");
        assertThat(driver.findElements(By.cssSelector("#menu vaadin-side-nav-item"))).isNotEmpty();
        driver.findElement(By.id("not-found-home")).click();
        wait.until(d -> d.findElements(By.cssSelector("#play-input input")).size() == 1);
        assertThat(js("""
                return fetch(document.querySelector('link[rel=icon]').href)
                    .then(r => r.ok && r.headers.get('content-type').startsWith('image/'))""")).isEqualTo(Boolean.TRUE);

        driver.get(url("/error"));
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("There is no page here (404")
                .contains("这里没有页面").doesNotContain("Whitelabel");
        driver.findElement(By.linkText("Back to the idiom chain")).click();
        wait.until(d -> d.findElements(By.cssSelector("#play-input input")).size() == 1);
    }

    @Test
    void onAPhoneNoLabelIsCutOff() throws Exception {
        driver.manage().window().setSize(new Dimension(375, 812));
        for (String page : List.of("/", "/guess")) {
            driver.get(url(page));
            wait.until(d -> !d.findElements(By.cssSelector("label[slot=label]")).isEmpty());
            waitForVaadin();
            // a label is cut off (with an ellipsis) when its part is narrower than its text
            Object cut = js("""
                    const cut = [];
                    for (const field of document.querySelectorAll('vaadin-text-field, vaadin-select')) {
                        if (field.offsetParent === null) continue;
                        const label = field.shadowRoot.querySelector('[part=label]');
                        if (label && label.scrollWidth > label.clientWidth + 1) cut.push(field.label);
                        const value = field.querySelector('vaadin-select-value-button vaadin-select-item');
                        if (value && value.scrollWidth > value.clientWidth + 1) cut.push(value.textContent.trim());
                    }
                    return cut.join(' | ');""");
            assertThat(cut).as("labels cut off on " + page).isEqualTo("");
        }
        screenshot("guess-phone");
    }
}
