package app.poison.catalog;

import static app.poison.catalog.CatalogHttp.await;
import static app.poison.catalog.CatalogHttp.errorCode;
import static app.poison.catalog.CatalogHttp.ids;
import static app.poison.catalog.CatalogHttp.plant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.PoisonService;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.messaging.Addresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog over real HTTP, with an admin token and a model that knows one plant. */
class CatalogApiTest {
  private static final String PLANTS = "/api/v1/plants";
  private static final String IDENTIFIABLE = "caltha-palustris";
  private static PoisonService service;
  private static CatalogHttp http;

  @BeforeAll
  static void start() throws Exception {
    Path modelDir = TestServices.tempDir();
    Files.writeString(modelDir.resolve("model.json"), new JsonObject().put("classes", new JsonArray()
        .add(new JsonObject().put("label", "동의나물").put("catalog_id", IDENTIFIABLE))).encode());
    service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), CatalogHttp.TOKEN,
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), modelDir.toString())));
    http = new CatalogHttp(service.httpPort());
  }

  @AfterAll
  static void stop() {
    http.close();
    await(service.stop());
  }

  @Test
  void badListParametersAreNamedIn400s() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("limit=0", "invalid_limit");
    cases.put("limit=101", "invalid_limit");
    cases.put("limit=abc", "invalid_limit");
    cases.put("limit=", "invalid_limit");
    cases.put("limit=99999999999", "invalid_limit");
    cases.put("cursor=not-a-cursor", "invalid_cursor");
    cases.put("cursor=WzEsMl0", "invalid_cursor"); // base64url of [1,2]
    cases.put("cursor=" + "A".repeat(600), "invalid_cursor");
    cases.put("poisonous=yes", "invalid_poisonous");
    cases.put("poisonous=", "invalid_poisonous");
    cases.put("identifiable=1", "invalid_identifiable");
    cases.forEach((query, code) -> {
      HttpResponse<Buffer> response = http.get(PLANTS + "?" + query);
      assertEquals(400, response.statusCode(), query);
      assertEquals(code, errorCode(response), query);
    });
    assertEquals("invalid_query", errorCode(http.get(PLANTS + "?cursor=%ZZ")));
  }

  @Test
  void detailHasEveryCatalogFieldWithLookalikesExpanded() {
    Map<String, JsonObject> seed = new LinkedHashMap<>();
    CatalogHttp.seed().forEach(p -> seed.put(p.getString("id"), p));
    JsonObject expected = seed.get(IDENTIFIABLE);
    JsonObject detail = http.get(PLANTS + "/" + IDENTIFIABLE).bodyAsJsonObject();
    for (String field : expected.fieldNames()) {
      if (!field.equals("lookalikes")) {
        assertEquals(expected.getValue(field), detail.getValue(field), field);
      }
    }
    JsonArray lookalikes = new JsonArray();
    expected.getJsonArray("lookalikes").forEach(id -> lookalikes.add(PlantSummaries.of(seed.get((String) id))));
    assertEquals(lookalikes, detail.getJsonArray("lookalikes"));
    assertEquals(new JsonArray(), detail.getJsonArray("images"));
    assertTrue(detail.getBoolean("identifiable"));
    assertFalse(http.get(PLANTS + "/ligularia-fischeri").bodyAsJsonObject().getBoolean("identifiable"));

    HttpResponse<Buffer> unknown = http.get(PLANTS + "/no-such-plant");
    assertEquals(404, unknown.statusCode());
    assertEquals("plant_not_found", errorCode(unknown));
  }

  @Test
  void theListFiltersPlantsTheModelCanRecognise() {
    assertEquals(List.of(IDENTIFIABLE), ids(http.walk("identifiable=true", page -> { })));
    List<String> others = ids(http.walk("limit=100&identifiable=false&poisonous=true", page -> { }));
    assertFalse(others.isEmpty());
    assertFalse(others.contains(IDENTIFIABLE));
  }

  @Test
  void aDanglingLookalikeIsSkipped() {
    JsonObject plant = plant("dangling-test", "매달린풀").put("lookalikes", List.of(IDENTIFIABLE, "not-in-catalog"));
    assertEquals(201, http.admin(HttpMethod.POST, PLANTS, plant).statusCode());
    JsonArray lookalikes = http.get(PLANTS + "/dangling-test").bodyAsJsonObject().getJsonArray("lookalikes");
    assertEquals(List.of(IDENTIFIABLE), lookalikes.stream().map(l -> ((JsonObject) l).getString("id")).toList());
  }

  @Test
  void adminRoutesNeedTheBearerToken() {
    JsonObject plant = plant("auth-test", "인증풀");
    HttpResponse<Buffer> missing = await(http.request(HttpMethod.POST, PLANTS).sendJsonObject(plant));
    assertEquals(401, missing.statusCode());
    assertEquals("unauthorized", errorCode(missing));
    assertEquals(401, await(http.request(HttpMethod.POST, PLANTS).bearerTokenAuthentication("wrong")
        .sendJsonObject(plant)).statusCode());
    assertEquals(401, await(http.request(HttpMethod.DELETE, PLANTS + "/" + IDENTIFIABLE)
        .basicAuthentication("admin", CatalogHttp.TOKEN).send()).statusCode());
    assertEquals(401, await(http.request(HttpMethod.PUT, PLANTS + "/" + IDENTIFIABLE)
        .bearerTokenAuthentication(CatalogHttp.TOKEN + "x").sendJsonObject(plant)).statusCode());
    assertEquals(200, http.get(PLANTS + "/" + IDENTIFIABLE).statusCode(), "nothing was deleted");
    assertEquals(404, http.get(PLANTS + "/auth-test").statusCode(), "nothing was created");
  }

  @Test
  void invalidEditsNameEachBadField() {
    JsonObject bad = plant("bad-fields", "잘못된풀").put("poisonous", false).put("toxicity", "severe")
        .put("bloom_months", List.of(13)).put("colour", "green").put("lookalikes", List.of("bad-fields"));
    bad.remove("name_ko");
    HttpResponse<Buffer> response = http.admin(HttpMethod.POST, PLANTS, bad);
    assertEquals(400, response.statusCode());
    assertEquals("invalid_plant", errorCode(response));
    JsonObject fields = response.bodyAsJsonObject().getJsonObject("error").getJsonObject("detail").getJsonObject("fields");
    assertEquals(Set.of("name_ko", "toxicity", "bloom_months", "colour", "lookalikes"), fields.fieldNames());

    HttpResponse<Buffer> notJson = await(http.request(HttpMethod.POST, PLANTS).bearerTokenAuthentication(CatalogHttp.TOKEN)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"id\": ")));
    assertEquals("invalid_json", errorCode(notJson));
    HttpResponse<Buffer> array = await(http.request(HttpMethod.POST, PLANTS).bearerTokenAuthentication(CatalogHttp.TOKEN)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("[1]")));
    assertEquals("invalid_json", errorCode(array));
    HttpResponse<Buffer> untyped = await(http.request(HttpMethod.POST, PLANTS).bearerTokenAuthentication(CatalogHttp.TOKEN)
        .sendBuffer(Buffer.buffer("{}")));
    assertEquals(415, untyped.statusCode());

    HttpResponse<Buffer> otherId = http.admin(HttpMethod.PUT, PLANTS + "/" + IDENTIFIABLE, plant("another-id", "다른풀"));
    assertEquals(400, otherId.statusCode());
    assertEquals(404, http.admin(HttpMethod.PUT, PLANTS + "/missing-plant", plant("missing-plant", "없는풀")).statusCode());
    assertEquals(404, http.admin(HttpMethod.DELETE, PLANTS + "/missing-plant", null).statusCode());
    HttpResponse<Buffer> duplicate = http.admin(HttpMethod.POST, PLANTS, plant(IDENTIFIABLE, "중복"));
    assertEquals(409, duplicate.statusCode());
    assertEquals("plant_exists", errorCode(duplicate));
  }

  @Test
  void changesArePublishedAndADeletedPlantIsNeverServedAfterTheDelete() throws Exception {
    BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    MessageConsumer<JsonObject> consumer = service.vertx().eventBus()
        .consumer(Addresses.CATALOG_CHANGED, (Message<JsonObject> event) -> events.add(event.body()));
    await(consumer.completion());
    try {
      assertFalse(ids(http.walk("limit=100", page -> { })).contains("event-test")); // pages now cached
      JsonObject plant = plant("event-test", "이벤트풀");
      HttpResponse<Buffer> created = http.admin(HttpMethod.POST, PLANTS, plant);
      assertEquals(201, created.statusCode());
      assertTrue(ids(http.walk("limit=100", page -> { })).contains("event-test"));
      assertEquals(PLANTS + "/event-test", created.getHeader("Location"));
      assertEquals(new JsonObject().put("change", "created").put("id", "event-test")
          .put("plant", plant.copy().put("images", new JsonArray())), events.poll(5, TimeUnit.SECONDS));

      JsonObject renamed = plant.copy().put("name_ko", "바뀐이벤트풀");
      assertEquals("바뀐이벤트풀", http.admin(HttpMethod.PUT, PLANTS + "/event-test", renamed).bodyAsJsonObject().getString("name_ko"));
      JsonObject updated = events.poll(5, TimeUnit.SECONDS);
      assertEquals("updated", updated.getString("change"));
      assertEquals("바뀐이벤트풀", updated.getJsonObject("plant").getString("name_ko"));

      assertTrue(ids(http.walk("limit=100", page -> { })).contains("event-test"));
      assertEquals(204, http.admin(HttpMethod.DELETE, PLANTS + "/event-test", null).statusCode());
      assertEquals(404, http.get(PLANTS + "/event-test").statusCode());
      assertFalse(ids(http.walk("limit=100", page -> { })).contains("event-test"));
      JsonObject summaries = await(service.vertx().eventBus().<JsonObject>request(Addresses.CATALOG_SUMMARIES,
          new JsonObject().put("ids", List.of("event-test")))).body();
      assertEquals(new JsonObject(), summaries.getJsonObject("items"));
      assertEquals(new JsonObject().put("change", "deleted").put("id", "event-test").putNull("plant"),
          events.poll(5, TimeUnit.SECONDS));
    } finally {
      await(consumer.unregister());
    }
  }

  @Test
  void snapshotAndSummariesAnswerOnTheBus() {
    List<JsonObject> listed = http.walk("limit=100", page -> { });
    JsonArray snapshot = await(service.vertx().eventBus().<JsonObject>request(Addresses.CATALOG_SNAPSHOT, null))
        .body().getJsonArray("items");
    assertEquals(ids(listed), snapshot.stream().map(p -> ((JsonObject) p).getString("id")).toList());
    JsonObject full = (JsonObject) snapshot.stream()
        .filter(p -> IDENTIFIABLE.equals(((JsonObject) p).getString("id"))).findFirst().orElseThrow();
    assertTrue(full.containsKey("description_ko"));
    assertFalse(full.containsKey("_id"));

    JsonObject summaries = await(service.vertx().eventBus().<JsonObject>request(Addresses.CATALOG_SUMMARIES,
        new JsonObject().put("ids", List.of(IDENTIFIABLE, "unknown-plant")))).body().getJsonObject("items");
    assertEquals(Set.of(IDENTIFIABLE), summaries.fieldNames());
    assertEquals(PlantSummaries.of(full), summaries.getJsonObject(IDENTIFIABLE));
  }

  /**
   * Keyset pagination: plants inserted behind the cursor are not shown, those ahead are; a plant
   * deleted before the walk reaches it never shows; nothing shows twice, nothing that stayed is
   * missed — even when the plant under the cursor itself is deleted.
   */
  @Test
  void walkStaysConsistentWhilePlantsAreAddedAndDeleted() {
    List<String> before = ids(http.walk("limit=100", page -> { }));
    String unreached = before.get(before.size() - 5);
    List<JsonObject> walked = http.walk("limit=10", page -> {
      if (page == 0) {
        assertEquals(201, http.admin(HttpMethod.POST, PLANTS, plant("walk-behind", "가")).statusCode());
        assertEquals(201, http.admin(HttpMethod.POST, PLANTS, plant("walk-ahead", "힣힣")).statusCode());
        delete(unreached);
      } else if (page == 1) {
        delete(before.get(3)); // already seen
        delete(before.get(19)); // the plant under the cursor
        String aheadName = http.get(PLANTS + "/" + before.get(25)).bodyAsJsonObject().getString("name_ko");
        assertEquals(201, http.admin(HttpMethod.POST, PLANTS, plant("walk-same-name", aheadName)).statusCode());
      }
    });
    List<String> walkedIds = ids(walked);
    assertEquals(walkedIds.size(), new HashSet<>(walkedIds).size(), "no duplicates");
    for (int i = 1; i < walked.size(); i++) {
      assertTrue(SortKey.of(walked.get(i - 1)).compareTo(SortKey.of(walked.get(i))) < 0, "list order at " + i);
    }
    for (String id : before) {
      assertEquals(!id.equals(unreached), walkedIds.contains(id), id);
    }
    assertTrue(walkedIds.contains("walk-ahead"));
    assertTrue(walkedIds.contains("walk-same-name"));
    assertFalse(walkedIds.contains("walk-behind"));
  }

  private static void delete(String id) {
    assertEquals(204, http.admin(HttpMethod.DELETE, PLANTS + "/" + id, null).statusCode());
  }
}
