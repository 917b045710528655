package lab.jielong.base.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the browser tests: the whole application on a random port, driven by Debian's headless
 * Chromium ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; {@code .ci/run} installs both).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BrowserTest {

    /** Screenshots land here; the ones shown in the README are copied to docs/. */
    protected static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    private int port;
    protected WebDriver driver;
    protected WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        driver = browser(options -> {
        });
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    /** A new headless Chromium, with {@code extra} options on top of the usual ones. */
    protected static WebDriver browser(Consumer<ChromeOptions> extra) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.WARNING);
        options.setCapability("goog:loggingPrefs", logs);
        extra.accept(options);
        return new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser(TestInfo test) throws IOException {
        if (driver != null) {
            screenshot("last-" + test.getTestMethod().map(m -> m.getName()).orElse("test"));   // for a failure
            List<String> refused = new ArrayList<>();
            driver.manage().logs().get(LogType.BROWSER).forEach(e -> {
                System.out.println("[browser] " + e);
                String m = e.getMessage();
                // a frame-ancestors refusal is the allow-list at work (EmbedMessagesIT's stranger), not a broken page
                if ((m.contains("Content Security Policy") || m.contains("Permissions-Policy"))
                        && !m.contains("frame-ancestors")) {
                    refused.add(m);
                }
            });
            driver.quit();
            // the security headers (embed.EmbedHeadersFilter) must let every page work: nothing refused by them
            assertThat(refused).as("the browser refused something under the security headers").isEmpty();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until Vaadin has finished its round trips, so the page shows the server's latest state. */
    protected void waitForVaadin() {
        wait.until(d -> Boolean.TRUE.equals(js(
                "return !!window.Vaadin && !!window.Vaadin.Flow && Object.values(window.Vaadin.Flow.clients || {})"
                        + ".every(c => !c.isActive || !c.isActive())")));
    }

    /** True once the canvas inside the element with this id has at least one non-transparent pixel. */
    protected boolean chartHasDrawn(String id) {
        return Boolean.TRUE.equals(js("""
                const c = document.querySelector('#' + arguments[0] + ' canvas');
                if (!c || c.width === 0 || c.height === 0) return false;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
                return false;""", id));
    }

    protected Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
