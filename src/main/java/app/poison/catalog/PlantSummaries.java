package app.poison.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The PlantSummary shape of DESIGN.md, built from a full catalog document. Every service that
 * shows a plant in a list (catalog, search, identification, rankings) builds it here.
 */
public final class PlantSummaries {
  /** Public path prefix under which image keys are served. */
  public static final String IMAGE_PATH = "/images/";

  private PlantSummaries() {
  }

  public static JsonObject of(JsonObject plant) {
    return new JsonObject()
        .put("id", plant.getString("id"))
        .put("name_ko", plant.getString("name_ko"))
        .put("name_en", plant.getString("name_en"))
        .put("scientific_name", plant.getString("scientific_name"))
        .put("poisonous", plant.getBoolean("poisonous", false))
        .put("toxicity", plant.getString("toxicity"))
        .put("image_url", imageUrl(plant));
  }

  /** First image of the plant, or null: the SPA draws a placeholder. */
  static String imageUrl(JsonObject plant) {
    JsonArray images = plant.getJsonArray("images");
    if (images == null || images.isEmpty()) {
      return null;
    }
    Object first = images.getValue(0);
    String key = first instanceof JsonObject image ? image.getString("key") : String.valueOf(first);
    return key == null ? null : IMAGE_PATH + key;
  }
}
