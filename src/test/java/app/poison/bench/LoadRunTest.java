package app.poison.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.training.TestModels;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load harness's bookkeeping against a real service: with a per-client limit of 6 uploads a
 * minute, a paced run gets 6 jobs accepted and the rest refused with 429, and every accepted job
 * is followed to its end.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class LoadRunTest {
  private static final int UPLOADS_PER_MINUTE = 6;
  private static PoisonService service;

  @BeforeAll
  static void start(VertxTestContext ctx) {
    TestServices.start(Map.of("POISON_MODEL_DIR", TestModels.tiny().toString(),
            "POISON_RATE_UPLOADS_PER_MINUTE", String.valueOf(UPLOADS_PER_MINUTE)))
        .onSuccess(started -> service = started)
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop(VertxTestContext ctx) {
    service.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void acceptedJobsAreFollowedToTheirEndAndRefusalsCounted(Vertx vertx, VertxTestContext ctx) {
    IdentifyClient client = new IdentifyClient("http://127.0.0.1:" + service.httpPort());
    vertx.executeBlocking(() -> {
      client.awaitReady(Duration.ofMinutes(1));
      return new LoadRun(client, List.of(TestImages.jpeg(640, 480)), 3, 8, Duration.ofSeconds(60), 20)
          .run(Duration.ofSeconds(3));
    }).onComplete(ctx.succeeding(report -> ctx.verify(() -> {
      JsonObject uploads = report.getJsonObject("uploads");
      assertEquals(UPLOADS_PER_MINUTE, uploads.getInteger("202"), report.encodePrettily());
      assertTrue(uploads.getInteger("429", 0) > 0, report.encodePrettily());
      assertEquals(UPLOADS_PER_MINUTE, report.getInteger("succeeded"), report.encodePrettily());
      assertEquals(0, report.getInteger("stuck_or_lost"));
      assertFalse(report.getDouble("end_to_end_ms_p99").isNaN());
      ctx.completeNow();
    })));
  }
}
