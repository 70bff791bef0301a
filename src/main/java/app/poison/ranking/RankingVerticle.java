package app.poison.ranking;

import app.poison.catalog.CatalogReplica;
import app.poison.catalog.PlantSummaries;
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
import java.time.Instant;
import java.util.List;

/**
 * Rankings of the most-identified plants: counts each succeeded, confident identification once
 * for its top-1 plant, serves the boards and per-plant series, and publishes
 * {@code rankings.updated} at most once a second, only when counts changed. Redis holds the
 * counts; the MongoDB history is the truth they are rebuilt from ({@link RankingCounter}).
 */
public class RankingVerticle extends VerticleBase {
  private static final long PUSH_INTERVAL_MS = 1_000;
  /** How often a push is considered; the interval between pushes is measured on the clock. */
  private static final long PUSH_CHECK_MS = 200;
  private static final long HEALTH_CHECK_MS = 5_000;

  private final Clock clock;
  private final RankingBoards boards = new RankingBoards();
  private Redis redis;
  private MongoClient mongo;
  private RankingStore store;
  private RankingCounter counter;
  private CatalogReplica plants;
  private long lastPushMillis;

  public RankingVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    redis = StoreClients.redis(vertx, config());
    mongo = StoreClients.mongo(vertx, config());
    store = new RankingStore(redis);
    counter = new RankingCounter(store, new HistoryScan(mongo), clock, boards::invalidate);
    plants = new CatalogReplica(vertx, boards::invalidate);
    var bus = vertx.eventBus();
    var consumers = List.of(
        bus.<JsonObject>consumer(Addresses.IDENTIFICATION_EVENTS, message -> onIdentification(message.body())).completion(),
        bus.<JsonObject>consumer(Addresses.RANKINGS_QUERY, this::board).completion(),
        bus.<JsonObject>consumer(Addresses.RANKINGS_SERIES, this::series).completion(),
        // Another node counted: our boards are out of date too.
        bus.consumer(Addresses.RANKINGS_UPDATED, message -> boards.invalidate()).completion(),
        plants.listen());
    lastPushMillis = clock.millis() - PUSH_INTERVAL_MS;
    vertx.setPeriodic(PUSH_CHECK_MS, id -> pushIfChanged());
    vertx.setPeriodic(HEALTH_CHECK_MS, id -> counter.rebuildIfLost());
    return Future.all(consumers).compose(ok -> counter.rebuild());
  }

  @Override
  public Future<?> stop() {
    return redis.close().eventually(mongo::close);
  }

  private void onIdentification(JsonObject identification) {
    RankedIdentification counted = RankedIdentification.fromEvent(identification);
    if (counted != null) {
      counter.count(counted);
    }
  }

  /**
   * At most one push per second of the clock (not of the timer, which a busy machine delays and
   * then fires in a burst), and only when a count changed something since the last one.
   */
  private void pushIfChanged() {
    long now = clock.millis();
    if (now - lastPushMillis >= PUSH_INTERVAL_MS && counter.takeChanged()) {
      lastPushMillis = now;
      vertx.eventBus().publish(Addresses.RANKINGS_UPDATED, new JsonObject()
          .put("generated_at", Instant.ofEpochMilli(now).toString())
          .put("windows", new JsonArray(List.of("hour", "day", "all"))));
    }
  }

  private void board(Message<JsonObject> message) {
    try {
      RankingQuery query = RankingQuery.fromJson(message.body());
      long now = clock.millis();
      boards.get(query.window(), now, () -> plants.ready().compose(ok -> counter.readable())
              .compose(ok -> store.counts(query.window(), now))
              .map(counts -> RankingBoard.of(query.window(), counts, plants, now)))
          .onSuccess(board -> message.reply(board.encodedPage(query.limit())))
          .onFailure(error -> ServiceException.orUnavailable(error).replyTo(message));
    } catch (RuntimeException invalid) {
      ServiceException.fail(message, invalid);
    }
  }

  private void series(Message<JsonObject> message) {
    try {
      RankingQuery query = RankingQuery.fromJson(message.body());
      long now = clock.millis();
      plants.ready().compose(ok -> {
        JsonObject plant = plants.plant(query.plant());
        if (plant == null) {
          throw new ServiceException(ErrorCode.NOT_FOUND, "plant_not_found", "도감에 없는 식물이에요: " + query.plant(), null);
        }
        return counter.readable().compose(built -> store.series(query.window(), query.plant(), now))
            .map(counts -> RankingSeries.toJson(query.window(), PlantSummaries.of(plant), counts, now));
      }).onSuccess(message::reply).onFailure(error -> ServiceException.orUnavailable(error).replyTo(message));
    } catch (RuntimeException invalid) {
      ServiceException.fail(message, invalid);
    }
  }
}
