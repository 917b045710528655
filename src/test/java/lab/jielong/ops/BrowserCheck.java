package lab.jielong.ops;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A real headless Chromium (Debian's) opening the Play page and playing one move, during the load test. */
final class BrowserCheck {

    interface Recorder {
        void record(String what, long nanos);
    }

    private BrowserCheck() {
    }

    /** Empty when the page loaded and the model answered; otherwise what went wrong ("skipped: …" without Chromium). */
    static Optional<String> playOneMove(URI base, String idiom, Recorder recorder) {
        String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String driverBinary = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(binary)) || !Files.isExecutable(Path.of(driverBinary))) {
            return Optional.of("skipped: no Chromium (" + binary + ", " + driverBinary + ")");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--window-size=1280,900", "--lang=en-US");
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverBinary)).build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
            long start = System.nanoTime();
            driver.get(base.toString());
            wait.until(d -> !d.findElements(By.cssSelector("#play-input input")).isEmpty()
                    && d.findElement(By.cssSelector("#play-input input")).isEnabled());
            recorder.record("browser page ready", System.nanoTime() - start);
            driver.findElement(By.cssSelector("#play-input input")).sendKeys(idiom);
            long move = System.nanoTime();
            driver.findElement(By.id("play-play")).click();
            wait.until(d -> d.findElements(By.cssSelector("#play-history > *")).size() >= 2);
            recorder.record("browser answer shown", System.nanoTime() - move);
            String history = driver.findElement(By.id("play-history")).getText();
            return history.contains(idiom) ? Optional.empty()
                    : Optional.of("the move is not in the history: " + history);
        } catch (RuntimeException e) {
            return Optional.of(e.toString().lines().findFirst().orElse(e.toString()));
        } finally {
            driver.quit();
        }
    }
}
