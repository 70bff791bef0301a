package app.poison.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.poison.PoisonService;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/v1/plants/search} on the real service. */
@ExtendWith(VertxExtension.class)
class SearchApiTest {
  private static final String PATH = "/api/v1/plants/search";
  private static final String ADMIN_TOKEN = "search-test-" + System.nanoTime();
  private static PoisonService service;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    client = WebClient.create(vertx);
    TestServices.start(Map.of(ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), ADMIN_TOKEN)).compose(started -> {
      service = started;
      return untilSearch(vertx, "진달래", TimeUnit.SECONDS.toMillis(30));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop(VertxTestContext ctx) {
    service.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aPlantAddedThroughTheCatalogIsFoundWithinOneSecond(Vertx vertx, VertxTestContext ctx) {
    JsonObject plant = new JsonObject().put("id", "solanum-carolinense").put("name_ko", "도깨비가지")
        .put("aliases_ko", new JsonArray()).put("name_en", "horse nettle").put("scientific_name", "Solanum carolinense")
        .put("family_ko", "가지과").put("family", "Solanaceae").put("poisonous", true).put("toxicity", "moderate")
        .put("toxic_parts", new JsonArray().add("whole plant")).put("lookalikes", new JsonArray())
        .put("habitat_ko", "길가나 빈터").put("description_ko", "가시가 많은 여러해살이풀.");
    client.post(service.httpPort(), "127.0.0.1", "/api/v1/plants").bearerTokenAuthentication(ADMIN_TOKEN)
        .sendJsonObject(plant)
        .compose(created -> {
          ctx.verify(() -> assertEquals(201, created.statusCode(), created.bodyAsString()));
          return untilSearch(vertx, "도깨비가디", 1_000);
        })
        .onComplete(ctx.succeeding(best -> ctx.verify(() -> {
          assertEquals("solanum-carolinense", best.getString("id"));
          assertEquals("typo", best.getJsonObject("matched").getString("kind"));
          ctx.completeNow();
        })));
  }

  @Test
  void findsTheIntendedPlantDespiteATypo(VertxTestContext ctx) {
    get("q=" + encode("진덜래")).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(200, response.statusCode(), response.bodyAsString());
      JsonObject body = response.bodyAsJsonObject();
      assertEquals("진덜래", body.getString("query"));
      JsonObject best = body.getJsonArray("items").getJsonObject(0);
      assertEquals(Set.of("id", "name_ko", "name_en", "scientific_name", "poisonous", "toxicity", "image_url", "score", "matched"),
          best.fieldNames());
      assertEquals("rhododendron-mucronulatum", best.getString("id"));
      assertEquals("typo", best.getJsonObject("matched").getString("kind"));
      ctx.completeNow();
    })));
  }

  @Test
  void acceptsDecomposedKoreanAsMacOsSendsIt(VertxTestContext ctx) {
    String nfd = Normalizer.normalize("은방울꽃", Normalizer.Form.NFD);
    get("q=" + encode(nfd) + "&limit=1").onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      JsonArray items = response.bodyAsJsonObject().getJsonArray("items");
      assertEquals(1, items.size());
      assertEquals("convallaria-keiskei", items.getJsonObject(0).getString("id"));
      assertEquals("exact", items.getJsonObject(0).getJsonObject("matched").getString("kind"));
      ctx.completeNow();
    })));
  }

  @Test
  void returnsEveryPlantOfASeveralTermQuery(VertxTestContext ctx) {
    get("q=" + encode("진달래 철쭉")).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      List<String> ids = response.bodyAsJsonObject().getJsonArray("items").stream()
          .map(item -> ((JsonObject) item).getString("id")).toList();
      assertEquals(List.of("rhododendron-mucronulatum", "rhododendron-schlippenbachii"), ids.subList(0, 2));
      ctx.completeNow();
    })));
  }

  @Test
  void answersAnUnrelatedQueryWithAnEmptyList(VertxTestContext ctx) {
    get("q=" + encode("자동차")).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(200, response.statusCode());
      assertEquals(new JsonArray(), response.bodyAsJsonObject().getJsonArray("items"));
      ctx.completeNow();
    })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "q=", "q=%20%20", "q=%E3%80%80"})
  void rejectsAMissingOrBlankQuery(String query, VertxTestContext ctx) {
    expectError(query, "invalid_q", ctx);
  }

  @Test
  void rejectsAQueryOverOneHundredCharacters(VertxTestContext ctx) {
    expectError("q=" + encode("가".repeat(101)), "invalid_q", ctx);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "51", "-1", "abc", "1.5", "99999999999"})
  void rejectsABadLimit(String limit, VertxTestContext ctx) {
    expectError("q=" + encode("진달래") + "&limit=" + limit, "invalid_limit", ctx);
  }

  private static void expectError(String query, String code, VertxTestContext ctx) {
    get(query).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(400, response.statusCode(), response.bodyAsString());
      assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"));
      ctx.completeNow();
    })));
  }

  private static Future<HttpResponse<Buffer>> get(String query) {
    return client.get(service.httpPort(), "127.0.0.1", PATH + "?" + query).send();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Searches every 10 ms until {@code q} finds something (the index builds after start), or fails. */
  private static Future<JsonObject> untilSearch(Vertx vertx, String q, long withinMs) {
    long deadline = System.currentTimeMillis() + withinMs;
    return poll(vertx, q, deadline);
  }

  private static Future<JsonObject> poll(Vertx vertx, String q, long deadline) {
    return get("q=" + encode(q)).compose(response -> {
      if (response.statusCode() == 200 && !response.bodyAsJsonObject().getJsonArray("items").isEmpty()) {
        return Future.succeededFuture(response.bodyAsJsonObject().getJsonArray("items").getJsonObject(0));
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture("'" + q + "' not found in time: " + response.bodyAsString());
      }
      Promise<JsonObject> next = Promise.promise();
      vertx.setTimer(10, id -> poll(vertx, q, deadline).onComplete(next));
      return next.future();
    });
  }
}
