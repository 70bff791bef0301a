package app.poison.catalog;

import app.poison.messaging.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A read-only copy of the catalog for other services (identification results, rankings): loaded
 * from the catalog's snapshot and kept current from its change events. Event-loop confined.
 */
public final class CatalogReplica {
  private final Vertx vertx;
  private final Runnable onChange;
  private final Map<String, JsonObject> plants = new HashMap<>();
  private Future<Map<String, JsonObject>> loaded;

  /** {@code onChange} runs after the snapshot loaded and after every change. */
  public CatalogReplica(Vertx vertx, Runnable onChange) {
    this.vertx = vertx;
    this.onChange = onChange;
  }

  public Future<Void> listen() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.CATALOG_CHANGED, this::apply).completion();
  }

  /** Every plant by id once the catalog has answered; asks again on each call until it has. */
  public Future<Map<String, JsonObject>> ready() {
    if (loaded == null || loaded.failed()) {
      loaded = vertx.eventBus().<JsonObject>request(Addresses.CATALOG_SNAPSHOT, new JsonObject())
          .map(reply -> {
            reply.body().getJsonArray("items").forEach(item -> put((JsonObject) item));
            onChange.run();
            return Collections.unmodifiableMap(plants);
          });
    }
    return loaded;
  }

  /** The full plant document, or null when the catalog does not have it. */
  public JsonObject plant(String id) {
    return plants.get(id);
  }

  private void apply(Message<JsonObject> change) {
    JsonObject plant = change.body().getJsonObject("plant");
    if (plant == null) {
      plants.remove(change.body().getString("id"));
    } else {
      put(plant);
    }
    onChange.run();
  }

  private void put(JsonObject plant) {
    plants.put(plant.getString("id"), plant);
  }
}
