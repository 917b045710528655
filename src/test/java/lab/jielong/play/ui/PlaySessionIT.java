package lab.jielong.play.ui;

import lab.jielong.base.ui.BrowserTest;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor whose session ended (it expired, or the server restarted: either way the tab comes back to a new
 * session) finds their game again, from the tab's own copy, and is told what happened. The server's sessions are
 * expired as their timeout would, then the tab reloads.
 */
class PlaySessionIT extends BrowserTest {

    @Autowired
    private ServletWebServerApplicationContext server;

    @Test
    void aNewSessionGetsTheTabsGameBackAndSaysWhy() {
        driver.get(url("/"));
        WebElement input = wait.until(d -> d.findElement(By.cssSelector("#play-input input")));
        input.sendKeys("一心一意", Keys.ENTER);
        wait.until(d -> idioms().size() >= 2 && d.findElements(By.cssSelector("#play-streaming > *")).isEmpty());
        waitForVaadin();
        List<String> before = idioms();

        expireEverySession();                                   // as the server does after the session timeout
        driver.navigate().refresh();
        wait.until(d -> status().contains("Your session had ended"));
        waitForVaadin();
        assertThat(idioms()).isEqualTo(before);

        input = driver.findElement(By.cssSelector("#play-input input"));     // and the game goes on
        String last = before.get(before.size() - 1);
        input.sendKeys(String.valueOf(last.charAt(3)), Keys.ENTER);           // refused (one character), politely
        wait.until(d -> status().contains("four"));
    }

    /** Ends every HTTP session on the server (the Vaadin sessions with them), as their timeout would. */
    private void expireEverySession() {
        TomcatWebServer web = (TomcatWebServer) server.getWebServer();
        for (Container host : web.getTomcat().getEngine().findChildren()) {
            for (Container context : host.findChildren()) {
                for (Session session : ((Context) context).getManager().findSessions()) {
                    session.expire();
                }
            }
        }
    }

    /** The history's idioms, read in one go (the page redraws its rows, so elements found earlier go stale). */
    @SuppressWarnings("unchecked")
    private List<String> idioms() {
        return (List<String>) js("return Array.from(document.querySelectorAll('#play-history .jl-move .jl-idiom'))"
                + ".map(e => e.textContent)");
    }

    private String status() {
        Object text = js("const s = document.getElementById('play-status'); return s ? s.textContent : ''");
        return text == null ? "" : text.toString();
    }
}
