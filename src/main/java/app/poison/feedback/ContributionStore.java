package app.poison.feedback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;

/**
 * The {@code contributions} collection: one document per (job, client), its {@code _id} the
 * contribution id. Listed oldest first by {@code (created_ms, _id)}, the order of the review queue.
 */
final class ContributionStore {
  static final String COLLECTION = "contributions";
  private final MongoClient mongo;

  ContributionStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<JsonObject> find(String id) {
    return mongo.findOne(COLLECTION, byId(id), null).map(ContributionStore::fromDocument);
  }

  Future<Void> save(JsonObject contribution) {
    JsonObject document = contribution.copy().put("_id", contribution.getString("id"));
    return mongo.replaceDocumentsWithOptions(COLLECTION, byId(contribution.getString("id")), document,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** Sets the review of a contribution that is still pending; false when it was not (any more). */
  Future<Boolean> review(String id, String status, JsonObject review) {
    JsonObject query = byId(id).put("status", Contributions.PENDING);
    JsonObject update = new JsonObject().put("$set", new JsonObject().put("status", status).put("review", review));
    return mongo.updateCollection(COLLECTION, query, update).map(result -> result.getDocModified() > 0);
  }

  /** Up to {@code limit} contributions with {@code status}, after the cursor position (null: from the start). */
  Future<List<JsonObject>> page(String status, ListCursor after, int limit) {
    JsonObject query = new JsonObject().put("status", status);
    if (after != null) {
      query.put("$or", new JsonArray()
          .add(new JsonObject().put("created_ms", new JsonObject().put("$gt", after.createdMs())))
          .add(new JsonObject().put("created_ms", after.createdMs()).put("_id", new JsonObject().put("$gt", after.id()))));
    }
    FindOptions options = new FindOptions().setSort(new JsonObject().put("created_ms", 1).put("_id", 1)).setLimit(limit);
    return mongo.findWithOptions(COLLECTION, query, options)
        .map(documents -> documents.stream().map(ContributionStore::fromDocument).toList());
  }

  /** Every approved contribution whose photos an admin chose for training. */
  Future<List<JsonObject>> approvedForTraining() {
    JsonObject query = new JsonObject().put("status", Contributions.APPROVED).put("review.use", Contributions.USE_TRAINING);
    return mongo.find(COLLECTION, query).map(documents -> documents.stream().map(ContributionStore::fromDocument).toList());
  }

  private static JsonObject byId(String id) {
    return new JsonObject().put("_id", id);
  }

  private static JsonObject fromDocument(JsonObject document) {
    if (document != null) {
      document.remove("_id");
    }
    return document;
  }
}
