package app.poison.search;

import app.poison.catalog.PlantSummaries;
import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code search.query} from an in-memory index of the catalog: built from the catalog's
 * snapshot at start (retried with backoff until the catalog answers) and kept fresh from its
 * change events. Index writes run on a worker pool of their own. Searches run on the event loop:
 * they take a fraction of a millisecond of CPU, less than handing them to another thread costs
 * on a busy machine, and answers to repeated queries (typing users) come from a small cache.
 */
public class SearchVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SearchVerticle.class);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 5_000;
  private static final String INDEX_POOL = "poison-search-index";
  private static final int CACHED_ANSWERS = 4_096;

  private final SearchEngine engine = new SearchEngine();
  private WorkerExecutor indexWriter;
  /** Changes that arrive while the snapshot loads, applied after it so none is lost. */
  private final List<JsonObject> changesDuringLoad = new ArrayList<>();
  private boolean loaded;
  /** Answers by limit and query, valid for one index generation. Event-loop confined. */
  private final Map<String, Buffer> answers = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Buffer> eldest) {
      return size() > CACHED_ANSWERS;
    }
  };
  private long answersGeneration = -1;

  @Override
  public Future<?> start() {
    indexWriter = vertx.createSharedWorkerExecutor(INDEX_POOL, 1);
    var queries = vertx.eventBus().<JsonObject>consumer(Addresses.SEARCH_QUERY, this::search);
    var changes = vertx.eventBus().<JsonObject>consumer(Addresses.CATALOG_CHANGED, this::onCatalogChanged);
    return Future.all(queries.completion(), changes.completion()).onSuccess(ignored -> loadSnapshot(FIRST_RETRY_MS));
  }

  @Override
  public Future<?> stop() {
    return indexWriter.executeBlocking(() -> {
      engine.close();
      return null;
    }).eventually(indexWriter::close);
  }

  private void loadSnapshot(long retryMs) {
    vertx.eventBus().<JsonObject>request(Addresses.CATALOG_SNAPSHOT, new JsonObject())
        .compose(reply -> indexWriter.executeBlocking(() -> {
          engine.load(plants(reply.body().getJsonArray("items", new JsonArray())));
          return engine.plantCount();
        }))
        .onSuccess(count -> {
          loaded = true;
          LOG.info("Search index built: {} plants", count);
          changesDuringLoad.forEach(this::apply);
          changesDuringLoad.clear();
        })
        .onFailure(error -> {
          LOG.warn("Catalog snapshot failed ({}); retrying in {} ms", error.getMessage(), retryMs);
          vertx.setTimer(retryMs, id -> loadSnapshot(Math.min(retryMs * 2, MAX_RETRY_MS)));
        });
  }

  private static List<JsonObject> plants(JsonArray items) {
    List<JsonObject> plants = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      plants.add(items.getJsonObject(i));
    }
    return plants;
  }

  private void onCatalogChanged(Message<JsonObject> message) {
    if (loaded) {
      apply(message.body());
    } else {
      changesDuringLoad.add(message.body());
    }
  }

  private void apply(JsonObject change) {
    JsonObject plant = change.getJsonObject("plant");
    String id = change.getString("id");
    indexWriter.executeBlocking(() -> {
      if ("deleted".equals(change.getString("change")) || plant == null) {
        engine.remove(id);
      } else {
        engine.upsert(plant);
      }
      return null;
    }).onFailure(error -> LOG.error("Search index update failed for plant {}", id, error));
  }

  private void search(Message<JsonObject> message) {
    try {
      if (!loaded) {
        throw new ServiceException(ErrorCode.UNAVAILABLE, "search_not_ready", "검색을 준비하고 있어요. 잠시 후 다시 시도해 주세요.", null);
      }
      SearchRequest request = SearchRequest.fromJson(message.body());
      long generation = engine.generation(); // read first: a write during this search voids its answer
      if (generation != answersGeneration) {
        answers.clear();
        answersGeneration = generation;
      }
      // Encoded once: a cached answer crosses the bus and goes out without a copy or re-encoding.
      message.reply(answers.computeIfAbsent(request.limit() + ":" + request.q(),
          key -> new JsonObject().put("query", request.q()).put("items", items(request)).toBuffer()));
    } catch (RuntimeException error) {
      ServiceException.fail(message, error);
    }
  }

  private JsonArray items(SearchRequest request) {
    JsonArray items = new JsonArray();
    for (SearchEngine.PlantHit hit : engine.search(request.q(), request.limit())) {
      JsonObject plant = engine.plant(hit.plantId());
      if (plant != null) { // null: removed while searching
        items.add(PlantSummaries.of(plant)
            .put("score", Math.round(hit.score() * 1000) / 1000.0)
            .put("matched", hit.match().toJson()));
      }
    }
    return items;
  }
}
