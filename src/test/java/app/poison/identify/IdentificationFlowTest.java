package app.poison.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.training.TestModels;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upload → local queue → inference → Redis state → polling, in embedded mode with a real tiny model. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class IdentificationFlowTest {
  private static PoisonService service;
  private static HttpTestClient http;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    TestServices.start(Map.of("POISON_MODEL_DIR", TestModels.tiny().toString()))
        .compose(started -> {
          service = started;
          http = new HttpTestClient(vertx, started.httpPort());
          return http.awaitOk("/ready", Duration.ofSeconds(60));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop(VertxTestContext ctx) {
    service.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void readyReportsTheModel(VertxTestContext ctx) {
    http.get("/ready").onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      JsonObject model = response.bodyAsJsonObject().getJsonObject("checks").getJsonObject("model");
      assertEquals("READY", model.getString("state"));
      ctx.completeNow();
    })));
  }

  @Test
  void aPhotoIsIdentifiedWithCandidatesMatchAndWarning(VertxTestContext ctx) {
    http.identify(TestImages.jpeg(800, 600)).compose(response -> {
      ctx.verify(() -> {
        assertEquals(202, response.statusCode(), response.bodyAsString());
        JsonObject job = response.bodyAsJsonObject();
        assertEquals("/api/v1/identifications/" + job.getString("id"), response.getHeader("Location"));
        assertNotNull(response.getHeader("Retry-After"));
        assertTrue(Set.of("queued", "running", "succeeded").contains(job.getString("status")));
      });
      return http.awaitFinished(response.bodyAsJsonObject().getString("id"));
    }).onComplete(ctx.succeeding(job -> ctx.verify(() -> {
      assertEquals("succeeded", job.getString("status"), job.encodePrettily());
      assertNotNull(job.getString("started_at"));
      assertNotNull(job.getString("finished_at"));
      assertNotNull(job.getJsonObject("model").getString("version"));
      assertValidResult(job.getJsonObject("result"));
      ctx.completeNow();
    })));
  }

  @Test
  void severalPhotosMakeOneJob(VertxTestContext ctx) {
    http.identify(TestImages.jpeg(640, 480), TestImages.png(500, 500), TestImages.cmykJpeg(300, 200))
        .compose(response -> http.awaitFinished(response.bodyAsJsonObject().getString("id")))
        .onComplete(ctx.succeeding(job -> ctx.verify(() -> {
          assertEquals("succeeded", job.getString("status"));
          assertEquals(3, job.getInteger("image_count"));
          assertValidResult(job.getJsonObject("result"));
          ctx.completeNow();
        })));
  }

  @Test
  void unchangedJobAnswers304(VertxTestContext ctx) {
    http.identify(TestImages.jpeg(320, 240))
        .compose(response -> http.awaitFinished(response.bodyAsJsonObject().getString("id")))
        .compose(job -> http.get("/api/v1/identifications/" + job.getString("id")))
        .compose(first -> http.web().get(first.bodyAsJsonObject().getJsonObject("links").getString("self"))
            .putHeader("If-None-Match", first.getHeader("ETag")).send())
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(304, second.statusCode());
          assertEquals(0, second.body() == null ? 0 : second.body().length());
          ctx.completeNow();
        })));
  }

  @Test
  void unknownJobIs404(VertxTestContext ctx) {
    http.get("/api/v1/identifications/00000000-0000-0000-0000-000000000000").onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(404, response.statusCode());
      assertEquals("identification_not_found", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
      ctx.completeNow();
    })));
  }

  /** DESIGN.md's result contract and its safety rules, as far as they hold for any photo. */
  static void assertValidResult(JsonObject result) {
    JsonArray candidates = result.getJsonArray("candidates");
    assertTrue(!candidates.isEmpty() && candidates.size() <= 5, result.encode());
    double sum = 0;
    for (int i = 0; i < candidates.size(); i++) {
      JsonObject candidate = candidates.getJsonObject(i);
      assertNotNull(candidate.getJsonObject("plant").getString("name_ko"), candidate.encode());
      sum += candidate.getDouble("score");
    }
    assertTrue(sum <= 1.0 + 1e-9, "calibrated scores sum to at most 1: " + sum);
    assertTrue(Set.of("confident", "uncertain").contains(result.getString("match")));
    JsonObject warning = result.getJsonObject("warning");
    assertTrue(Set.of("danger", "caution", "none").contains(warning.getString("level")));
    String message = warning.getString("message");
    assertTrue(message != null && !message.isBlank());
    assertTrue(!message.contains("안전해요") && !message.contains("먹어도 돼"), "never says safe: " + message);
    if ("uncertain".equals(result.getString("match"))) {
      assertTrue(message.contains("먹지 마세요"), "uncertain says not to eat it: " + message);
    }
  }
}
