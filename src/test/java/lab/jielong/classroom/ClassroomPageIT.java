package lab.jielong.classroom;

import lab.jielong.base.ui.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workshop in real browsers: the leader's page at desktop size, an attendee's page in a second browser
 * (its own cookies, so its own session) at 375 px, and five more attendees simulated through the service, as
 * Play and Guess will report. Server push must carry the leader's preset to the phone and the room's counts to
 * the leader's charts. Saves screenshots to target/screenshots/.
 */
class ClassroomPageIT extends BrowserTest {

    @Autowired
    private ClassroomService classroom;
    private WebDriver phone;

    @AfterEach
    void closePhone() {
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void aLeaderAndAttendeesInRealBrowsers() throws Exception {
        driver.get(url("/classroom"));
        wait.until(d -> d.findElement(By.id("room-open"))).click();
        String code = wait.until(d -> {
            String text = d.findElement(By.id("room-code")).getText();
            return text.isBlank() ? null : text;
        });
        assertThat(code).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}");
        wait.until(d -> Boolean.TRUE
                .equals(js("const i = document.getElementById('room-qr'); return i.complete && i.naturalWidth > 0")));

        // an attendee on a phone opens the join link
        phone = phoneBrowser();
        WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(60));
        // a real phone's viewport: headless Chromium's windows are never narrower than 500 px
        ((ChromeDriver) phone).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
        phone.get(url("/join/" + code));
        phoneWait.until(d -> d.findElement(By.id("join-room")).getText().contains(code));
        assertThat(((Number) ((JavascriptExecutor) phone).executeScript("return window.innerWidth")).intValue())
                .as("the phone's viewport, CSS px").isEqualTo(375);
        assertThat(phone.findElement(By.id("join-preset")).getText()).startsWith("Your leader has not chosen");

        // five more attendees, on pages that report through the service
        for (int i = 0; i < 5; i++) {
            Seat seat = classroom.join(code).seat().orElseThrow();
            classroom.record(seat, ClassroomEvent.move("一心一意", ClassroomEvent.Player.ATTENDEE, true));
            classroom.record(seat,
                    ClassroomEvent.move(i % 2 == 0 ? "意气风发" : "意味深长", ClassroomEvent.Player.MODEL, true));
            classroom.record(seat,
                    ClassroomEvent.gameOver(i < 3 ? ClassroomEvent.Player.MODEL : ClassroomEvent.Player.ATTENDEE));
            classroom.record(seat, ClassroomEvent.guessRound(i % 2 == 0, i < 2));
            if (i == 0) {
                classroom.record(seat, ClassroomEvent.trainingStarted());
            }
        }
        wait.until(d -> d.findElement(By.id("room-people")).getText().startsWith("Present: 6 "));
        for (String chart : List.of("chart-moves", "chart-idioms", "chart-games", "chart-guesses", "chart-training")) {
            wait.until(d -> chartHasDrawn(chart));
        }
        assertThat(driver.findElement(By.id("chart-games-summary")).getText())
                .isEqualTo("The model won 60% of 5 finished games.");

        // the leader locks a preset (Play with the form's defaults); the phone hears it without a reload
        driver.findElement(By.cssSelector("#preset-lock input")).click();
        driver.findElement(By.id("preset-push")).click();
        phoneWait.until(d -> d.findElement(By.id("join-preset")).getText().startsWith("Play: Same character, Easy"));
        assertThat(phone.findElement(By.id("join-locked")).isDisplayed()).isTrue();
        Number overflow = (Number) ((JavascriptExecutor) phone).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow on the phone, px").isLessThanOrEqualTo(0);
        phoneShot("classroom-join-phone");
        driver.manage().window().setSize(new Dimension(1280, 1700));   // the whole room in one picture
        wait.until(d -> chartHasDrawn("chart-training"));
        screenshot("classroom-leader-en");

        driver.findElement(By.id("lang-zh")).click();
        wait.until(d -> d.findElement(By.id("chart-games-summary")).getText().startsWith("已结束的 5 局里"));
        wait.until(d -> chartHasDrawn("chart-games"));
        screenshot("classroom-leader-zh");

        // the leader's page on a phone still fits
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
        wait.until(d -> ((Number) js("return window.innerWidth")).intValue() == 375);
        wait.until(d -> chartHasDrawn("chart-moves"));
        Number leaderOverflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(leaderOverflow.intValue()).as("horizontal overflow of the leader's page at 375 px")
                .isLessThanOrEqualTo(0);

        // the attendee follows the preset to Play
        phone.findElement(By.id("join-open")).click();
        phoneWait.until(d -> d.getCurrentUrl().contains("mode=char") && !d.findElements(By.id("play-input")).isEmpty());
        classroom.closeRoom(code);
    }

    private WebDriver phoneBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=375,812", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .build();
        return new ChromeDriver(service, options);
    }

    private void phoneShot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) phone).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
