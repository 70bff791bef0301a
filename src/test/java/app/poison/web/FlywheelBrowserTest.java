package app.poison.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.Await;
import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.training.TestModels;
import app.poison.training.TinyModels;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The data flywheel in real headless Chromium: feedback under a result, the review page, photos in the 도감. */
@Tag("browser")
class FlywheelBrowserTest {
  private static final String TOKEN = "flywheel-browser-" + System.nanoTime();
  private static final String REAL_PLANT = "ligularia-fischeri"; // 곰취
  private static final String HOSTILE_COMMENT = "<img src=x class=injected>곰취 같아요";
  private static Vertx vertx;
  private static PoisonService service;
  private static HttpTestClient http;
  private static Browser browser;

  @TempDir
  Path tempDir;

  @BeforeAll
  static void start() throws Exception {
    service = Await.await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString(),
        ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), TOKEN)));
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
  void freshSession() {
    browser.consoleErrors();
  }

  @Test
  void wrongAnswerFeedbackWithPhotosOnAPhone() throws Exception {
    browser.open("#/", Browser.PHONE);
    browser.driver.findElement(By.id("photo-picker")).sendKeys(drawing("leaf.png", 1).toString());
    browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".thumbs img"), 1));
    browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
    browser.await(ExpectedConditions.attributeToBe(By.cssSelector(".steps"), "data-status", "succeeded"));
    String jobId = browser.driver.getCurrentUrl().replaceAll(".*#/identifications/", "");

    WebElement panel = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".feedback")));
    assertTrue(panel.getText().contains("이 결과가 맞나요?"), panel.getText());
    click(By.cssSelector("button[data-verdict=wrong]"));
    assertEquals("true", browser.driver.findElement(By.cssSelector("button[data-verdict=wrong]")).getAttribute("aria-pressed"));
    WebElement search = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".real-plant input[type=search]")));
    search.sendKeys("곰치"); // a typo of 곰취: the same typo-tolerant search as the search page
    click(By.cssSelector(".real-plant button.pick[data-plant='" + REAL_PLANT + "']"));
    assertTrue(browser.driver.findElement(By.cssSelector(".real-plant .picked")).getText().contains("곰취"));
    String consent = browser.driver.findElement(By.id("feedback-consent-info")).getText();
    assertTrue(consent.contains("위치") && consent.contains("운영자") && consent.contains("도감") && consent.contains("학습"), consent);
    click(By.cssSelector("label[for=feedback-consent]"));
    browser.driver.findElement(By.id("feedback-comment")).sendKeys(HOSTILE_COMMENT);
    browser.assertAccessible();
    browser.screenshot("feedback-form-phone");
    blockFeedback(List.of("*/feedback"));
    try {
      click(By.cssSelector(".feedback-form button[type=submit]"));
      WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".feedback-status .error-box")));
      assertTrue(error.getText().contains("인터넷 연결"), error.getText());
      browser.consoleErrors(); // the blocked request is logged; that one is expected
    } finally {
      blockFeedback(List.of());
    }
    click(By.cssSelector(".feedback-form button[type=submit]"));
    WebElement thanks = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".feedback .thanks")));
    assertTrue(thanks.getText().contains("고마워요"), thanks.getText());
    browser.assertAccessible();
    browser.screenshot("feedback-thanks-phone");
    browser.assertNoConsoleErrors();

    JsonObject contribution = contributionOf(jobId);
    assertEquals("wrong", contribution.getString("verdict"));
    assertEquals(REAL_PLANT, contribution.getString("plant_id"));
    assertEquals(HOSTILE_COMMENT, contribution.getString("comment"));
    assertEquals(1, contribution.getJsonArray("photos").size(), contribution.encode());
  }

  @Test
  void reviewPageAsksForTheTokenThenApprovesForTheCatalog() throws Exception {
    String jobId = identify(2);
    assertEquals(201, Await.await(http.web().post("/api/v1/identifications/" + jobId + "/feedback").sendJsonObject(
        new JsonObject().put("verdict", "wrong").put("plant_id", REAL_PLANT).put("contribute_photos", true)
            .put("comment", HOSTILE_COMMENT))).statusCode());
    String id = contributionOf(jobId).getString("id");

    browser.open("#/admin", Browser.PHONE);
    browser.script("sessionStorage.clear()");
    browser.reload();
    signIn("wrong-" + TOKEN);
    WebElement refused = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".token-form .error-box")));
    assertTrue(refused.getText().contains("토큰이 맞지 않아요"), refused.getText());
    browser.consoleErrors(); // the refused request is logged; that one is expected
    signIn(TOKEN);
    By item = By.cssSelector(".contribution[data-contribution='" + id + "']");
    WebElement card = browser.await(ExpectedConditions.visibilityOfElementLocated(item));
    assertFalse(browser.driver.getCurrentUrl().contains(TOKEN), "the token never goes into the URL");
    assertFalse(card.findElements(By.cssSelector(".photo-grid img")).isEmpty(), "the contributed photo");
    assertTrue(card.getText().contains("아니에요") && card.getText().contains("곰취"), card.getText());
    assertEquals(HOSTILE_COMMENT, card.findElement(By.cssSelector(".comment")).getText(), "the comment is shown as text");
    assertTrue(browser.driver.findElements(By.cssSelector(".injected")).isEmpty(), "no HTML from a user");
    assertTrue(card.findElement(By.cssSelector(".picked")).getText().contains("곰취"), "the user's plant is suggested");
    browser.assertAccessible();
    browser.screenshot("review-phone");

    card.findElement(By.cssSelector("input[value=training]")).click(); // the catalog only
    card.findElement(By.cssSelector("input[id^=credit-]")).clear();
    card.findElement(By.cssSelector("input[id^=credit-]")).sendKeys("검토 테스트");
    card.findElement(By.cssSelector("button.approve")).click();
    browser.await(ExpectedConditions.textToBePresentInElementLocated(item, "승인했어요"));
    browser.resize(Browser.DESKTOP);
    browser.screenshot("review-desktop");
    browser.assertNoConsoleErrors();

    JsonObject plant = Await.await(http.get("/api/v1/plants/" + REAL_PLANT)).bodyAsJsonObject();
    assertTrue(plant.getJsonArray("images").stream().map(JsonObject.class::cast)
        .anyMatch(image -> "검토 테스트".equals(image.getString("credit"))), plant.encode());
  }

  @Test
  void encyclopediaShowsPhotosWithTheirCreditAndFilters() throws Exception {
    String plantId = TinyModels.CLASSES.get(0).catalogId(); // 독미나리, a plant the tiny model knows
    assertNull(summary(plantId).getString("image_url"));
    MultipartForm form = MultipartForm.create().attribute("credit", "사진가 홍길동").attribute("license", "CC BY 4.0")
        .binaryFileUpload("image", "photo.png", Buffer.buffer(TestImages.encode(TestImages.drawing(800, 600, 7), "png")), "image/png");
    HttpResponse<Buffer> upload = Await.await(http.web().post("/api/v1/plants/" + plantId + "/images")
        .bearerTokenAuthentication(TOKEN).sendMultipartForm(form));
    assertEquals(201, upload.statusCode(), upload.bodyAsString());

    browser.open("#/plants?identifiable=true", Browser.PHONE);
    By card = By.cssSelector(".cards > .card[data-plant='" + plantId + "']");
    browser.await(ExpectedConditions.textToBePresentInElementLocated(card, "사진: 사진가 홍길동 · CC BY 4.0"));
    assertEquals(TinyModels.CLASSES.size(), browser.driver.findElements(By.cssSelector(".cards > .card")).size(),
        "사진으로 판별 가능: only the plants the model knows");
    assertTrue(browser.driver.findElement(By.cssSelector("input[name=identifiable]")).isSelected());
    WebElement photo = browser.driver.findElement(card).findElement(By.cssSelector("img.thumb"));
    assertEquals("lazy", photo.getAttribute("loading"));
    browser.await(d -> (Boolean) browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", photo));
    assertEquals(1, browser.driver.findElements(By.cssSelector(".cards img.thumb")).size(), "the others keep the drawn leaf");
    browser.assertAccessible();
    browser.screenshot("plants-photos-phone");

    browser.driver.findElement(card).findElement(By.tagName("a")).click();
    WebElement credit = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".detail-head .credit")));
    assertEquals("사진: 사진가 홍길동 · CC BY 4.0", credit.getText());
    WebElement big = browser.driver.findElement(By.cssSelector(".detail-head img.thumb"));
    browser.await(d -> (Boolean) browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", big));
    assertTrue(big.getSize().getWidth() <= Browser.PHONE.width, "fits the phone: " + big.getSize());
    browser.assertAccessible();
    browser.screenshot("plant-photo-detail-phone");

    String jobId = identify(3); // a drawing of the same class: its result card shows the photo and credit
    browser.open("#/identifications/" + jobId, Browser.PHONE);
    By candidate = By.cssSelector(".candidate[data-plant='" + plantId + "']");
    browser.await(ExpectedConditions.textToBePresentInElementLocated(candidate, "사진가 홍길동"));
    assertFalse(browser.driver.findElement(candidate).findElements(By.cssSelector("img.thumb")).isEmpty());
    browser.screenshot("result-photo-phone");
    browser.assertNoConsoleErrors();
  }

  private static void blockFeedback(List<String> urls) {
    browser.driver.executeCdpCommand("Network.enable", Map.of());
    browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", urls));
  }

  private static void click(By locator) {
    browser.await(ExpectedConditions.elementToBeClickable(locator)).click();
  }

  private static void signIn(String token) {
    WebElement input = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token")));
    input.clear();
    input.sendKeys(token);
    browser.driver.findElement(By.cssSelector(".token-form button[type=submit]")).click();
  }

  private static JsonObject summary(String plantId) throws Exception {
    return Await.await(http.get("/api/v1/plants?limit=100")).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(p -> plantId.equals(p.getString("id"))).findFirst().orElseThrow();
  }

  /** The pending contribution made from identification {@code jobId}, read through the admin API. */
  private static JsonObject contributionOf(String jobId) throws Exception {
    HttpResponse<Buffer> response = Await.await(http.web().get("/api/v1/admin/contributions?status=pending&limit=100")
        .bearerTokenAuthentication(TOKEN).send());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject found = response.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> jobId.equals(item.getString("job_id"))).findFirst().orElse(null);
    assertNotNull(found, "no contribution for " + jobId + " in " + response.bodyAsString());
    return found;
  }

  /** Identifies a drawing of the tiny model's first class over HTTP and waits for the result. */
  private static String identify(int seed) throws Exception {
    byte[] drawing = TestImages.encode(TinyModels.draw(0, new Random(seed), 96), "jpg");
    String id = Await.await(http.identify(drawing)).bodyAsJsonObject().getString("id");
    assertEquals("succeeded", Await.await(http.awaitFinished(id)).getString("status"));
    return id;
  }

  /** A drawing of the tiny model's first class, where the file picker can read it. */
  private Path drawing(String name, int seed) throws IOException {
    return Files.write(tempDir.resolve(name), TestImages.encode(TinyModels.draw(0, new Random(seed), 400), "png"));
  }
}
