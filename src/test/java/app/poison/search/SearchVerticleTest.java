package app.poison.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.messaging.Addresses;
import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verticle on a real event bus, with the catalog's snapshot and change events stood in. */
@ExtendWith(VertxExtension.class)
class SearchVerticleTest {
  private static final long FRESHNESS_MS = 1_000;

  @Test
  void deploysBeforeTheCatalogAndBuildsItsIndexOnceTheCatalogAnswers(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new SearchVerticle())
        .compose(id -> search(vertx, "진달레"))
        .transform(beforeCatalog -> beforeCatalog.succeeded()
            ? Future.failedFuture("answered before the index was built: " + beforeCatalog.result())
            : Future.succeededFuture(ServiceException.from(beforeCatalog.cause()).wireCode()))
        .onSuccess(code -> ctx.verify(() -> assertEquals("search_not_ready", code)))
        .compose(ignored -> serveSnapshot(vertx))
        .compose(ignored -> untilFound(vertx, "진달레", 5_000))
        .onComplete(ctx.succeeding(items -> ctx.verify(() -> {
          JsonObject best = items.getJsonObject(0);
          assertEquals("rhododendron-mucronulatum", best.getString("id"));
          assertEquals(new JsonObject().put("field", "name_ko").put("value", "진달래").put("kind", "typo"),
              best.getJsonObject("matched"));
          assertTrue(best.getDouble("score") > 0 && best.getDouble("score") < 1);
          ctx.completeNow();
        })));
  }

  @Test
  void aNewThenRenamedThenDeletedPlantIsSearchableWithinOneSecond(Vertx vertx, VertxTestContext ctx) {
    JsonObject plant = new JsonObject().put("id", "solanum-carolinense").put("name_ko", "도깨비가지")
        .put("aliases_ko", new JsonArray()).put("scientific_name", "Solanum carolinense").put("poisonous", true);
    JsonObject renamed = plant.copy().put("name_ko", "미국가시가지");
    serveSnapshot(vertx)
        .compose(ignored -> vertx.deployVerticle(new SearchVerticle()))
        .compose(ignored -> untilFound(vertx, "진달래", 5_000))
        .compose(ignored -> changed(vertx, "created", plant, "도깨비가지"))
        .compose(ignored -> changed(vertx, "updated", renamed, "미국가시가지"))
        .compose(items -> search(vertx, "도깨비가지"))
        .onSuccess(items -> ctx.verify(() -> assertEquals(0, items.size(), "old name gone")))
        .compose(ignored -> publish(vertx, "deleted", "solanum-carolinense", null))
        .compose(ignored -> untilEmpty(vertx, "미국가시가지", FRESHNESS_MS))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<JsonArray> changed(Vertx vertx, String change, JsonObject plant, String query) {
    return publish(vertx, change, plant.getString("id"), plant)
        .compose(ignored -> untilFound(vertx, query, FRESHNESS_MS));
  }

  private static Future<Void> publish(Vertx vertx, String change, String id, JsonObject plant) {
    vertx.eventBus().publish(Addresses.CATALOG_CHANGED, new JsonObject().put("change", change).put("id", id).put("plant", plant));
    return Future.succeededFuture();
  }

  private static Future<Void> serveSnapshot(Vertx vertx) {
    try {
      JsonObject snapshot = new JsonObject().put("items", new JsonArray(SearchFixtures.catalog()));
      return vertx.eventBus().<JsonObject>consumer(Addresses.CATALOG_SNAPSHOT, message -> message.reply(snapshot)).completion();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
  }

  static Future<JsonArray> search(Vertx vertx, String q) {
    return vertx.eventBus().<Buffer>request(Addresses.SEARCH_QUERY, new JsonObject().put("q", q).put("limit", 5))
        .map(reply -> new JsonObject(reply.body()).getJsonArray("items"));
  }

  private static Future<JsonArray> untilFound(Vertx vertx, String q, long withinMs) {
    return poll(vertx, q, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMs), true);
  }

  private static Future<JsonArray> untilEmpty(Vertx vertx, String q, long withinMs) {
    return poll(vertx, q, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMs), false);
  }

  /** Searches every 10 ms until the result is (non-)empty, failing after the deadline. */
  private static Future<JsonArray> poll(Vertx vertx, String q, long deadline, boolean wantFound) {
    return search(vertx, q).recover(notReady -> Future.succeededFuture(new JsonArray())).compose(items -> {
      if (items.isEmpty() != wantFound) {
        return Future.succeededFuture(items);
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture("'" + q + "' still " + (wantFound ? "not found" : "found") + ": " + items);
      }
      Promise<JsonArray> next = Promise.promise();
      vertx.setTimer(10, id -> poll(vertx, q, deadline, wantFound).onComplete(next));
      return next.future();
    });
  }
}
