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
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verticle on a real event bus, with the catalog's snapshot and change events stood in. Every
 * wait is for the condition itself (the index answers, a change shows), never for a fixed time:
 * the timeout only keeps a broken verticle from hanging the build.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 2, timeUnit = TimeUnit.MINUTES)
class SearchVerticleTest {
  private static final String NOT_READY = "search_not_ready";

  @Test
  void deploysBeforeTheCatalogAndBuildsItsIndexOnceTheCatalogAnswers(Vertx vertx, VertxTestContext ctx) {
    vertx.deployVerticle(new SearchVerticle())
        .compose(id -> search(vertx, "진달레"))
        .transform(beforeCatalog -> beforeCatalog.succeeded()
            ? Future.failedFuture("answered before the index was built: " + beforeCatalog.result())
            : Future.succeededFuture(ServiceException.from(beforeCatalog.cause()).wireCode()))
        .onSuccess(code -> ctx.verify(() -> assertEquals(NOT_READY, code)))
        .compose(ignored -> serveSnapshot(vertx))
        .compose(ignored -> untilReady(vertx))
        .compose(ignored -> search(vertx, "진달레"))
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
  void followsANewThenRenamedThenDeletedPlant(Vertx vertx, VertxTestContext ctx) {
    JsonObject plant = new JsonObject().put("id", "solanum-carolinense").put("name_ko", "도깨비가지")
        .put("aliases_ko", new JsonArray()).put("scientific_name", "Solanum carolinense").put("poisonous", true);
    JsonObject renamed = plant.copy().put("name_ko", "미국가시가지");
    serveSnapshot(vertx)
        .compose(ignored -> vertx.deployVerticle(new SearchVerticle()))
        .compose(ignored -> untilReady(vertx))
        .compose(ignored -> changed(vertx, "created", plant, "도깨비가지"))
        .compose(ignored -> changed(vertx, "updated", renamed, "미국가시가지"))
        .compose(items -> search(vertx, "도깨비가지"))
        .onSuccess(items -> ctx.verify(() -> assertEquals(0, items.size(), "old name gone with the rename")))
        .compose(ignored -> publish(vertx, "deleted", "solanum-carolinense", null))
        .compose(ignored -> until(vertx, "미국가시가지", false))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<JsonArray> changed(Vertx vertx, String change, JsonObject plant, String query) {
    return publish(vertx, change, plant.getString("id"), plant).compose(ignored -> until(vertx, query, true));
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

  /** Searches until the verticle stops answering {@code search_not_ready}; any other failure fails. */
  private static Future<Void> untilReady(Vertx vertx) {
    return search(vertx, "진달래").<Void>mapEmpty().recover(error -> NOT_READY.equals(ServiceException.from(error).wireCode())
        ? later(vertx, () -> untilReady(vertx))
        : Future.failedFuture(error));
  }

  /** Searches until {@code q} finds something ({@code found}) or nothing: a change is applied off the event loop. */
  private static Future<JsonArray> until(Vertx vertx, String q, boolean found) {
    return search(vertx, q).compose(items -> items.isEmpty() != found
        ? Future.succeededFuture(items)
        : later(vertx, () -> until(vertx, q, found)));
  }

  private static <T> Future<T> later(Vertx vertx, Supplier<Future<T>> next) {
    Promise<T> result = Promise.promise();
    vertx.setTimer(10, id -> next.get().onComplete(result));
    return result.future();
  }
}
