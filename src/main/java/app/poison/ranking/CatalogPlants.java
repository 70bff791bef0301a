package app.poison.ranking;

import app.poison.catalog.PlantSummaries;
import app.poison.messaging.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * PlantSummaries of the catalog's plants, loaded from its snapshot and kept current from its
 * changes: ranked plants are shown with them, and plants deleted from the catalog drop out.
 * Event-loop confined.
 */
final class CatalogPlants {
  private final Vertx vertx;
  private final Runnable onChange;
  private final Map<String, JsonObject> summaries = new HashMap<>();
  private Future<Void> loaded;

  CatalogPlants(Vertx vertx, Runnable onChange) {
    this.vertx = vertx;
    this.onChange = onChange;
  }

  Future<Void> listen() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.CATALOG_CHANGED, this::apply).completion();
  }

  /** Completes once the catalog has answered; asks again on each call until it has. */
  Future<Void> ready() {
    if (loaded == null || loaded.failed()) {
      loaded = vertx.eventBus().<JsonObject>request(Addresses.CATALOG_SNAPSHOT, new JsonObject())
          .map(reply -> {
            reply.body().getJsonArray("items").forEach(item -> put((JsonObject) item));
            onChange.run();
            return null;
          });
    }
    return loaded;
  }

  /** The plant's summary, or null when the catalog does not have it. */
  JsonObject summary(String id) {
    return summaries.get(id);
  }

  private void apply(Message<JsonObject> change) {
    JsonObject plant = change.body().getJsonObject("plant");
    if (plant == null) {
      summaries.remove(change.body().getString("id"));
    } else {
      put(plant);
    }
    onChange.run();
  }

  private void put(JsonObject plant) {
    summaries.put(plant.getString("id"), PlantSummaries.of(plant));
  }
}
