package app.poison.search;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The catalog seed as the catalog's snapshot hands it to search. */
final class SearchFixtures {
  static final Path SEED = Path.of("conf/plants.jsonl");

  private SearchFixtures() {
  }

  static List<JsonObject> catalog() throws IOException {
    return Files.readAllLines(SEED).stream().filter(line -> !line.isBlank()).map(JsonObject::new).toList();
  }
}
