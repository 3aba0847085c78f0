package dev.rewind.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the console, driven through Debian's chromedriver (paths from
 * {@code rewind.test.chromium} and {@code rewind.test.chromedriver}; Selenium never downloads a browser).
 */
public final class Browser implements AutoCloseable {

    public static final String CONSOLE = Http.BASE + "/rewind/console/";
    private static final Path SHOTS = Path.of("target", "console-screenshots");

    private final WebDriver driver;

    public Browser() {
        String chromium = System.getProperty("rewind.test.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("rewind.test.chromedriver", "/usr/bin/chromedriver");
        if (!new File(chromium).canExecute() || !new File(chromedriver).canExecute()) {
            throw new IllegalStateException("ConsoleIT needs " + chromium + " and " + chromedriver
                    + ": install Debian's chromium and chromium-driver (bash .ci/chromium)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a page of the console ("#/entries/…"). */
    public void open(String fragment) {
        driver.get(CONSOLE + fragment);
    }

    /** Logs in through the page's own form, with the keyboard (Enter submits). */
    public void logIn(String user) {
        open("");
        script("sessionStorage.clear()");
        log(); // what earlier pages logged is theirs
        driver.navigate().refresh();
        WebElement name = waitFor(By.id("login-user"));
        name.sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(Http.password(user), Keys.ENTER);
        waitUntil("logged in as " + user, d -> d.findElement(By.id("who")).getText().startsWith(user));
    }

    /** Gives an action form its reason and submits it, as a person does. */
    public void submit(WebElement form, String reason) {
        form.findElement(By.cssSelector("textarea[name=reason]")).sendKeys(reason);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    public WebElement waitFor(By by) {
        return wait(Duration.ofSeconds(30)).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    public <T> T waitUntil(String what, ExpectedCondition<T> condition) {
        return waitUntil(what, Duration.ofSeconds(30), condition);
    }

    public <T> T waitUntil(String what, Duration timeout, ExpectedCondition<T> condition) {
        WebDriverWait wait = wait(timeout);
        wait.withMessage(() -> what + "; page text: " + text() + "; browser log: " + log());
        return wait.until(condition);
    }

    private WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the page shows as target/console-screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Path file = SHOTS.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }

    /** What the page wrote to its console since the last call (errors of its scripts, refused content). */
    public String log() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
                    .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(no browser log: " + e + ")";
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
