package app.poison.identify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

/**
 * Finished jobs in MongoDB's {@code identifications} collection: the permanent history, and the
 * source of truth for rankings. Keyed by job id, so a redelivered result is written once.
 */
public final class IdentificationHistory {
  public static final String COLLECTION = "identifications";
  private final MongoClient mongo;

  public IdentificationHistory(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> record(JsonObject job) {
    JsonObject document = Jobs.publicView(job).put("_id", Jobs.id(job))
        .put("top1_id", Jobs.topPlantId(job))
        .put("match", job.getJsonObject("result") == null ? null : job.getJsonObject("result").getString("match"));
    document.remove("links");
    return mongo.replaceDocumentsWithOptions(COLLECTION, new JsonObject().put("_id", Jobs.id(job)), document,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  Future<JsonObject> find(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null)
        .map(document -> {
          if (document != null) {
            document.remove("_id");
            document.remove("top1_id");
            document.remove("match");
          }
          return document;
        });
  }
}
