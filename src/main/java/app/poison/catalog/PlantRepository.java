package app.poison.catalog;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code plants} collection (the plant id is the document {@code _id}, so every lookup uses
 * the primary index) and {@code catalog_seed}, the ids ever imported from the seed: a seed plant
 * an admin deleted or edited is never imported again.
 */
final class PlantRepository {
  private static final String PLANTS = "plants";
  private static final String SEEDED = "catalog_seed";
  private final MongoClient mongo;

  PlantRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<List<JsonObject>> all() {
    return mongo.find(PLANTS, new JsonObject()).map(docs -> docs.stream().map(PlantRepository::fromDocument).toList());
  }

  Future<Set<String>> seededIds() {
    return mongo.findWithOptions(SEEDED, new JsonObject(), new FindOptions().setFields(new JsonObject().put("_id", 1)))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).collect(Collectors.toSet()));
  }

  /** Inserts the plants that are new and records every given id as seeded. */
  Future<Void> importSeed(Collection<JsonObject> newPlants, Collection<String> seedIds) {
    Future<?> inserted = newPlants.isEmpty() ? Future.succeededFuture()
        : mongo.bulkWrite(PLANTS, newPlants.stream().map(p -> BulkOperation.createInsert(toDocument(p))).toList());
    return inserted.compose(ignored -> seedIds.isEmpty() ? Future.succeededFuture()
        : mongo.bulkWrite(SEEDED, seedIds.stream().map(id -> BulkOperation.createInsert(byId(id))).toList()))
        .mapEmpty();
  }

  /** Fails with {@code plant_exists} when the id is taken. */
  Future<Void> insert(JsonObject plant) {
    return mongo.insert(PLANTS, toDocument(plant)).<Void>mapEmpty().recover(error -> Future.failedFuture(
        isDuplicateKey(error) ? exists(plant.getString("id")) : error));
  }

  /** Whether a plant with this id existed and was replaced. */
  Future<Boolean> replace(JsonObject plant) {
    return mongo.replaceDocuments(PLANTS, byId(plant.getString("id")), toDocument(plant))
        .map(result -> result.getDocMatched() > 0);
  }

  /** Whether a plant with this id existed. */
  Future<Boolean> delete(String id) {
    return mongo.removeDocument(PLANTS, byId(id)).map(result -> result.getRemovedCount() > 0);
  }

  static ServiceException exists(String id) {
    return new ServiceException(ErrorCode.CONFLICT, "plant_exists", "이미 있는 식물 id예요: " + id, null);
  }

  private static boolean isDuplicateKey(Throwable error) {
    return error instanceof MongoWriteException write
        && ErrorCategory.fromErrorCode(write.getCode()) == ErrorCategory.DUPLICATE_KEY;
  }

  private static JsonObject byId(String id) {
    return new JsonObject().put("_id", id);
  }

  private static JsonObject toDocument(JsonObject plant) {
    return plant.copy().put("_id", plant.getString("id"));
  }

  private static JsonObject fromDocument(JsonObject document) {
    document.remove("_id");
    return document;
  }
}
