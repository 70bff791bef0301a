package app.poison.catalog;

import io.vertx.core.json.JsonObject;
import java.util.Comparator;

/** The catalog's list order: Korean name, then id (ids are unique, so the order is total). */
record SortKey(String nameKo, String id) implements Comparable<SortKey> {
  private static final Comparator<SortKey> ORDER =
      Comparator.comparing(SortKey::nameKo).thenComparing(SortKey::id);

  static SortKey of(JsonObject plant) {
    return new SortKey(plant.getString("name_ko"), plant.getString("id"));
  }

  @Override
  public int compareTo(SortKey other) {
    return ORDER.compare(this, other);
  }
}
