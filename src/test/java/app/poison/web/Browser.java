package app.poison.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven through {@code /usr/bin/chromedriver}, with its console and
 * DevTools network log readable by the test.
 */
final class Browser implements AutoCloseable {
  static final Dimension PHONE = new Dimension(390, 844);
  static final Dimension DESKTOP = new Dimension(1366, 768);
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private static final String A11Y_CHECK = resource("/web/a11y-check.js");

  final ChromeDriver driver;
  private final Path profile;
  private final String baseUrl;

  Browser(int port) {
    requireInstalled();
    this.baseUrl = "http://127.0.0.1:" + port + "/";
    try {
      profile = Files.createTempDirectory("poison-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--lang=ko-KR", "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  /** Fails with one line saying how to get Chromium, rather than with the driver's stack trace. */
  private static void requireInstalled() {
    List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(file -> !Files.isExecutable(Path.of(file))).toList();
    if (!missing.isEmpty()) {
      throw new NotInstalled("Browser tests need Chromium; missing " + String.join(", ", missing)
          + ". Run scripts/test.sh, or: apt-get install -y chromium chromium-driver fonts-nanum");
    }
  }

  /** An assertion failure that is its message alone: where it was thrown says nothing more. */
  private static final class NotInstalled extends AssertionError {
    NotInstalled(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** Opens a hash route ("#/plants") with the given viewport, from a fresh page load. */
  void open(String hashRoute, Dimension size) {
    resize(size);
    driver.get(baseUrl + hashRoute);
  }

  /** Exactly this viewport (a headless window's size includes invisible browser chrome); phones are mobile. */
  void resize(Dimension size) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", size.width, "height", size.height, "deviceScaleFactor", 1, "mobile", size.equals(PHONE)));
  }

  void reload() {
    driver.navigate().refresh();
  }

  <T> T await(ExpectedCondition<T> condition) {
    return await(condition, Duration.ofSeconds(30));
  }

  <T> T await(ExpectedCondition<T> condition, Duration timeout) {
    return new WebDriverWait(driver, timeout).until(condition);
  }

  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Saves a PNG under target/screenshots/ (looked at by people, not compared). */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Console errors since the last call (reading the log empties it). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  void assertNoConsoleErrors() {
    assertEquals(List.of(), consoleErrors(), "console errors");
  }

  /** Fails on text contrast below 4.5:1, images without alt and unnamed controls on the current page. */
  void assertAccessible() {
    assertEquals(List.of(), script(A11Y_CHECK), "accessibility problems");
  }

  private static String resource(String name) {
    try (var in = Browser.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
