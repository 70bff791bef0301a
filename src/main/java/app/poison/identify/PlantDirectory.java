package app.poison.identify;

import app.poison.messaging.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only copy of the catalog (toxicity, look-alikes, names) for building results: loaded from
 * the catalog's snapshot and kept current from its change events.
 */
final class PlantDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(PlantDirectory.class);
  private final Vertx vertx;
  private final Map<String, JsonObject> plants = new ConcurrentHashMap<>();
  private Future<Void> loaded;

  PlantDirectory(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().<JsonObject>consumer(Addresses.CATALOG_CHANGED, this::apply);
  }

  /** Completes once the catalog has answered; asks again on each call until it has. */
  Future<Map<String, JsonObject>> plants() {
    if (loaded == null || loaded.failed()) {
      loaded = vertx.eventBus().<JsonObject>request(Addresses.CATALOG_SNAPSHOT, new JsonObject())
          .map(reply -> {
            reply.body().getJsonArray("items").forEach(item -> {
              JsonObject plant = (JsonObject) item;
              plants.put(plant.getString("id"), plant);
            });
            return null;
          });
      loaded.onFailure(error -> LOG.warn("Catalog snapshot unavailable: {}", error.getMessage()));
    }
    return loaded.map(ignored -> plants);
  }

  private void apply(Message<JsonObject> change) {
    String id = change.body().getString("id");
    JsonObject plant = change.body().getJsonObject("plant");
    if (plant == null) {
      plants.remove(id);
    } else {
      plants.put(id, plant);
    }
  }
}
