package lab.jielong.embed.ui;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/embed.html, the demo of the three ways to embed, in a real browser from another site (the page at
 * http://localhost:P2, the app at http://127.0.0.1:P1): the iframe reports its events, the custom element
 * plays a round and fires DOM events, and the API answers the page's fetch calls.
 */
class EmbedDemoIT extends CrossSiteBrowserTest {

    @Test
    void theDemoPageShowsAllThreeWaysWorking() throws Exception {
        driver.get(host("/docs/embed.html?app=" + app("")));

        // 1. The iframe says it is ready, from the app's origin.
        wait.until(d -> events("frame").stream().anyMatch(e -> "jielong:ready".equals(e.get("type"))));
        assertThat(driver.findElement(By.id("frame-log")).getText()).contains("\"type\":\"jielong:ready\"");

        // 2. The custom element renders the guess widget with the prompt from its attribute; a guess fires events.
        WebElement element = driver.findElement(By.id("demo-element"));
        SearchContext inside = wait.until(d -> element.getShadowRoot());
        WebElement shown = wait.until(d -> inside.findElements(By.cssSelector("#guess-shown")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        wait.until(d -> "一心一 ？".equals(shown.getText()));
        WebElement guess = inside.findElement(By.cssSelector("#guess-input input"));
        guess.sendKeys("意", Keys.ENTER);
        Map<String, Object> move = wait.until(d -> events("element").stream()
                .filter(e -> "jielong:move".equals(e.get("type"))).findFirst().orElse(null));
        assertThat(move).containsEntry("widget", "guess").containsEntry("prefix", "一心一").containsEntry("guess", "意")
                .containsEntry("v", 1L);
        wait.until(d -> events("element").stream().anyMatch(e -> "jielong:score".equals(e.get("type"))));
        assertThat(driver.findElement(By.id("element-log")).getText()).contains("jielong:move");

        // 3. The API, called from this page.
        driver.findElement(By.id("api-idiom")).click();
        wait.until(d -> d.findElement(By.id("api-output")).getText().contains("→ 200"));
        assertThat(driver.findElement(By.id("api-output")).getText()).contains("\"pinyin\": \"yī xīn yī yì\"");
        driver.findElement(By.id("api-next")).click();
        wait.until(d -> d.findElement(By.id("api-output")).getText().contains("POST /api/v1/next-char → 200"));
        assertThat(driver.findElement(By.id("api-output")).getText()).contains("\"top\"");
        WebElement text = driver.findElement(By.id("api-text"));
        text.clear();
        text.sendKeys("我们回家");
        driver.findElement(By.id("api-idiom")).click();
        wait.until(d -> d.findElement(By.id("api-output")).getText().contains("→ 404"));
        assertThat(driver.findElement(By.id("api-output")).getText()).contains("\"code\": \"UNKNOWN_IDIOM\"");
        screenshot("embed-demo");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String source) {
        return (List<Map<String, Object>>) js("return (window.jielongEvents || {})[arguments[0]] || []", source);
    }
}
