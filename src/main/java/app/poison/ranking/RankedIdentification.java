package app.poison.ranking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An identification that counts in the rankings: succeeded, {@code confident}, with a top-1 plant.
 * Built alike from a live event and from a history document, so both count it in the same buckets.
 */
record RankedIdentification(String jobId, String plantId, long finishedAtMs) {
  static final String SUCCEEDED = "succeeded";
  static final String CONFIDENT = "confident";

  /** From the public Identification JSON; null when it does not count. */
  static RankedIdentification fromEvent(JsonObject identification) {
    JsonObject result = identification.getJsonObject("result");
    if (result == null || !CONFIDENT.equals(result.getString("match"))) {
      return null;
    }
    JsonArray candidates = result.getJsonArray("candidates");
    JsonObject top = candidates == null || candidates.isEmpty() ? null : candidates.getJsonObject(0).getJsonObject("plant");
    return of(identification, top == null ? null : top.getString("id"), identification.getString("id"));
  }

  /** From a document of the {@code identifications} history; null when it does not count. */
  static RankedIdentification fromHistory(JsonObject document) {
    if (!CONFIDENT.equals(document.getString("match"))) {
      return null;
    }
    return of(document, document.getString("top1_id"), document.getString("_id"));
  }

  /** The history query matching exactly what {@link #fromHistory} counts. */
  static JsonObject historyQuery() {
    return new JsonObject().put("status", SUCCEEDED).put("match", CONFIDENT);
  }

  private static RankedIdentification of(JsonObject identification, String plantId, String jobId) {
    String finishedAt = identification.getString("finished_at");
    if (!SUCCEEDED.equals(identification.getString("status")) || plantId == null || jobId == null || finishedAt == null) {
      return null;
    }
    try {
      return new RankedIdentification(jobId, plantId, Instant.parse(finishedAt).toEpochMilli());
    } catch (DateTimeParseException malformed) {
      return null;
    }
  }
}
