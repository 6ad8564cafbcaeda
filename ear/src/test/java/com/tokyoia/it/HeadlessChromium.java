package com.tokyoia.it;

import com.tokyoia.testing.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through its chromedriver (./tokyo-ia test installs both;
 * override the paths with -Dtokyoia.test.chromium and -Dtokyoia.test.chromedriver). Flags as this
 * machine needs them: no sandbox as root, and no background networking, which a closed network
 * refuses. The browser runs on the real clock even in the faketime run: only the server's time is
 * under test.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Long enough for the first load of the admin console (a large single-page application) on a busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start() throws IOException {
        Path chromium = Path.of(System.getProperty("tokyoia.test.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("tokyoia.test.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new IllegalStateException("the browser tests need " + chromium + " and " + chromedriver
                    + ": run them with ./tokyo-ia test, which installs them, or apt-get install chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("tokyoia-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1400",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .withEnvironment(Map.of("LD_PRELOAD", "", "FAKETIME", "")).build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    WebDriver driver() {
        return driver;
    }

    /** Waits until the element is there and clickable, then clicks it (again if the page redrew it meanwhile). */
    void click(By element) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class)
                .until(d -> {
                    WebElement clickable = ExpectedConditions.elementToBeClickable(element).apply(d);
                    if (clickable == null) {
                        return false;
                    }
                    clickable.click();
                    return true;
                });
    }

    /** Answers the dashboard's sign-in dialog, which opens when its first call to the API is refused with a 401. */
    void signIn(Http.User user) {
        WebElement name = visible(By.id("login-user"));
        name.clear();
        name.sendKeys(user.name());
        driver.findElement(By.id("login-password")).sendKeys(user.password());
        click(By.id("login-submit"));
    }

    WebElement visible(By element) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    /** Waits until the elements' text contains the text; returns their text. */
    String awaitText(By element, String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            try {
                seen = String.join("\n", driver.findElements(element).stream().map(WebElement::getText).toList());
            } catch (StaleElementReferenceException e) {
                seen = "";  // the page was replaced under us (a redirect, a reload): look again
            }
            if (seen.contains(text)) {
                return seen;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("'" + text + "' not shown within " + limit.toSeconds() + " s; the page showed: " + seen);
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
