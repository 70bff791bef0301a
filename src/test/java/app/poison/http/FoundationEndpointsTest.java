package app.poison.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.PoisonService;
import app.poison.TestServices;
import app.poison.training.TestModels;
import java.util.Map;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class FoundationEndpointsTest {
  private static PoisonService service;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
    TestServices.start(Map.of("POISON_MODEL_DIR", TestModels.tiny().toString())).onComplete(ctx.succeeding(started -> {
      service = started;
      ctx.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext ctx) {
    service.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void healthAnswers(VertxTestContext ctx) {
    client.get(service.httpPort(), "127.0.0.1", "/health").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(200, response.statusCode());
      assertEquals("UP", response.bodyAsJsonObject().getString("status"));
      ctx.completeNow();
    })));
  }

  @Test
  void readyReportsEachDependency(VertxTestContext ctx) {
    new app.poison.HttpTestClient(service.vertx(), service.httpPort()).awaitOk("/ready", java.time.Duration.ofSeconds(30))
        .compose(ok -> client.get(service.httpPort(), "127.0.0.1", "/ready").send()).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(200, response.statusCode(), response.bodyAsString());
      JsonObject checks = response.bodyAsJsonObject().getJsonObject("checks");
      for (String readPath : java.util.List.of("mongo", "redis", "catalog", "search", "rankings")) {
        assertEquals("UP", checks.getJsonObject(readPath).getString("status"), readPath);
      }
      assertEquals("READY", checks.getJsonObject("model").getString("state"));
      ctx.completeNow();
    })));
  }

  /** Load balancers trust /ready: once it says 200 on a fresh node, every read path answers. */
  @Test
  void readyOnAFreshNodeMeansEveryReadPathAnswers() throws Exception {
    PoisonService fresh = app.poison.Await.await(TestServices.start(Map.of(
        app.poison.config.ConfigKeys.envName(app.poison.config.ConfigKeys.ROLE), "api")));
    try {
      app.poison.HttpTestClient http = new app.poison.HttpTestClient(fresh.vertx(), fresh.httpPort());
      app.poison.Await.await(http.awaitOk("/ready", java.time.Duration.ofSeconds(60)));
      for (String path : java.util.List.of("/api/v1/plants/search?q=%EB%B0%95%EC%83%88", "/api/v1/plants?limit=1",
          "/api/v1/rankings?window=all")) {
        var answer = app.poison.Await.await(http.get(path));
        assertEquals(200, answer.statusCode(), path + ": " + answer.bodyAsString());
      }
    } finally {
      app.poison.Await.await(fresh.stop());
    }
  }

  @Test
  void metricsArePrometheusText(VertxTestContext ctx) {
    client.get(service.httpPort(), "127.0.0.1", "/health").send()
        .compose(ignored -> client.get(service.httpPort(), "127.0.0.1", "/metrics").send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(200, response.statusCode());
          String body = response.bodyAsString();
          assertTrue(body.contains("vertx_http_server_requests_total"), "HTTP server metrics");
          assertTrue(body.contains("jvm_memory_used_bytes"), "JVM metrics");
          assertTrue(body.contains("vertx_eventbus"), "event bus metrics");
          ctx.completeNow();
        })));
  }

  @Test
  void unknownApiPathIsJson404(VertxTestContext ctx) {
    client.get(service.httpPort(), "127.0.0.1", "/api/v1/nothing-here").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(404, response.statusCode());
      assertEquals("route_not_found", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
      ctx.completeNow();
    })));
  }

  @Test
  void undecodableQueryStringsAre400NotServerErrors(VertxTestContext ctx) {
    client.get(service.httpPort(), "127.0.0.1", "/api/v1/plants/search?q=%ZZ").send()
        .compose(search -> client.get(service.httpPort(), "127.0.0.1", "/api/v1/plants?cursor=%ZZ").send()
            .map(list -> java.util.List.of(search, list)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          for (var response : responses) {
            assertEquals(400, response.statusCode(), response.bodyAsString());
          }
          ctx.completeNow();
        })));
  }

  @Test
  void servesTheWebApp(VertxTestContext ctx) {
    client.get(service.httpPort(), "127.0.0.1", "/").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(200, response.statusCode());
      assertTrue(response.bodyAsString().contains("독초"));
      ctx.completeNow();
    })));
  }
}
