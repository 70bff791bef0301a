package app.poison.ranking;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts rebuilt from the identification history, as of one instant. */
final class RankingSnapshot {
  private final long nowMs;
  private final Map<String, Long> all = new HashMap<>();
  private final Map<RankingWindow, Map<Long, Map<String, Long>>> buckets = new EnumMap<>(RankingWindow.class);
  private final List<String> recentJobIds = new ArrayList<>();

  RankingSnapshot(long nowMs) {
    this.nowMs = nowMs;
    buckets.put(RankingWindow.HOUR, new HashMap<>());
    buckets.put(RankingWindow.DAY, new HashMap<>());
  }

  /** One counted identification: its job, top-1 plant and when it finished. */
  void add(String jobId, String plantId, long finishedAtMs) {
    all.merge(plantId, 1L, Long::sum);
    buckets.forEach((window, byBucket) -> {
      long bucket = window.bucketOf(finishedAtMs);
      if (window.bucketTtlMs(bucket, nowMs) > 0) {
        byBucket.computeIfAbsent(bucket, b -> new HashMap<>()).merge(plantId, 1L, Long::sum);
      }
    });
    // Jobs recent enough to be delivered again must stay marked as counted.
    if (nowMs - finishedAtMs < RankingStore.COUNTED_TTL_MS) {
      recentJobIds.add(jobId);
    }
  }

  Map<String, Long> all() {
    return all;
  }

  Map<Long, Map<String, Long>> buckets(RankingWindow window) {
    return buckets.get(window);
  }

  List<String> recentJobIds() {
    return recentJobIds;
  }

  long total() {
    return all.values().stream().mapToLong(Long::longValue).sum();
  }
}
