package app.poison.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Typo-tolerant plant search over the catalog's names. Thread-safe: one writer at a time, any
 * number of concurrent searches.
 */
public final class SearchEngine implements AutoCloseable {
  /** Names the index hands to the matcher for each term. */
  private static final int CANDIDATES = 100;
  private static final Comparator<PlantHit> BEST_FIRST =
      Comparator.comparingDouble(PlantHit::score).reversed().thenComparing(PlantHit::plantId);

  private final PlantIndex index = new PlantIndex();
  private final Map<String, JsonObject> plants = new ConcurrentHashMap<>();
  private volatile long generation;

  /** A plant found by a search, and the name that matched best. */
  public record PlantHit(String plantId, NameMatch match) {
    double score() {
      return match.score();
    }

    String kind() {
      return match.kind();
    }
  }

  /** Replaces the whole catalog. */
  public synchronized void load(List<JsonObject> catalog) {
    index.clear();
    plants.clear();
    catalog.forEach(this::put);
    index.compact();
    refresh();
  }

  /** Adds or replaces one plant; searchable when this returns. */
  synchronized void upsert(JsonObject plant) {
    put(plant);
    refresh();
  }

  synchronized void remove(String plantId) {
    plants.remove(plantId);
    index.replace(plantId, List.of());
    refresh();
  }

  /**
   * Makes the writes searchable, moving the generation on before and after: answers computed
   * before the write, or during it, all carry an older generation than those computed after.
   */
  private void refresh() {
    generation++;
    index.refresh();
    generation++;
  }

  /** Moves on with every write: an answer cached under an older generation may be stale. */
  long generation() {
    return generation;
  }

  int plantCount() {
    return plants.size();
  }

  /** The full catalog document of a plant found by {@link #search}, or null if removed since. */
  JsonObject plant(String plantId) {
    return plants.get(plantId);
  }

  private void put(JsonObject plant) {
    String id = plant.getString("id");
    plants.put(id, plant);
    index.replace(id, names(plant));
  }

  private static List<Map.Entry<String, String>> names(JsonObject plant) {
    List<Map.Entry<String, String>> names = new ArrayList<>();
    addName(names, NameEntry.NAME_KO, plant.getString(NameEntry.NAME_KO));
    JsonArray aliases = plant.getJsonArray(NameEntry.ALIASES_KO, new JsonArray());
    aliases.forEach(alias -> addName(names, NameEntry.ALIASES_KO, String.valueOf(alias)));
    addName(names, NameEntry.NAME_EN, plant.getString(NameEntry.NAME_EN));
    addName(names, NameEntry.SCIENTIFIC_NAME, plant.getString(NameEntry.SCIENTIFIC_NAME));
    addName(names, NameEntry.FAMILY, plant.getString(NameEntry.FAMILY));
    addName(names, NameEntry.FAMILY_KO, plant.getString(NameEntry.FAMILY_KO));
    return names;
  }

  private static void addName(List<Map.Entry<String, String>> names, String field, String value) {
    if (value != null && !value.isBlank()) {
      names.add(Map.entry(field, value));
    }
  }

  /**
   * Best plants for {@code query}, best first. Several space-separated terms are searched each on
   * their own (다중검색) and their results interleaved when every term is a name on its own, unless
   * the whole query reads as one name at least as well as its weakest term does ("은방울 꽃",
   * "common comfrey"). A Latin term before the last is a finished word, often one word of a longer
   * name: it stands for a name only when it matches a whole one ("japanese" in "japanese star
   * anis" does not; a Korean term may be a name cut short, 은방울). When some term is no name, the
   * whole query is read as one name ("korean wild chiev"), or, when it is none either, the terms
   * that are names are searched ("진달래 자동차").
   */
  public List<PlantHit> search(String query, int limit) {
    List<PlantHit> whole = searchTerm(NameForms.of(query));
    String[] terms = query.trim().split("\\s+");
    if (terms.length == 1) {
      return top(whole, limit);
    }
    List<List<PlantHit>> named = new ArrayList<>();
    List<List<PlantHit>> asWords = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      NameForms term = NameForms.of(terms[i]);
      List<PlantHit> hits = searchTerm(term);
      List<PlantHit> asWord = term.korean() ? hits : hits.stream().filter(hit -> !hit.match().partial()).toList();
      named.add(i == terms.length - 1 ? hits : asWord);
      asWords.add(asWord);
    }
    if (named.stream().anyMatch(List::isEmpty)) {
      return whole.isEmpty() ? interleave(asWords, limit) : top(whole, limit);
    }
    double weakestTerm = named.stream().mapToDouble(hits -> hits.get(0).score()).min().orElse(0);
    return !whole.isEmpty() && whole.get(0).score() >= weakestTerm ? top(whole, limit) : interleave(named, limit);
  }

  private static List<PlantHit> top(List<PlantHit> hits, int limit) {
    return hits.subList(0, Math.min(limit, hits.size()));
  }

  private List<PlantHit> searchTerm(NameForms term) {
    if (term.isEmpty()) {
      return List.of();
    }
    Map<String, PlantHit> best = new HashMap<>();
    for (NameEntry name : index.candidates(term, CANDIDATES)) {
      NameMatch match = NameMatcher.match(term, name);
      if (match != null) {
        best.merge(name.plantId(), new PlantHit(name.plantId(), match),
            (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
      }
    }
    return best.values().stream().sorted(BEST_FIRST).toList();
  }

  /** First hit of every term, then the second of every term, and so on; each plant once. */
  private static List<PlantHit> interleave(List<List<PlantHit>> perTerm, int limit) {
    Map<String, PlantHit> merged = new LinkedHashMap<>();
    int longest = perTerm.stream().mapToInt(List::size).max().orElse(0);
    for (int rank = 0; rank < longest && merged.size() < limit; rank++) {
      for (List<PlantHit> hits : perTerm) {
        if (rank < hits.size() && merged.size() < limit) {
          merged.putIfAbsent(hits.get(rank).plantId(), hits.get(rank));
        }
      }
    }
    return List.copyOf(merged.values());
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
