package app.poison.catalog;

import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
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

  /** {@code seedFile}: a path on disk, or else on the classpath (the copy inside the jar). */
  Future<Void> importFrom(String seedFile, List<JsonObject> current) {
    return vertx.fileSystem().readFile(seedFile)
        .map(content -> parse(seedFile, content.toString()))
        .compose(seed -> repository.seededIds().compose(seeded -> importNew(seed, seeded, current)));
  }

  private Future<Void> importNew(Map<String, JsonObject> seed, Set<String> seeded, List<JsonObject> current) {
    Set<String> present = new HashSet<>();
    current.forEach(plant -> present.add(plant.getString("id")));
    List<String> newIds = seed.keySet().stream().filter(id -> !seeded.contains(id)).toList();
    List<JsonObject> newPlants = newIds.stream().filter(id -> !present.contains(id)).map(seed::get).toList();
    if (!newIds.isEmpty()) {
      LOG.info("Catalog seed: importing {} new plants ({} lines already imported before)",
          newPlants.size(), seed.size() - newIds.size());
    }
    current.addAll(newPlants);
    return repository.importSeed(newPlants, newIds);
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
        JsonObject plant = PlantValidator.validate(new JsonObject(line));
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
