package app.poison.identify;

import app.poison.config.ConfFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The catalog seed ({@code plants.jsonl}) as a map by id: what the safety rules need outside the service. */
public final class PlantFacts {
  public static final String DEFAULT_FILE = "conf/plants.jsonl";

  private PlantFacts() {
  }

  /** {@code conf/plants.jsonl} from the working directory, else the copy packaged in the jar. */
  public static Map<String, JsonObject> loadDefault() throws IOException {
    return parse(ConfFiles.read(DEFAULT_FILE));
  }

  private static Map<String, JsonObject> parse(String jsonl) {
    Map<String, JsonObject> plants = new LinkedHashMap<>();
    jsonl.lines().map(String::strip).filter(line -> !line.isEmpty())
        .map(JsonObject::new)
        .forEach(plant -> plants.put(plant.getString("id"), plant));
    return plants;
  }
}
