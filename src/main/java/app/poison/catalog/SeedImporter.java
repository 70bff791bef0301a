package app.poison.catalog;

import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the catalog seed (JSON lines), idempotent by id: a seed plant is imported once, ever,
 * so later starts never overwrite an admin's edit or bring back a plant an admin deleted. A line
 * that fails validation is logged and skipped; the others still load.
 */
final class SeedImporter {
  private static final Logger LOG = LoggerFactory.getLogger(SeedImporter.class);
  private final Vertx vertx;
  private final PlantRepository repository;

  SeedImporter(Vertx vertx, PlantRepository repository) {
    this.vertx = vertx;
    this.repository = repository;
  }

  /**
   * Imports the seed plants never imported before and returns those it inserted.
   * {@code seedFile}: a path on disk, or else on the classpath (the copy inside the jar);
   * {@code present}: ids already in the collection.
   */
  Future<List<JsonObject>> importFrom(String seedFile, Set<String> present) {
    return vertx.fileSystem().readFile(seedFile)
        .map(content -> parse(seedFile, content.toString()))
        .compose(seed -> repository.seededIds().compose(seeded -> importNew(seed, seeded, present)));
  }

  private Future<List<JsonObject>> importNew(Map<String, JsonObject> seed, Set<String> seeded, Set<String> present) {
    List<String> newIds = seed.keySet().stream().filter(id -> !seeded.contains(id)).toList();
    List<JsonObject> newPlants = newIds.stream().filter(id -> !present.contains(id)).map(seed::get).toList();
    if (!newIds.isEmpty()) {
      LOG.info("Catalog seed: importing {} new plants ({} lines already imported before)",
          newPlants.size(), seed.size() - newIds.size());
    }
    return repository.importSeed(newPlants, newIds).map(newPlants);
  }

  private static Map<String, JsonObject> parse(String seedFile, String content) {
    Map<String, JsonObject> plants = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    String[] lines = content.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonObject plant = PlantValidator.validate(new JsonObject(line)).put("images", new JsonArray());
        if (plants.putIfAbsent(plant.getString("id"), plant) != null) {
          skipped.add("line " + (i + 1) + ": duplicate id " + plant.getString("id"));
        }
      } catch (DecodeException e) {
        skipped.add("line " + (i + 1) + ": not a JSON object");
      } catch (ServiceException e) {
        skipped.add("line " + (i + 1) + ": " + e.detail().getJsonObject("fields").encode());
      }
    }
    skipped.forEach(reason -> LOG.warn("Catalog seed {} skipped {}", seedFile, reason));
    return plants;
  }
}
