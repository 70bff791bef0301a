package app.poison;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.config.ConfigKeys;
import app.poison.feedback.TrainingExport;
import app.poison.training.TestModels;
import app.poison.training.TinyModels;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The data flywheel through the HTTP API on the real stores: identify → feedback with photos →
 * review → approve for the catalog and training → the 도감 shows the photo with its credit →
 * export-training → train on the export plus a drawn folder learns the new plant.
 */
class FlywheelTest {
  private static final String TOKEN = "flywheel-admin-token";
  /** 동의나물: a plant the tiny model does not know. */
  private static final String NEW_PLANT = "caltha-palustris";
  private final Vertx vertx = Vertx.vertx();
  private HttpTestClient http;

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void feedbackPhotosBecomeCatalogPhotosAndTrainingData() throws Exception {
    JsonObject config = TestServices.config(Map.of(
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString(),
        ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), TOKEN));
    PoisonService service = await(PoisonService.start(config));
    String contributionId;
    try {
      http = new HttpTestClient(vertx, service.httpPort());
      await(http.awaitOk("/ready", java.time.Duration.ofSeconds(60)));
      byte[] original = TestImages.jpegWithGps(320, 240);
      assertTrue(TestImages.hasExif(original), "the test photo carries EXIF with a GPS IFD");
      String jobId = await(http.identify(original)).bodyAsJsonObject().getString("id");
      assertEquals("succeeded", await(http.awaitFinished(jobId)).getString("status"));

      JsonObject feedback = new JsonObject().put("verdict", "wrong").put("plant_id", NEW_PLANT)
          .put("contribute_photos", true).put("comment", "<b>동의나물</b>이에요");
      HttpResponse<Buffer> created = send(post("/api/v1/identifications/" + jobId + "/feedback"), feedback);
      assertEquals(201, created.statusCode(), created.bodyAsString());
      contributionId = created.bodyAsJsonObject().getString("id");
      assertEquals("pending", created.bodyAsJsonObject().getString("status"));
      HttpResponse<Buffer> again = send(post("/api/v1/identifications/" + jobId + "/feedback"), feedback);
      assertEquals(contributionId, again.bodyAsJsonObject().getString("id"), "the same client's feedback replaces its earlier one");

      JsonObject listed = onlyPending(contributionId);
      assertEquals("wrong", listed.getString("verdict"));
      assertEquals("<b>동의나물</b>이에요", listed.getString("comment"), "stored as plain text, as sent");
      assertEquals(jobId, listed.getString("job_id"));
      assertFalse(listed.getJsonObject("answer").getJsonArray("candidates").isEmpty(), "the model's answer is kept");
      assertNotNull(listed.getJsonObject("answer").getString("match"));
      JsonObject photo = listed.getJsonArray("photos").getJsonObject(0);
      byte[] stored = await(http.get(photo.getString("image_url"))).body().getBytes();
      assertEquals("image/jpeg", photo.getString("content_type"));
      assertTrue(stored.length > 100 && (stored[0] & 0xFF) == 0xFF && (stored[1] & 0xFF) == 0xD8);
      assertFalse(TestImages.hasExif(stored), "no EXIF (and so no GPS position) survives");

      JsonObject approval = new JsonObject().put("plant_id", NEW_PLANT).put("use", new JsonArray(List.of("catalog", "training")))
          .put("credit", "시험 기여자").put("license", "CC BY 4.0");
      HttpResponse<Buffer> approved = send(admin(post(contributions(contributionId, "approve"))), approval);
      assertEquals(200, approved.statusCode(), approved.bodyAsString());
      assertEquals("approved", approved.bodyAsJsonObject().getString("status"));
      assertEquals(409, send(admin(post(contributions(contributionId, "approve"))), approval).statusCode());
      assertEquals(409, await(admin(post(contributions(contributionId, "reject"))).send()).statusCode());

      JsonObject image = await(http.get("/api/v1/plants/" + NEW_PLANT)).bodyAsJsonObject().getJsonArray("images").getJsonObject(0);
      assertEquals(photo.getString("image_url"), image.getString("url"));
      assertEquals("시험 기여자", image.getString("credit"));
      assertEquals("CC BY 4.0", image.getString("license"));
      assertEquals("contribution", image.getString("source"));

      String metrics = await(http.get("/metrics")).bodyAsString();
      assertTrue(metrics.contains("poison_feedback_total{verdict=\"wrong\"} 1.0"), "counted once, though sent twice");
      assertTrue(metrics.contains("poison_feedback_top1_total{outcome=\"wrong\"} 1.0"));
    } finally {
      await(service.stop());
    }

    // The export reads the same (embedded) MongoDB and image store as serve, once serve has stopped.
    Path export = TestServices.tempDir().resolve("export");
    assertEquals(1, TrainingExport.run(config, export));
    try (Stream<Path> files = Files.list(export.resolve(NEW_PLANT))) {
      assertEquals(1, files.filter(f -> f.toString().endsWith(".jpg")).count());
    }
    assertTrue(Files.readAllLines(export.resolve("labels.tsv")).contains(NEW_PLANT + "\t" + NEW_PLANT));

    // more train images than the trainer's default batch (32): it cannot train on fewer
    Path drawn = TinyModels.drawDataset(TestServices.tempDir().resolve("drawn"), 14, 3);
    Path model = TestServices.tempDir().resolve("model");
    assertEquals(0, ModelCommands.train(new String[] {"--data", export.toString(), "--data", drawn.toString(),
        "--out", model.toString(), "--epochs", "2", "--input-size", String.valueOf(TinyModels.INPUT_SIZE), "--width", "16"}));
    JsonArray classes = new JsonObject(Files.readString(model.resolve("model.json"))).getJsonArray("classes");
    assertTrue(classes.stream().anyMatch(c -> NEW_PLANT.equals(((JsonObject) c).getString("catalog_id"))), classes.encode());
    assertEquals(TinyModels.CLASSES.size() + 1, classes.size());
  }

  private JsonObject onlyPending(String id) throws Exception {
    HttpResponse<Buffer> page = await(admin(http.web().get("/api/v1/admin/contributions?status=pending")).send());
    assertEquals(200, page.statusCode(), page.bodyAsString());
    JsonArray items = page.bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size());
    assertEquals(id, items.getJsonObject(0).getString("id"));
    return items.getJsonObject(0);
  }

  private static String contributions(String id, String action) {
    return "/api/v1/admin/contributions/" + id + "/" + action;
  }

  private HttpRequest<Buffer> post(String path) {
    return http.web().post(path);
  }

  private static HttpRequest<Buffer> admin(HttpRequest<Buffer> request) {
    return request.bearerTokenAuthentication(TOKEN);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) throws Exception {
    return await(request.sendJsonObject(body));
  }
}
