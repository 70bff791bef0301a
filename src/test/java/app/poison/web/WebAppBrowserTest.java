package app.poison.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.Await;
import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.training.TestModels;
import app.poison.training.TinyModels;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The SPA in real headless Chromium against the real service (embedded stores). */
@Tag("browser")
class WebAppBrowserTest {
  private static Vertx vertx;
  private static PoisonService service;
  private static HttpTestClient http;
  private static Browser browser;

  @TempDir
  Path tempDir;

  @BeforeAll
  static void start() throws Exception {
    service = Await.await(TestServices.start(Map.of("POISON_MODEL_DIR", TestModels.tiny().toString())));
    vertx = Vertx.vertx();
    http = new HttpTestClient(vertx, service.httpPort());
    Await.await(http.awaitOk("/ready", Duration.ofSeconds(60)));
    browser = new Browser(service.httpPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (vertx != null) {
      Await.await(vertx.close());
    }
    if (service != null) {
      Await.await(service.stop());
    }
  }

  @BeforeEach
  void forgetEarlierLogs() {
    browser.consoleErrors();
  }

  @Test
  void identifyPageIsLabelledAndShowsEmergencyNumbers() {
    for (var size : List.of(Browser.PHONE, Browser.DESKTOP)) {
      browser.open("#/", size);
      browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "독초일까요"));
      for (WebElement input : browser.driver.findElements(By.cssSelector("input[type=file]"))) {
        String id = input.getAttribute("id");
        assertFalse(browser.driver.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty(), "label for " + id);
      }
      assertEquals("page", browser.driver.findElement(By.cssSelector("[data-nav=identify]")).getAttribute("aria-current"));
      String footer = browser.driver.findElement(By.cssSelector("footer.emergency")).getText();
      assertTrue(footer.contains("119") && footer.contains("1339"), footer);
      browser.assertAccessible();
      browser.screenshot("identify-" + name(size));
    }
    browser.assertNoConsoleErrors();
  }

  @Test
  void photosAreDownscaledInTheBrowserAndCappedAtFive() {
    browser.open("#/", Browser.PHONE);
    StringBuilder paths = new StringBuilder(photo("big.png", 3200, 2400).toString());
    for (int i = 0; i < 5; i++) {
      paths.append('\n').append(photo("leaf" + i + ".png", 640, 480 + i));
    }
    browser.driver.findElement(By.id("photo-picker")).sendKeys(paths);
    browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".thumbs img"), 5));
    WebElement first = browser.driver.findElement(By.cssSelector(".thumbs img"));
    browser.await(d -> ((Number) browser.script("return arguments[0].naturalWidth", first)).intValue() > 0);
    assertEquals(1600L, browser.script("return arguments[0].naturalWidth", first), "long side after downscaling");
    assertEquals(1200L, browser.script("return arguments[0].naturalHeight", first));
    assertTrue(browser.driver.findElement(By.cssSelector(".identify [role=status]")).getText().contains("최대 5장"));
    assertTrue(browser.driver.findElement(By.cssSelector("button[type=submit]")).isEnabled());
    browser.driver.findElement(By.cssSelector("[aria-label='사진 1 빼기']")).click();
    assertEquals(4, browser.driver.findElements(By.cssSelector(".thumbs img")).size());
    browser.assertAccessible();
    browser.screenshot("identify-photos-phone");
    browser.assertNoConsoleErrors();
  }

  @Test
  void unknownIdentificationShowsAnErrorInsteadOfAResult() {
    browser.open("#/identifications/no-such-job", Browser.PHONE);
    WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-box")));
    assertFalse(error.getText().isBlank());
    assertTrue(browser.driver.findElements(By.cssSelector(".banner")).isEmpty(), "no warning banner for a missing job");
  }

  @Test
  void offlineStateIsShownAndClearsWhenBackOnline() {
    browser.open("#/", Browser.PHONE);
    browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "독초일까요"));
    setOffline(true);
    try {
      browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("offline")));
      browser.script("location.hash = '#/plants'");
      WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-box")));
      assertTrue(error.getText().contains("인터넷 연결"), error.getText());
      browser.assertAccessible();
      browser.screenshot("offline-phone");
    } finally {
      setOffline(false);
    }
    browser.await(ExpectedConditions.invisibilityOfElementLocated(By.id("offline")));
  }

  private static void setOffline(boolean offline) {
    browser.driver.executeCdpCommand("Network.enable", Map.of());
    browser.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
        "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  @Test
  void unknownRouteShowsNotFound() {
    browser.open("#/no/such/page", Browser.PHONE);
    browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "찾을 수 없는"));
    browser.assertNoConsoleErrors();
  }

  @Test
  void uploadShowsLiveStatusThenTheWarningTheResultCallsFor() throws Exception {
    browser.open("#/", Browser.PHONE);
    browser.driver.findElement(By.id("photo-picker")).sendKeys(photo("leaf.png", 900, 700).toString());
    browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".thumbs img"), 1));
    browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
    browser.await(ExpectedConditions.urlContains("#/identifications/"));
    browser.await(ExpectedConditions.attributeToBe(By.cssSelector(".steps"), "data-status", "succeeded"));
    String id = browser.driver.getCurrentUrl().replaceAll(".*#/identifications/", "");
    JsonObject job = Await.await(http.awaitFinished(id));
    WebElement banner = browser.driver.findElement(By.cssSelector(".banner"));
    assertEquals(expectedBanner(job.getJsonObject("result")), banner.getAttribute("data-level"));
    assertWarningWording(banner.getText(), banner.getAttribute("data-level"));
    assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("1339"));
    assertFalse(browser.driver.getPageSource().contains("안전해요"));
    assertEquals(job.getJsonObject("result").getJsonArray("candidates").size(),
        browser.driver.findElements(By.cssSelector(".candidate")).size());
    browser.assertAccessible();
    browser.screenshot("result-phone");
    browser.resize(Browser.DESKTOP);
    browser.reload(); // a deep link that survives a reload
    browser.await(ExpectedConditions.attributeToBe(By.cssSelector(".steps"), "data-status", "succeeded"));
    browser.assertAccessible();
    browser.screenshot("result-desktop");
    browser.assertNoConsoleErrors();
  }

  @Test
  void resultStillArrivesByPollingWhenTheSocketIsBlocked() {
    browser.open("#/", Browser.PHONE);
    browser.driver.executeCdpCommand("Network.enable", Map.of());
    browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/eventbus/*")));
    try {
      browser.reload();
      browser.driver.findElement(By.id("photo-picker")).sendKeys(photo("leaf.png", 800, 600).toString());
      browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".thumbs img"), 1));
      browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
      browser.await(ExpectedConditions.attributeToBe(By.cssSelector(".steps"), "data-status", "succeeded"));
      assertFalse(browser.driver.findElements(By.cssSelector(".banner")).isEmpty());
    } finally {
      browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    }
  }

  @Test
  void encyclopediaScrollsToASecondPageWithoutDuplicates() {
    browser.open("#/plants", Browser.PHONE);
    browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".cards > .card"), 12));
    browser.assertAccessible();
    browser.screenshot("plants-phone");
    browser.script("document.querySelector('.sentinel').scrollIntoView()");
    browser.await(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".cards > .card"), 12));
    List<String> ids = browser.driver.findElements(By.cssSelector(".cards > .card")).stream()
        .map(card -> card.getAttribute("data-plant")).toList();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicate cards: " + ids);
    assertTrue(ids.size() <= 36, "loads only what is needed, got " + ids.size());

    browser.script("window.scrollTo(0, 0)"); // back up to the filters, as a person would
    browser.driver.findElement(By.xpath("//label[span[text()='독초만']]")).click();
    browser.await(ExpectedConditions.urlContains("poisonous=true"));
    browser.await(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".cards > .card"), 0));
    assertTrue(browser.driver.findElements(By.cssSelector(".cards > .card .badge.safe")).isEmpty(), "only poisonous plants");
    browser.open("#/plants", Browser.DESKTOP);
    browser.await(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".cards > .card"), 0));
    browser.assertAccessible();
    browser.screenshot("plants-desktop");
    browser.assertNoConsoleErrors();
  }

  @Test
  void plantEntryShowsToxinsLookalikesAndSurvivesAReload() {
    browser.open("#/plants/caltha-palustris", Browser.PHONE);
    browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "동의나물"));
    String text = browser.driver.findElement(By.tagName("main")).getText();
    assertTrue(text.contains("protoanemonin"), "toxins");
    assertTrue(text.contains("곰취"), "look-alike named");
    assertTrue(text.contains("구별법"), "how to tell them apart");
    assertEquals(2, browser.driver.findElements(By.cssSelector(".months li.on")).size(), "blooms in April and May");
    browser.assertAccessible();
    browser.screenshot("plant-detail-phone");
    browser.reload();
    browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "동의나물"));
    browser.resize(Browser.DESKTOP);
    browser.assertAccessible();
    browser.screenshot("plant-detail-desktop");
    browser.assertNoConsoleErrors();
  }

  @Test
  void searchAsYouTypeFindsTheIntendedPlantDespiteATypo() {
    browser.open("#/search", Browser.PHONE);
    WebElement input = browser.await(ExpectedConditions.elementToBeClickable(By.id("search-input")));
    input.sendKeys("진달레");
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#search-results li .name")));
    assertTrue(browser.driver.findElement(By.id("search-results")).getText().contains("진달래"));
    assertFalse(browser.driver.findElements(By.cssSelector("#search-results mark")).isEmpty(), "what matched is highlighted");
    browser.await(ExpectedConditions.urlContains("q="));
    browser.assertAccessible();
    browser.screenshot("search-phone");
    for (String query : List.of("ㅈㄷㄹ", "wlsekffo")) { // 초성, and Korean typed in English keyboard mode
      input.clear();
      input.sendKeys(query);
      browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#search-results li"), "진달래"));
    }
    browser.reload();
    browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("search-results"), "진달래"));
    browser.resize(Browser.DESKTOP);
    browser.assertAccessible();
    browser.screenshot("search-desktop");
    browser.assertNoConsoleErrors();
  }

  @Test
  void rankingsChartRendersAndUpdatesLive() throws Exception {
    postIdentification(1);
    browser.open("#/rankings?window=all", Browser.PHONE);
    // Located again on every poll: a live update may redraw the chart at any moment.
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg.bars rect.bar")));
    browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.series")));
    browser.assertAccessible();
    browser.screenshot("rankings-phone");
    Thread.sleep(2000); // past the server's 1 s push tick, so the first job's update has been drawn
    int before = chartTotal();
    postIdentification(2);
    // The fallback poll is every 30 s (rankings.js); 10 s is well inside it, so only the socket
    // can make this pass in time.
    browser.await(d -> chartTotal() > before, Duration.ofSeconds(10));
    browser.resize(Browser.DESKTOP);
    browser.assertAccessible();
    browser.screenshot("rankings-desktop");
    browser.assertNoConsoleErrors();
  }

  private int chartTotal() {
    for (int attempt = 0; ; attempt++) {
      try {
        return Integer.parseInt(browser.driver.findElement(By.cssSelector("svg.bars")).getAttribute("data-total"));
      } catch (StaleElementReferenceException redrawn) {
        if (attempt == 5) {
          throw redrawn;
        }
      }
    }
  }

  /** What the banner must say for a result, following DESIGN.md's safety rules. */
  static String expectedBanner(JsonObject result) {
    String level = result.getJsonObject("warning").getString("level");
    if ("danger".equals(level)) {
      return level;
    }
    return "confident".equals(result.getString("match")) ? level : "uncertain";
  }

  static void assertWarningWording(String text, String level) {
    switch (level) {
      case "danger" -> assertTrue(text.contains("절대 먹지 마세요"), text);
      case "caution" -> assertTrue(text.contains("주의"), text);
      case "uncertain" -> assertTrue(text.contains("판별이 확실하지 않아요 — 먹지 마세요"), text);
      case "none" -> assertTrue(text.contains("알려진 독성 없음") && text.contains("먹지 마세요"), text);
      default -> throw new AssertionError("unexpected level " + level);
    }
  }

  private static String name(Dimension size) {
    return size.equals(Browser.PHONE) ? "phone" : "desktop";
  }

  /** A generated photo (never the research photos) written where the file picker can read it. */
  private Path photo(String name, int width, int height) {
    try {
      return Files.write(tempDir.resolve(name), TestImages.encode(TestImages.drawing(width, height, name.hashCode()), "png"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Posts a drawing of a class the tiny model knows (so the result is confident and counts in the
   * rankings) and waits until the job has finished.
   */
  private static void postIdentification(int seed) throws Exception {
    byte[] drawing = TestImages.encode(TinyModels.draw(0, new Random(seed), 96), "jpg");
    String id = Await.await(http.identify(drawing)).bodyAsJsonObject().getString("id");
    JsonObject job = Await.await(http.awaitFinished(id));
    assertEquals("confident", job.getJsonObject("result").getString("match"), job.encode());
  }
}
