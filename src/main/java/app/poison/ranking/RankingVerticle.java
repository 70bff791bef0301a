package app.poison.ranking;

import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import app.poison.storage.StoreClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each succeeded, confident identification once for its top-1 plant, serves the boards and
 * per-plant series, and publishes {@code rankings.updated} at most once a second when counts
 * changed. Redis holds the counts; the MongoDB history is the truth they are rebuilt from at start
 * and whenever Redis has lost them (flushed, restarted empty, or a count that could not be written).
 */
public class RankingVerticle extends VerticleBase {
  static final long PUSH_INTERVAL_MS = 1_000;
  private static final long HEALTH_CHECK_MS = 5_000;
  private static final int MAX_BATCH = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(RankingVerticle.class);

  private final Clock clock;
  private final RankingBoards boards = new RankingBoards();
  /** Events that arrived while rebuilding: counted after it, once the new state is in place. */
  private final List<RankedIdentification> heldBack = new ArrayList<>();
  /** Events waiting for the batch in flight to finish. */
  private final List<RankedIdentification> toCount = new ArrayList<>();
  private boolean counting;
  private Redis redis;
  private MongoClient mongo;
  private RankingStore store;
  private HistoryScan history;
  private CatalogPlants plants;
  private Future<Void> rebuilding;
  private boolean stale;
  private boolean changed;

  public RankingVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    redis = StoreClients.redis(vertx, config());
    mongo = StoreClients.mongo(vertx, config());
    store = new RankingStore(redis);
    history = new HistoryScan(mongo);
    plants = new CatalogPlants(vertx, boards::invalidate);
    var bus = vertx.eventBus();
    var consumers = List.of(
        bus.<JsonObject>consumer(Addresses.IDENTIFICATION_EVENTS, message -> onIdentification(message.body())).completion(),
        bus.<JsonObject>consumer(Addresses.RANKINGS_QUERY, this::board).completion(),
        bus.<JsonObject>consumer(Addresses.RANKINGS_SERIES, this::series).completion(),
        // Another node counted: our boards are out of date too.
        bus.consumer(Addresses.RANKINGS_UPDATED, message -> boards.invalidate()).completion(),
        plants.listen());
    vertx.setPeriodic(PUSH_INTERVAL_MS, id -> pushIfChanged());
    vertx.setPeriodic(HEALTH_CHECK_MS, id -> rebuildIfLost());
    return Future.all(consumers).compose(ok -> rebuild());
  }

  @Override
  public Future<?> stop() {
    return redis.close().eventually(mongo::close);
  }

  private void onIdentification(JsonObject identification) {
    RankedIdentification counted = RankedIdentification.fromEvent(identification);
    if (counted != null) {
      count(counted);
    }
  }

  private void count(RankedIdentification counted) {
    if (rebuilding != null) {
      heldBack.add(counted);
      return;
    }
    toCount.add(counted);
    if (!counting) {
      countPending();
    }
  }

  /**
   * Counts what arrived since the last round trip in one pipelined batch: one Redis connection
   * however fast events come, and bursts make bigger batches instead of a queue of requests.
   */
  private void countPending() {
    List<RankedIdentification> batch = List.copyOf(toCount.subList(0, Math.min(toCount.size(), MAX_BATCH)));
    toCount.subList(0, batch.size()).clear();
    counting = true;
    store.countOnce(batch, clock.millis()).onComplete(done -> {
      counting = false;
      boards.invalidate();
      if (done.failed()) {
        LOG.warn("Could not count {} identifications; rankings will be rebuilt: {}", batch.size(), done.cause().getMessage());
        stale = true;
      } else {
        counted(batch, done.result());
      }
      if (rebuilding != null) {
        heldBack.addAll(toCount);
        toCount.clear();
      } else if (!toCount.isEmpty()) {
        countPending();
      }
    });
  }

  private void counted(List<RankedIdentification> batch, List<RankingStore.Counted> results) {
    for (int i = 0; i < batch.size(); i++) {
      switch (results.get(i)) {
        case COUNTED -> changed = true;
        case NOT_BUILT -> heldBack.add(batch.get(i));
        case DUPLICATE -> { } // counted already, here or on another node
      }
    }
    if (results.contains(RankingStore.Counted.NOT_BUILT)) {
      rebuild();
    }
  }

  /** Rebuilds the Redis state from the history; concurrent callers share one rebuild. */
  private Future<Void> rebuild() {
    if (rebuilding == null) {
      long now = clock.millis();
      rebuilding = history.snapshot(now)
          .compose(snapshot -> store.replace(snapshot, now).map(snapshot))
          .onSuccess(snapshot -> LOG.info("Rankings rebuilt from history: {} identifications", snapshot.total()))
          .onFailure(error -> LOG.warn("Rankings rebuild failed, retrying later: {}", error.getMessage()))
          .mapEmpty();
      rebuilding.onComplete(done -> {
        rebuilding = null;
        stale = done.failed();
        boards.invalidate();
        if (done.succeeded()) {
          List<RankedIdentification> replay = new ArrayList<>(heldBack);
          heldBack.clear();
          replay.forEach(this::count);
        }
      });
    }
    return rebuilding;
  }

  private void rebuildIfLost() {
    if (rebuilding == null) {
      (stale ? Future.succeededFuture(false) : store.isBuilt()).onSuccess(built -> {
        if (!built) {
          rebuild();
        }
      });
    }
  }

  private void pushIfChanged() {
    if (changed) {
      changed = false;
      vertx.eventBus().publish(Addresses.RANKINGS_UPDATED, new JsonObject()
          .put("generated_at", clock.instant().toString())
          .put("windows", new JsonArray(List.of("hour", "day", "all"))));
    }
  }

  private void board(Message<JsonObject> message) {
    try {
      RankingQuery query = RankingQuery.fromJson(message.body());
      long now = clock.millis();
      boards.get(query.window(), now, () -> plants.ready().compose(ok -> readable())
              .compose(ok -> store.counts(query.window(), now))
              .map(counts -> RankingBoard.of(query.window(), counts, plants, now)))
          .onSuccess(board -> message.reply(board.encodedPage(query.limit())))
          .onFailure(error -> ServiceException.orUnavailable(error).replyTo(message));
    } catch (RuntimeException invalid) {
      ServiceException.fail(message, invalid);
    }
  }

  /** Completes when Redis holds a built state, rebuilding it first if it was lost. */
  private Future<Void> readable() {
    if (rebuilding != null) {
      return rebuilding;
    }
    return store.isBuilt().compose(built -> built ? Future.succeededFuture() : rebuild());
  }

  private void series(Message<JsonObject> message) {
    try {
      RankingQuery query = RankingQuery.fromJson(message.body());
      long now = clock.millis();
      plants.ready().compose(ok -> {
        JsonObject plant = plants.summary(query.plant());
        if (plant == null) {
          throw new ServiceException(ErrorCode.NOT_FOUND, "plant_not_found", "도감에 없는 식물이에요: " + query.plant(), null);
        }
        return readable().compose(ok2 -> store.series(query.window(), query.plant(), now))
            .map(counts -> RankingSeries.toJson(query.window(), plant, counts, now));
      }).onSuccess(message::reply).onFailure(error -> ServiceException.orUnavailable(error).replyTo(message));
    } catch (RuntimeException invalid) {
      ServiceException.fail(message, invalid);
    }
  }
}
