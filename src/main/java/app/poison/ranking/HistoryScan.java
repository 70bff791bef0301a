package app.poison.ranking;

import app.poison.identify.IdentificationHistory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;

/** Reads every counted identification from the MongoDB history, the rankings' source of truth. */
final class HistoryScan {
  private static final JsonObject FIELDS = new JsonObject()
      .put("status", 1).put("match", 1).put("top1_id", 1).put("finished_at", 1);
  private static final int BATCH = 1_000;

  private final MongoClient mongo;

  HistoryScan(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Streams the history (never all of it in memory) into a snapshot as of {@code nowMs}. */
  Future<RankingSnapshot> snapshot(long nowMs) {
    RankingSnapshot snapshot = new RankingSnapshot(nowMs);
    Promise<RankingSnapshot> done = Promise.promise();
    mongo.findBatchWithOptions(IdentificationHistory.COLLECTION, RankedIdentification.historyQuery(),
            new FindOptions().setFields(FIELDS).setBatchSize(BATCH))
        .exceptionHandler(done::tryFail)
        .endHandler(end -> done.tryComplete(snapshot))
        .handler(document -> {
          RankedIdentification counted = RankedIdentification.fromHistory(document);
          if (counted != null) {
            snapshot.add(counted.jobId(), counted.plantId(), counted.finishedAtMs());
          }
        });
    return done.future();
  }
}
