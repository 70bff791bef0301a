package app.poison.identify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The Identification document and its transitions. Stored as one JSON object; fields starting with
 * an underscore are internal and never shown to clients.
 */
public final class Jobs {
  /** Photos of one plant per job: the upload limit, and what a worker must budget for. */
  public static final int MAX_PHOTOS = 5;
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  static final String IMAGE_KEYS = "_image_keys";
  static final String FINGERPRINT = "_fingerprint";

  private Jobs() {
  }

  /** A new job for {@code imageCount} photos, stored under the keys {@code <id>:<index>}. */
  static JsonObject queued(int imageCount, String fingerprint) {
    String id = UUID.randomUUID().toString();
    List<String> imageKeys = IntStream.range(0, imageCount).mapToObj(i -> id + ":" + i).toList();
    return new JsonObject()
        .put("id", id)
        .put("status", QUEUED)
        .put("created_at", now())
        .put("started_at", null)
        .put("finished_at", null)
        .put("attempts", 0)
        .put("image_count", imageKeys.size())
        .put("model", null)
        .put("result", null)
        .put("error", null)
        .put(IMAGE_KEYS, new JsonArray(imageKeys))
        .put(FINGERPRINT, fingerprint);
  }

  public static String id(JsonObject job) {
    return job.getString("id");
  }

  public static String status(JsonObject job) {
    return job.getString("status");
  }

  public static boolean hasEnded(JsonObject job) {
    return SUCCEEDED.equals(status(job)) || FAILED.equals(status(job));
  }

  /** The catalog id of a result's first candidate, or null without one. */
  public static String topPlantId(JsonObject job) {
    JsonObject result = job.getJsonObject("result");
    JsonArray candidates = result == null ? null : result.getJsonArray("candidates");
    JsonObject top = candidates == null || candidates.isEmpty() ? null : candidates.getJsonObject(0).getJsonObject("plant");
    return top == null ? null : top.getString("id");
  }

  @SuppressWarnings("unchecked")
  public static List<String> imageKeys(JsonObject job) {
    return job.getJsonArray(IMAGE_KEYS, new JsonArray()).getList();
  }

  public static JsonObject running(JsonObject job) {
    return job.copy().put("status", RUNNING).put("started_at", now()).put("attempts", job.getInteger("attempts", 0) + 1);
  }

  public static JsonObject succeeded(JsonObject job, JsonObject model, JsonObject result) {
    return job.copy().put("status", SUCCEEDED).put("finished_at", now()).put("model", model).put("result", result);
  }

  public static JsonObject failed(JsonObject job, String code, String message) {
    return job.copy().put("status", FAILED).put("finished_at", now())
        .put("error", new JsonObject().put("code", code).put("message", message));
  }

  /** What clients see: the Identification of DESIGN.md plus links. */
  public static JsonObject publicView(JsonObject job) {
    JsonObject view = new JsonObject();
    job.forEach(entry -> {
      if (!entry.getKey().startsWith("_")) {
        view.put(entry.getKey(), entry.getValue());
      }
    });
    String id = id(job);
    return view.put("links", new JsonObject()
        .put("self", "/api/v1/identifications/" + id)
        .put("events", "identifications." + id));
  }

  static String now() {
    return Instant.now().toString();
  }
}
