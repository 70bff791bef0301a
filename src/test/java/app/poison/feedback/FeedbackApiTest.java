package app.poison.feedback;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.training.TestModels;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Feedback and review: paging, reject, and a JSON 4xx for every kind of bad input on the new routes. */
class FeedbackApiTest {
  private static final String TOKEN = "feedback-admin-token";
  private static final Vertx VERTX = Vertx.vertx();
  private static PoisonService service;
  private static HttpTestClient http;
  private static String jobId;

  @BeforeAll
  static void start() throws Exception {
    service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString(),
        ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), TOKEN)));
    http = new HttpTestClient(VERTX, service.httpPort());
    await(http.awaitOk("/ready", Duration.ofSeconds(60)));
    jobId = finishedJob(1);
  }

  @AfterAll
  static void stop() throws Exception {
    await(service.stop());
    await(VERTX.close());
  }

  @Test
  void contributionsArePagedByStatusAndCanBeRejected() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 2; i <= 4; i++) {
      HttpResponse<Buffer> created = feedback(finishedJob(i), new JsonObject().put("verdict", "unsure"));
      assertEquals(201, created.statusCode(), created.bodyAsString());
      ids.add(created.bodyAsJsonObject().getString("id"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = ok(admin(http.web().get("/api/v1/admin/contributions?limit=1"
          + (cursor == null ? "" : "&cursor=" + cursor))));
      page.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getString("id")));
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    assertTrue(seen.containsAll(ids), seen.toString());
    assertEquals(seen.size(), new HashSet<>(seen).size(), "no contribution on two pages: " + seen);

    String id = ids.get(0);
    JsonObject approval = new JsonObject().put("plant_id", "caltha-palustris").put("use", new JsonArray().add("catalog"));
    assertEquals("no_photos", error(send(admin(http.web().post(path(id, "approve"))), approval), 409));
    JsonObject rejected = ok(admin(http.web().post(path(id, "reject"))));
    assertEquals("rejected", rejected.getString("status"));
    assertNotNull(rejected.getJsonObject("review").getString("reviewed_at"));
    assertEquals("already_reviewed", error(await(admin(http.web().post(path(id, "reject"))).send()), 409));
    JsonArray rejectedItems = ok(admin(http.web().get("/api/v1/admin/contributions?status=rejected"))).getJsonArray("items");
    assertEquals(id, rejectedItems.getJsonObject(0).getString("id"));
    assertEquals(0, rejectedItems.getJsonObject(0).getJsonArray("photos").size(), "no photo is kept without consent");
    assertEquals("feedback_reviewed", error(feedback(jobIdOf(rejectedItems.getJsonObject(0)), new JsonObject().put("verdict", "correct")), 409));
  }

  @Test
  void badInputOnEveryNewRouteGetsAJson4xx() throws Exception {
    String feedback = "/api/v1/identifications/" + jobId + "/feedback";
    assertEquals("not_json", error(await(http.web().post(feedback).sendBuffer(Buffer.buffer("verdict=correct"))), 415));
    assertEquals("invalid_json", error(await(http.web().post(feedback).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"verdict\":"))), 400));
    assertEquals("invalid_json", error(await(http.web().post(feedback).sendJson(new JsonArray().add("correct"))), 400));
    assertEquals("invalid_verdict", error(feedback(jobId, new JsonObject().put("verdict", "maybe")), 400));
    assertEquals("invalid_verdict", error(feedback(jobId, new JsonObject()), 400));
    assertEquals("invalid_contribute_photos", error(feedback(jobId, new JsonObject().put("verdict", "wrong")
        .put("contribute_photos", "yes")), 400));
    assertEquals("invalid_plant_id", error(feedback(jobId, new JsonObject().put("verdict", "wrong").put("plant_id", 7)), 400));
    assertEquals("invalid_plant_id", error(feedback(jobId, new JsonObject().put("verdict", "wrong").put("plant_id", "no-such-plant")), 400));
    assertEquals("invalid_comment", error(feedback(jobId, new JsonObject().put("verdict", "wrong").put("comment", "가".repeat(501))), 400));
    assertEquals("invalid_comment", error(feedback(jobId, new JsonObject().put("verdict", "wrong").put("comment", 5)), 400));
    assertEquals("unknown_field", error(feedback(jobId, new JsonObject().put("verdict", "wrong").put("rating", 5)), 400));
    assertEquals("identification_not_found", error(feedback("no-such-job", new JsonObject().put("verdict", "wrong")), 404));

    String list = "/api/v1/admin/contributions";
    assertEquals(401, await(http.web().get(list).send()).statusCode());
    assertEquals(401, await(http.web().get(list).bearerTokenAuthentication("wrong").send()).statusCode());
    assertEquals(401, await(http.web().post(path("x", "approve")).sendJsonObject(new JsonObject())).statusCode());
    assertEquals(401, await(http.web().post(path("x", "reject")).send()).statusCode());
    assertEquals("invalid_status", error(await(admin(http.web().get(list + "?status=all")).send()), 400));
    assertEquals("invalid_limit", error(await(admin(http.web().get(list + "?limit=0")).send()), 400));
    assertEquals("invalid_cursor", error(await(admin(http.web().get(list + "?cursor=bm90IGpzb24")).send()), 400));

    String id = feedback(jobId, new JsonObject().put("verdict", "correct").put("contribute_photos", true)).bodyAsJsonObject().getString("id");
    JsonObject good = new JsonObject().put("plant_id", "caltha-palustris").put("use", new JsonArray().add("training"));
    assertEquals("contribution_not_found", error(send(admin(http.web().post(path("nope", "approve"))), good), 404));
    assertEquals("contribution_not_found", error(await(admin(http.web().post(path("nope", "reject"))).send()), 404));
    assertEquals("not_json", error(await(admin(http.web().post(path(id, "approve"))).sendBuffer(Buffer.buffer("x"))), 415));
    assertEquals("invalid_use", error(send(admin(http.web().post(path(id, "approve"))), good.copy().put("use", new JsonArray())), 400));
    assertEquals("invalid_use", error(send(admin(http.web().post(path(id, "approve"))), good.copy().put("use", new JsonArray().add("print"))), 400));
    assertEquals("invalid_use", error(send(admin(http.web().post(path(id, "approve"))), good.copy().put("use", "training")), 400));
    assertEquals("invalid_plant_id", error(send(admin(http.web().post(path(id, "approve"))), good.copy().put("plant_id", "no-such-plant")), 400));
    assertEquals("invalid_plant_id", error(send(admin(http.web().post(path(id, "approve"))), good.copy().putNull("plant_id")), 400));
    assertEquals("invalid_credit", error(send(admin(http.web().post(path(id, "approve"))), good.copy().put("credit", "x".repeat(201))), 400));
    assertEquals("invalid_license", error(send(admin(http.web().post(path(id, "approve"))), good.copy().put("license", 4)), 400));
    assertEquals("unknown_field", error(send(admin(http.web().post(path(id, "approve"))), good.copy().put("note", "x")), 400));
    assertEquals(200, send(admin(http.web().post(path(id, "approve"))), good).statusCode(), "still pending after all that");

    // feedback is rate-limited per client like uploads (30 a minute by default)
    HttpResponse<Buffer> limited = null;
    for (int i = 0; i < 40 && limited == null; i++) {
      HttpResponse<Buffer> response = feedback("no-such-job", new JsonObject().put("verdict", "wrong"));
      limited = response.statusCode() == 429 ? response : null;
    }
    assertNotNull(limited, "no 429 after 40 requests");
    assertEquals("rate_limited", error(limited, 429));
    assertNotNull(limited.getHeader("Retry-After"));
    assertEquals(200, await(http.get("/health")).statusCode(), "bad input leaves the service healthy");
  }

  private static String jobIdOf(JsonObject contribution) {
    return contribution.getString("job_id");
  }

  private static String finishedJob(long seed) throws Exception {
    byte[] photo = TestImages.encode(TestImages.drawing(200, 150, seed), "jpg");
    String id = await(http.identify(photo)).bodyAsJsonObject().getString("id");
    assertEquals("succeeded", await(http.awaitFinished(id)).getString("status"));
    return id;
  }

  private static HttpResponse<Buffer> feedback(String job, JsonObject body) throws Exception {
    return send(http.web().post("/api/v1/identifications/" + job + "/feedback"), body);
  }

  private static String path(String id, String action) {
    return "/api/v1/admin/contributions/" + id + "/" + action;
  }

  private static HttpRequest<Buffer> admin(HttpRequest<Buffer> request) {
    return request.bearerTokenAuthentication(TOKEN);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) throws Exception {
    return await(request.sendJsonObject(body));
  }

  private static JsonObject ok(HttpRequest<Buffer> request) throws Exception {
    HttpResponse<Buffer> response = await(request.send());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  /** Checks the status and the {@code {"error": {"code", "message"}}} shape; returns the code. */
  private static String error(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertTrue(response.getHeader("Content-Type").startsWith("application/json"));
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertNotNull(error.getString("message"));
    assertNull(response.bodyAsJsonObject().getValue("stack"));
    return error.getString("code");
  }
}
