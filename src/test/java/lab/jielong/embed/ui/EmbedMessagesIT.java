package lab.jielong.embed.ui;

import lab.jielong.corpus.IdiomCorpus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The postMessage contract in a real browser, with the host page on another site (localhost vs 127.0.0.1):
 * {@code jielong:ready}, moves, score and the end of the game arrive at the allowed host from the app's origin,
 * versioned, with xAPI statements when asked for, and Canvas's {@code lti.frameResize}; the session survives the
 * cross-site frame (the moves need it); a host that is not on the allow-list cannot frame the page and hears nothing.
 */
class EmbedMessagesIT extends CrossSiteBrowserTest {

    @Autowired
    private IdiomCorpus corpus;

    @Test
    void anAllowedHostOnAnotherSiteReceivesTheGamesEvents() {
        PAGES.put("/play.html", hostPage(app("/embed/play?lang=en&xapi=true&hide=footer")));
        driver.get(host("/play.html"));
        Map<String, Object> ready = waitForEvent("jielong:ready");
        assertThat(ready.get("v")).isEqualTo(1L);
        assertThat(ready.get("widget")).isEqualTo("play");
        assertThat(ready.get("url")).isEqualTo(app("/embed/play"));
        assertThat(((Map<?, ?>) ready.get("state")).get("lang")).isEqualTo("en");
        assertThat(originsOfEvents()).containsOnly(app(""));
        Map<String, Object> resize = waitFor(m -> "lti.frameResize".equals(m.get("subject")));
        assertThat(((Number) resize.get("height")).intValue()).isPositive();

        WebElement frame = driver.findElement(By.id("frame"));
        driver.switchTo().frame(frame);
        WebElement input = wait.until(d -> d.findElement(By.cssSelector("#play-input input")));
        waitForVaadin();
        input.sendKeys("一心一意", Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#play-history .jl-move")).size() >= 2
                && d.findElements(By.cssSelector("#play-streaming > *")).isEmpty());
        assertThat(js("return window.jielongSession")).as("the session cookie came back").isEqualTo(Boolean.TRUE);
        assertThat(driver.findElements(By.id("cookie-notice"))).isEmpty();
        driver.switchTo().defaultContent();

        Map<String, Object> mine = waitFor(m -> "jielong:move".equals(m.get("type")) && "you".equals(m.get("side")));
        assertThat(mine).containsEntry("text", "一心一意").containsEntry("valid", true).containsEntry("v", 1L);
        Map<?, ?> xapi = (Map<?, ?>) mine.get("xapi");
        assertThat(((Map<?, ?>) xapi.get("verb")).get("id")).isEqualTo("http://adlnet.gov/expapi/verbs/answered");
        assertThat(((Map<?, ?>) xapi.get("result")).get("response")).isEqualTo("一心一意");
        assertThat(((Map<?, ?>) ((Map<?, ?>) xapi.get("actor")).get("account")).get("name").toString())
                .startsWith("anonymous-");
        Map<String, Object> reply = waitFor(m -> "jielong:move".equals(m.get("type")) && "model".equals(m.get("side")));
        String text = reply.get("text").toString();
        assertThat(text).startsWith("意");
        assertThat(corpus.contains(text)).isTrue();
        assertThat(((Number) reply.get("probability")).doubleValue()).isBetween(0.0, 1.0);
        Map<String, Object> score = waitFor(m -> "jielong:score".equals(m.get("type")));
        assertThat(((Number) score.get("points")).intValue()).isPositive();

        driver.switchTo().frame(driver.findElement(By.id("frame")));
        driver.findElement(By.id("play-give-up")).click();
        driver.switchTo().defaultContent();
        Map<String, Object> over = waitForEvent("jielong:gameOver");
        assertThat(over).containsEntry("winner", "model").containsEntry("reason", "GAVE_UP");
        assertThat(((Map<?, ?>) ((Map<?, ?>) over.get("xapi")).get("verb")).get("id"))
                .isEqualTo("http://adlnet.gov/expapi/verbs/completed");
        assertThat(originsOfEvents()).containsOnly(app(""));
    }

