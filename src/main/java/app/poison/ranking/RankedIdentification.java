package app.poison.ranking;

import static app.poison.identify.Jobs.SUCCEEDED;
import static app.poison.identify.SafetyRules.CONFIDENT;

import app.poison.identify.Jobs;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An identification that counts in the rankings: succeeded, {@code confident}, with a top-1 plant.
 * Built alike from a live event and from a history document, so both count it in the same buckets.
 */
record RankedIdentification(String jobId, String plantId, long finishedAtMs) {
  /** From the public Identification JSON; null when it does not count. */
  static RankedIdentification fromEvent(JsonObject identification) {
    JsonObject result = identification.getJsonObject("result");
    if (result == null || !CONFIDENT.equals(result.getString("match"))) {
      return null;
    }
    return of(identification, Jobs.topPlantId(identification), Jobs.id(identification));
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
