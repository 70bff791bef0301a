package app.poison.catalog;

import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The admin commands: each stores its change, applies it to the view before the reply (so no
 * later read sees the old state) and publishes {@code catalog.changed}. The caller runs them one
 * at a time, so the view and the collection apply writes in the same order.
 */
final class CatalogCommands {
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

  private JsonObject changed(String change, JsonObject plant) {
    view.put(plant);
    publish(change, plant.getString("id"), plant);
    return view.detail(plant.getString("id"));
  }

  private void publish(String change, String id, JsonObject plant) {
    bus.publish(Addresses.CATALOG_CHANGED,
        new JsonObject().put("change", change).put("id", id).put("plant", plant == null ? null : plant.copy()));
  }

  private JsonObject existing(String id) {
    JsonObject plant = view.plant(id);
    if (plant == null) {
      throw notFound(id);
    }
    return plant;
  }
}
