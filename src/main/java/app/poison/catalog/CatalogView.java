package app.poison.catalog;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole catalog in memory, in list order, with every PlantSummary built once. Read-mostly:
 * only the catalog verticle's event loop touches it, and it is updated before a change is
 * acknowledged, so a deleted plant is never served after the delete's response (on other api
 * nodes: once the relayed change event arrives).
 */
final class CatalogView {
  private record Entry(JsonObject plant, JsonObject summary) {
  }

  private static final int CACHED_PAGES = 1024;
  private final NavigableMap<SortKey, Entry> inOrder = new TreeMap<>();
  private final Map<String, Entry> byId = new HashMap<>();
  /** Encoded pages, least recently used dropped first; emptied on every change. */
  private final Map<PageRequest, Buffer> pages = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PageRequest, Buffer> eldest) {
      return size() > CACHED_PAGES;
    }
  };
  private final Set<String> identifiableIds;

  /** {@code identifiableIds}: catalog ids the served model can recognise. */
  CatalogView(Set<String> identifiableIds) {
    this.identifiableIds = Set.copyOf(identifiableIds);
  }

  void put(JsonObject plant) {
    remove(plant.getString("id"));
    Entry entry = new Entry(plant, PlantSummaries.of(plant));
    inOrder.put(SortKey.of(plant), entry);
    byId.put(plant.getString("id"), entry);
  }

  void remove(String id) {
    pages.clear();
    Entry old = byId.remove(id);
    if (old != null) {
      inOrder.remove(SortKey.of(old.plant()));
    }
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** The stored document, or null. */
  JsonObject plant(String id) {
    Entry entry = byId.get(id);
    return entry == null ? null : entry.plant();
  }

  /** The page as JSON bytes: list requests are most of the traffic, and most ask for the same pages. */
  Buffer encodedPage(PageRequest request) {
    return pages.computeIfAbsent(request, key -> page(key).toBuffer());
  }

  JsonObject page(PageRequest request) {
    Map<SortKey, Entry> rest = request.after() == null ? inOrder : inOrder.tailMap(request.after(), false);
    JsonArray items = new JsonArray();
    SortKey last = null;
    for (Map.Entry<SortKey, Entry> next : rest.entrySet()) {
      if (!matches(next.getValue(), request)) {
        continue;
      }
      if (items.size() == request.limit()) {
        // another matching plant exists: only then is there a next page
        return new JsonObject().put("items", items).put("next_cursor", PageRequest.cursor(last));
      }
      items.add(next.getValue().summary());
      last = next.getKey();
    }
    return new JsonObject().put("items", items).putNull("next_cursor");
  }

  /** The Plant of DESIGN.md: look-alikes as summaries (dangling ids skipped), image URLs, identifiable. */
  JsonObject detail(String id) {
    JsonObject plant = plant(id);
    if (plant == null) {
      return null;
    }
    JsonObject detail = plant.copy();
    JsonArray lookalikes = new JsonArray();
    for (Object lookalike : plant.getJsonArray("lookalikes", new JsonArray())) {
      Entry entry = byId.get(String.valueOf(lookalike));
      if (entry != null) {
        lookalikes.add(entry.summary());
      }
    }
    JsonArray images = new JsonArray();
    for (Object image : plant.getJsonArray("images", new JsonArray())) {
      JsonObject stored = (JsonObject) image;
      images.add(stored.copy().put("url", PlantSummaries.IMAGE_PATH + stored.getString("key")));
    }
    return detail.put("lookalikes", lookalikes).put("images", images)
        .put("identifiable", identifiableIds.contains(id));
  }

  /** {@code {id: PlantSummary}} for the known ids among {@code ids}. */
  JsonObject summaries(JsonArray ids) {
    JsonObject items = new JsonObject();
    for (Object id : ids) {
      Entry entry = byId.get(String.valueOf(id));
      if (entry != null) {
        items.put(entry.plant().getString("id"), entry.summary());
      }
    }
    return items;
  }

  JsonArray all() {
    JsonArray plants = new JsonArray();
    inOrder.values().forEach(entry -> plants.add(entry.plant()));
    return plants;
  }

  private boolean matches(Entry entry, PageRequest request) {
    return (request.poisonous() == null || request.poisonous() == entry.summary().getBoolean("poisonous"))
        && (request.identifiable() == null || request.identifiable() == identifiableIds.contains(entry.summary().getString("id")));
  }
}
