package app.poison.catalog;

import app.poison.messaging.Addresses;
import app.poison.messaging.AmqpEventBridge;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin commands: each stores its change, applies it to the view before the reply (so no
 * later read sees the old state) and publishes {@code catalog.changed}. The caller runs them one
 * at a time, so the view and the collection apply writes in the same order.
 */
final class CatalogCommands {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogCommands.class);
  private final PlantRepository repository;
  private final CatalogView view;
  private final EventBus bus;

  CatalogCommands(PlantRepository repository, CatalogView view, EventBus bus) {
    this.repository = repository;
    this.view = view;
    this.bus = bus;
  }

  /** {@code {"plant"}} → the created Plant. */
  Future<JsonObject> create(JsonObject request) {
    JsonObject plant = PlantValidator.validate(request.getJsonObject("plant", new JsonObject()));
    if (view.contains(plant.getString("id"))) {
      throw PlantRepository.exists(plant.getString("id"));
    }
    plant.put("images", new JsonArray());
    return repository.insert(plant).map(ignored -> changed("created", plant));
  }

  /** {@code {"id", "plant"}} → the replaced Plant; its images are kept. */
  Future<JsonObject> replace(JsonObject request) {
    String id = request.getString("id");
    JsonObject body = request.getJsonObject("plant", new JsonObject());
    if (body.getValue("id") != null && !id.equals(body.getValue("id"))) {
      throw new ServiceException(ErrorCode.INVALID_BODY, "invalid_plant", "본문의 id가 주소의 id와 달라요.",
          new JsonObject().put("fields", new JsonObject().put("id", "주소의 id와 같아야 해요.")));
    }
    JsonObject stored = existing(id);
    JsonObject plant = PlantValidator.validate(body.copy().put("id", id));
    return update(plant.put("images", stored.getJsonArray("images", new JsonArray()).copy()));
  }

  /** {@code {"id", "images"}} → the Plant with the images appended (an image already there is kept once). */
  Future<JsonObject> addImages(JsonObject request) {
    JsonObject plant = existing(request.getString("id")).copy();
    JsonArray images = plant.getJsonArray("images", new JsonArray());
    for (Object image : request.getJsonArray("images", new JsonArray())) {
      String key = ((JsonObject) image).getString("key");
      if (images.stream().noneMatch(stored -> key.equals(((JsonObject) stored).getString("key")))) {
        images.add(image);
      }
    }
    return update(plant.put("images", images));
  }

  /** {@code {"id"}} → {@code {"id"}}. */
  Future<JsonObject> delete(JsonObject request) {
    String id = request.getString("id");
    return repository.delete(id).map(deleted -> {
      if (!deleted && !view.contains(id)) {
        throw notFound(id);
      }
      view.remove(id);
      publish("deleted", id, null);
      return new JsonObject().put("id", id);
    });
  }

  static ServiceException notFound(String id) {
    return new ServiceException(ErrorCode.NOT_FOUND, "plant_not_found", "없는 식물이에요: " + id, null);
  }

  private Future<JsonObject> update(JsonObject plant) {
    String id = plant.getString("id");
    return repository.replace(plant).map(replaced -> {
      if (!replaced) {
        view.remove(id); // deleted by another node meanwhile
        throw notFound(id);
      }
      return changed("updated", plant);
    });
  }

  /**
   * Makes the view what MongoDB holds, and tells this node's readers (search, replicas) each
   * difference as if another node had made it. Changes fanned out while a node was cut off from the
   * broker are lost; the collection has them all.
   */
  Future<JsonObject> resync(JsonObject ignored) {
    return repository.all().map(stored -> {
      Map<String, JsonObject> byId = new HashMap<>();
      stored.forEach(plant -> byId.put(plant.getString("id"), plant));
      int differences = 0;
      for (Object known : view.all()) {
        String id = ((JsonObject) known).getString("id");
        if (!byId.containsKey(id)) {
          view.remove(id);
          publishLocally("deleted", id, null);
          differences++;
        }
      }
      for (JsonObject plant : stored) {
        if (!plant.equals(view.plant(plant.getString("id")))) {
          view.put(plant);
          publishLocally("updated", plant.getString("id"), plant);
          differences++;
        }
      }
      LOG.info("Catalog resynced from MongoDB: {} differences", differences);
      return new JsonObject().put("differences", differences);
    });
  }

  private JsonObject changed(String change, JsonObject plant) {
    view.put(plant);
    publish(change, plant.getString("id"), plant);
    return view.detail(plant.getString("id"));
  }

  private void publish(String change, String id, JsonObject plant) {
    bus.publish(Addresses.CATALOG_CHANGED, change(change, id, plant));
  }

  /** Marked as relayed, so the bridge does not fan it out again: every node resyncs by itself. */
  private void publishLocally(String change, String id, JsonObject plant) {
    bus.publish(Addresses.CATALOG_CHANGED, change(change, id, plant), new DeliveryOptions().addHeader(AmqpEventBridge.RELAYED, "true"));
  }

  private static JsonObject change(String change, String id, JsonObject plant) {
    return new JsonObject().put("change", change).put("id", id).put("plant", plant == null ? null : plant.copy());
  }

  private JsonObject existing(String id) {
    JsonObject plant = view.plant(id);
    if (plant == null) {
      throw notFound(id);
    }
    return plant;
  }
}
