package app.poison.ranking;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.identify.IdentificationHistory;
import app.poison.messaging.Addresses;
import app.poison.storage.StoreClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drives a running service's rankings as the identification service does: each finished job is
 * written to the MongoDB history, then published on {@code identifications.events}. Reads go
 * through real HTTP.
 */
final class RankingHarness implements AutoCloseable {
  static final String DONGUI = "caltha-palustris";        // 동의나물
  static final String BAKSAE = "veratrum-oxysepalum";     // 박새
  static final String YEORO = "veratrum-maackii-japonicum"; // 여로

  private final Vertx vertx = Vertx.vertx();
  private final PoisonService service;
  private final HttpTestClient http;
  private final MongoClient mongo;
  private final Redis redis;

  RankingHarness(PoisonService service) {
    this.service = service;
    this.http = new HttpTestClient(vertx, service.httpPort());
    this.mongo = StoreClients.mongo(vertx, service.config());
    this.redis = StoreClients.redis(vertx, service.config());
  }

  /** A job that finished at {@code finishedAt}: recorded in the history, then announced. */
  void finish(String jobId, String plantId, String match, Instant finishedAt) throws Exception {
    JsonObject identification = identification(jobId, plantId, match, finishedAt);
    JsonObject document = identification.copy().put("_id", jobId)
        .put("top1_id", plantId).put("match", match);
    await(mongo.save(IdentificationHistory.COLLECTION, document));
    announce(identification);
  }

  /** Publishes an identification event as the identification service does (again, for a redelivery). */
  void announce(JsonObject identification) {
    service.vertx().eventBus().publish(Addresses.IDENTIFICATION_EVENTS, identification);
  }

  static JsonObject identification(String jobId, String plantId, String match, Instant finishedAt) {
    JsonObject plant = new JsonObject().put("id", plantId);
    JsonObject result = new JsonObject().put("match", match)
        .put("candidates", new JsonArray().add(new JsonObject().put("plant", plant).put("score", 0.9)))
        .put("warning", new JsonObject().put("level", "danger"));
    return new JsonObject().put("id", jobId).put("status", "succeeded")
        .put("created_at", finishedAt.minusSeconds(2).toString()).put("finished_at", finishedAt.toString())
        .put("result", result);
  }

  JsonObject get(String pathAndQuery, int expectedStatus) throws Exception {
    var response = await(http.get(pathAndQuery));
    assertEquals(expectedStatus, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  /** "plant=count" in ranking order, for the plants in {@code plants} only. */
  List<String> counts(String window, Set<String> plants) throws Exception {
    List<String> counts = new ArrayList<>();
    get("/api/v1/rankings?window=" + window + "&limit=100", 200).getJsonArray("items").forEach(item -> {
      JsonObject entry = (JsonObject) item;
      String plant = entry.getJsonObject("plant").getString("id");
      if (plants.contains(plant)) {
        counts.add(plant + "=" + entry.getLong("count"));
      }
    });
    return counts;
  }

  /** Polls until the window shows {@code expected} ("plant=count", in order), then asserts it. */
  void awaitCounts(String window, Set<String> plants, String... expected) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L; // generous: a busy machine is slow, not wrong
    while (!counts(window, plants).equals(List.of(expected)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of(expected), counts(window, plants), "window " + window);
  }

  void flushRedis() throws Exception {
    await(redis.send(Request.cmd(Command.FLUSHALL)));
  }

  boolean redisHasRankings() throws Exception {
    return await(redis.send(Request.cmd(Command.EXISTS).arg(RankingWindow.ALL_KEY))).toInteger() == 1;
  }

  HttpTestClient http() {
    return http;
  }

  Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
