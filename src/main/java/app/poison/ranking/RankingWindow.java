package app.poison.ranking;

import app.poison.messaging.ServiceException;
import java.util.Locale;

/**
 * The ranking windows. {@code hour} and {@code day} roll over fixed-size buckets (the current one
 * and the ones before it); {@code all} is one counter that never expires.
 */
public enum RankingWindow {
  HOUR(60_000L, 60, "rankings:m:"),
  DAY(3_600_000L, 24, "rankings:h:"),
  ALL(0L, 0, null);

  static final String ALL_KEY = "rankings:all";

  private final long bucketMs;
  private final int buckets;
  private final String keyPrefix;

  RankingWindow(long bucketMs, int buckets, String keyPrefix) {
    this.bucketMs = bucketMs;
    this.buckets = buckets;
    this.keyPrefix = keyPrefix;
  }

  /** {@code hour|day|all}; with {@code rolling} only the bucketed windows. Fails with {@code invalid_window}. */
  public static RankingWindow parse(String value, boolean rolling) {
    if (value != null) {
      for (RankingWindow window : values()) {
        if (window.wireName().equals(value.trim().toLowerCase(Locale.ROOT)) && (!rolling || window.rolling())) {
          return window;
        }
      }
    }
    throw ServiceException.invalidParameter("window", rolling
        ? "window는 hour 또는 day여야 해요."
        : "window는 hour, day, all 중 하나여야 해요.");
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean rolling() {
    return buckets > 0;
  }

  long bucketMs() {
    return bucketMs;
  }

  long bucketOf(long epochMs) {
    return Math.floorDiv(epochMs, bucketMs);
  }

  String bucketKey(long bucket) {
    return keyPrefix + bucket;
  }

  /** The bucket numbers inside the window at {@code nowMs}, oldest first. */
  long firstBucket(long nowMs) {
    return bucketOf(nowMs) - buckets + 1;
  }

  int bucketCount() {
    return buckets;
  }

  /** How long a bucket must live from {@code nowMs} until it leaves the window (≤ 0: already out). */
  long bucketTtlMs(long bucket, long nowMs) {
    return (bucket + buckets) * bucketMs - nowMs;
  }

  /** When the window's content next changes by time alone (the next bucket edge). */
  long nextEdgeMs(long nowMs) {
    return rolling() ? (bucketOf(nowMs) + 1) * bucketMs : Long.MAX_VALUE;
  }
}
