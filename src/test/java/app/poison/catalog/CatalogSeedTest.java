package app.poison.catalog;

import static app.poison.catalog.CatalogHttp.await;
import static app.poison.catalog.CatalogHttp.errorCode;
import static app.poison.catalog.CatalogHttp.ids;
import static app.poison.catalog.CatalogHttp.idsInListOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.poison.PoisonService;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed import on first and later starts, and a full walk of a fresh catalog. */
class CatalogSeedTest {

  @Test
  void fullWalkEqualsTheSeedInListOrder() {
    List<JsonObject> seed = CatalogHttp.seed();
    PoisonService service = await(TestServices.start());
    try (CatalogHttp http = new CatalogHttp(service.httpPort())) {
      List<JsonObject> walked = http.walk("limit=7", page -> { });
      assertEquals(idsInListOrder(seed), ids(walked));
      assertEquals(PlantSummaries.of(seed.get(0)), walked.stream()
          .filter(p -> p.getString("id").equals(seed.get(0).getString("id"))).findFirst().orElseThrow());

      List<JsonObject> poisonous = seed.stream().filter(p -> p.getBoolean("poisonous")).toList();
      assertEquals(idsInListOrder(poisonous), ids(http.walk("limit=100&poisonous=true", page -> { })));
      List<JsonObject> harmless = seed.stream().filter(p -> !p.getBoolean("poisonous")).toList();
      assertEquals(idsInListOrder(harmless), ids(http.walk("limit=9&poisonous=false", page -> { })));

      JsonObject firstPage = http.get("/api/v1/plants").bodyAsJsonObject();
      assertEquals(PageRequest.DEFAULT_LIMIT, firstPage.getJsonArray("items").size());
    } finally {
      await(service.stop());
    }
  }

  @Test
  void aLaterStartKeepsAdminEditsAndDeletes() {
    Path dataDir = TestServices.tempDir();
    Map<String, String> env = Map.of(
        ConfigKeys.envName(ConfigKeys.DATA_DIR), dataDir.toString(),
        ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), CatalogHttp.TOKEN);
    List<JsonObject> seed = CatalogHttp.seed();
    JsonObject edited = seed.get(0).copy().put("description_ko", "관리자가 고친 설명");
    String deleted = seed.get(1).getString("id");

    PoisonService first = await(TestServices.start(env));
    try (CatalogHttp http = new CatalogHttp(first.httpPort())) {
      assertEquals(200, http.admin(HttpMethod.PUT, "/api/v1/plants/" + edited.getString("id"), edited).statusCode());
      assertEquals(204, http.admin(HttpMethod.DELETE, "/api/v1/plants/" + deleted, null).statusCode());
    } finally {
      await(first.stop());
    }

    PoisonService second = await(TestServices.start(env));
    try (CatalogHttp http = new CatalogHttp(second.httpPort())) {
      assertEquals("관리자가 고친 설명", http.get("/api/v1/plants/" + edited.getString("id"))
          .bodyAsJsonObject().getString("description_ko"));
      assertEquals(404, http.get("/api/v1/plants/" + deleted).statusCode());
      assertEquals(seed.size() - 1, http.walk("limit=100", page -> { }).size());
    } finally {
      await(second.stop());
    }
  }

  @Test
  void badSeedLinesAreSkippedAndTheRestLoads() throws Exception {
    Path seedFile = TestServices.tempDir().resolve("plants.jsonl");
    JsonObject first = CatalogHttp.plant("first-plant", "가나다");
    JsonObject last = CatalogHttp.plant("last-plant", "라마바");
    Files.writeString(seedFile, String.join("\n",
        first.encode(),
        "{not json",
        CatalogHttp.plant("lethal-plant", "독").put("toxicity", "lethal").encode(),
        CatalogHttp.plant("safe-but-toxic", "모순").put("poisonous", false).encode(),
        "[1, 2]",
        first.copy().put("name_ko", "중복").encode(),
        "",
        last.encode()));
    PoisonService service = await(TestServices.start(Map.of(ConfigKeys.envName(ConfigKeys.CATALOG_SEED), seedFile.toString())));
    try (CatalogHttp http = new CatalogHttp(service.httpPort())) {
      List<JsonObject> walked = http.walk("limit=10", page -> { });
      assertEquals(List.of("first-plant", "last-plant"), ids(walked));
      assertEquals("가나다", walked.get(0).getString("name_ko"));

      // no admin token configured: every admin route is refused before anything else
      assertEquals("admin_disabled", errorCode(http.admin(HttpMethod.POST, "/api/v1/plants", CatalogHttp.plant("x", "엑스"))));
      assertEquals("admin_disabled", errorCode(http.admin(HttpMethod.PUT, "/api/v1/plants/first-plant", first)));
      assertEquals(403, http.admin(HttpMethod.DELETE, "/api/v1/plants/first-plant", null).statusCode());
      assertEquals(403, http.upload("first-plant", new byte[] {1, 2, 3}).statusCode());
      assertEquals(200, http.get("/api/v1/plants/first-plant").statusCode());
    } finally {
      await(service.stop());
    }
  }
}
