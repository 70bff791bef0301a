package app.poison.ranking;

import app.poison.catalog.CatalogReplica;
import app.poison.catalog.PlantSummaries;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One window's ranking as computed at {@code generatedAtMs}: the top plants still in the catalog,
 * most counted first, ties by Korean name then id. Valid until {@code validUntilMs}.
 */
record RankingBoard(RankingWindow window, List<Entry> entries, long generatedAtMs, long validUntilMs,
                    Map<Integer, Buffer> pages) {
  record Entry(JsonObject plant, long count) {
  }

  private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::count).reversed()
      .thenComparing(entry -> entry.plant().getString("name_ko", ""))
      .thenComparing(entry -> entry.plant().getString("id"));

  static RankingBoard of(RankingWindow window, Map<String, Long> counts, CatalogReplica plants, long nowMs) {
    List<Entry> entries = counts.entrySet().stream()
        .filter(count -> count.getValue() > 0 && plants.plant(count.getKey()) != null)
        .map(count -> new Entry(PlantSummaries.of(plants.plant(count.getKey())), count.getValue()))
        .sorted(ORDER)
        .limit(RankingQuery.MAX_LIMIT)
        .toList();
    return new RankingBoard(window, entries, nowMs, window.nextEdgeMs(nowMs), new HashMap<>());
  }

  /** The encoded answer for {@code limit}, encoded once per board (boards are event-loop confined). */
  Buffer encodedPage(int limit) {
    return pages.computeIfAbsent(limit, l -> page(l).toBuffer());
  }

  /** The public answer: {@code {"window", "items": [{"rank", "plant", "count"}], "generated_at"}}. */
  JsonObject page(int limit) {
    JsonArray items = new JsonArray();
    for (int i = 0; i < Math.min(limit, entries.size()); i++) {
      items.add(new JsonObject().put("rank", i + 1).put("plant", entries.get(i).plant()).put("count", entries.get(i).count()));
    }
    return new JsonObject().put("window", window.wireName()).put("items", items)
        .put("generated_at", Instant.ofEpochMilli(generatedAtMs).toString());
  }
}