    @Test
    void theGuessWidgetReportsGuessesAndTheHostCanAskForTheHeight() {
        PAGES.put("/guess.html", hostPage(app("/embed/guess?lang=zh&prompt=%E4%B8%80%E5%BF%83%E4%B8%80&hide=steps")));
        driver.get(host("/guess.html"));
        waitForEvent("jielong:ready");
        driver.switchTo().frame(driver.findElement(By.id("frame")));
        WebElement guess = wait.until(d -> d.findElement(By.cssSelector("#guess-input input")));
        waitForVaadin();
        assertThat(driver.findElement(By.id("guess-shown")).getText()).isEqualTo("一心一 ？");
        guess.sendKeys("意", Keys.ENTER);
        wait.until(d -> !d.findElements(By.cssSelector("#guess-result p")).isEmpty());
        driver.switchTo().defaultContent();
        Map<String, Object> move = waitFor(m -> "jielong:move".equals(m.get("type")));
        assertThat(move).containsEntry("widget", "guess").containsEntry("prefix", "一心一").containsEntry("guess", "意")
                .containsEntry("right", true);
        assertThat(move).doesNotContainKey("xapi");
        Map<String, Object> score = waitForEvent("jielong:score");
        assertThat(score).containsEntry("you", 1L).containsEntry("rounds", 1L);

        int before = events().size();
        js("document.getElementById('frame').contentWindow.postMessage(JSON.stringify({subject: 'lti.frameResize'}), arguments[0])",
                app(""));
        wait.until(d -> events().subList(before, events().size()).stream()
                .anyMatch(e -> "lti.frameResize".equals(data(e).get("subject"))));
    }

    @Test
    void aHostNotOnTheListCannotFrameThePageAndHearsNothing() throws Exception {
        PAGES.put("/stranger.html", hostPage(app("/embed/play?lang=en")));
        driver.get(stranger("/stranger.html"));
        Thread.sleep(Duration.ofSeconds(4).toMillis());            // time for a ready message that must not come
        assertThat(events()).isEmpty();
        Boolean loaded = (Boolean) js("try { return !!document.getElementById('frame').contentWindow.jielongEmbed; }"
                + " catch (e) { return false; }");
        assertThat(loaded).isFalse();
    }

    @Test
    void aBrowserThatRefusesTheCookieIsToldSoAndOfferedANewTab() throws Exception {
        driver.quit();
        // Chromium keeps partitioned cookies even when third-party cookies are blocked (that is what Partitioned
        // is for), so a browser that refuses the session cookie, as Safari does in a cross-site frame, is made by
        // refusing cookies altogether.
        driver = browser(options -> options.setExperimentalOption("prefs",
                Map.of("profile.default_content_setting_values.cookies", 2)));
        wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(60));
        PAGES.put("/refused.html", hostPage(app("/embed/play?lang=en")));
        driver.get(host("/refused.html"));
        WebElement frame = wait.until(d -> d.findElement(By.id("frame")));
        driver.switchTo().frame(frame);
        WebElement notice = wait.until(d -> d.findElement(By.id("cookie-notice")));
        assertThat(notice.getText()).contains("blocks third-party cookies");
        WebElement link = notice.findElement(By.tagName("a"));
        assertThat(link.getAttribute("target")).isEqualTo("_blank");
        assertThat(link.getAttribute("href")).startsWith(app("/embed/play"));
    }

    @Test
    void darkColoursFillThePageAndTheChartDraws() throws Exception {
        driver.get(app("/embed/peek?theme=dark&lang=zh&idiom=%E4%B8%80%E5%BF%83%E4%B8%80%E6%84%8F"));
        wait.until(d -> chartHasDrawn("peek-chart"));
        waitForVaadin();
        for (String element : List.of("document.documentElement", "document.querySelector('.jl-embed')")) {
            Number lightness = (Number) js("""
                    const c = getComputedStyle(%s).backgroundColor.match(/\\d+(\\.\\d+)?/g).map(Number);
                    return (Math.max(c[0], c[1], c[2]) + Math.min(c[0], c[1], c[2])) / 2 / 255;""".formatted(element));
            assertThat(lightness.doubleValue()).as("background lightness of " + element).isLessThan(0.3);
        }
        assertThat(driver.findElement(By.id("peek-exchange")).getText()).startsWith("解码器用「");
        screenshot("embed-peek-dark");
    }

    /** A host page with the app in a frame, recording every message with its origin. */
    static String hostPage(String src) {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"></head><body>
                <iframe id="frame" src="%s" style="width:960px;height:760px;border:0"></iframe>
                <script>
                  window.events = [];
                  window.addEventListener('message', (e) => window.events.push({ origin: e.origin, data: e.data }));
                </script></body></html>"""
                .formatted(src);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events() {
        return (List<Map<String, Object>>) js("return window.events || []");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        Object data = event.get("data");
        return data instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private List<String> originsOfEvents() {
        return events().stream().map(e -> e.get("origin").toString()).distinct().toList();
    }

    private Map<String, Object> waitForEvent(String type) {
        return waitFor(m -> type.equals(m.get("type")));
    }

    private Map<String, Object> waitFor(java.util.function.Predicate<Map<String, Object>> test) {
        return wait.until(d -> events().stream().map(EmbedMessagesIT::data).filter(test).findFirst().orElse(null));
    }
}
