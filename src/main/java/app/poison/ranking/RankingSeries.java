package app.poison.ranking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** One plant's counts per bucket of a rolling window, for charts. */
final class RankingSeries {
  private RankingSeries() {
  }

  /** {@code {"plant", "window", "bucket_seconds", "buckets": [{"start", "count"}], "generated_at"}}, oldest first. */
  static JsonObject toJson(RankingWindow window, JsonObject plant, List<Long> counts, long nowMs) {
    JsonArray buckets = new JsonArray();
    long first = window.firstBucket(nowMs);
    for (int i = 0; i < counts.size(); i++) {
      buckets.add(new JsonObject().put("start", Instant.ofEpochMilli((first + i) * window.bucketMs()).toString())
          .put("count", counts.get(i)));
    }
    return new JsonObject().put("plant", plant).put("window", window.wireName())
        .put("bucket_seconds", window.bucketMs() / 1000).put("buckets", buckets)
        .put("generated_at", Instant.ofEpochMilli(nowMs).toString());
  }
}
