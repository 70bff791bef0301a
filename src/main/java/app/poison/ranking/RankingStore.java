package app.poison.ranking;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis side of rankings: a sorted set for all time and one per bucket (minute buckets for the
 * hour window, hour buckets for the day), each bucket expiring once it has left its window. Job ids
 * already counted sit in day-rotated sets, so a job delivered twice is counted once. The marker
 * key {@code rankings:built} says the state was built from the history; without it (Redis flushed
 * or restarted empty) nothing is counted until it is rebuilt.
 */
final class RankingStore {
  static final long COUNTED_TTL_MS = 2 * 86_400_000L; // longer than a job lives, so redeliveries still find it
  private static final String BUILT = "rankings:built";
  private static final String COUNTED = "rankings:counted:";
  private static final int CHUNK = 1_000;
  /** Returns -1 when the state is not built, 0 for a job already counted, 1 when counted now. */
  private static final String COUNT_ONCE = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
      if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return 0 end
      if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
      redis.call('PEXPIRE', KEYS[2], ARGV[3])
      redis.call('ZINCRBY', KEYS[4], 1, ARGV[2])
      for i = 5, 6 do
        local ttl = tonumber(ARGV[i - 1])
        if ttl > 0 then
          redis.call('ZINCRBY', KEYS[i], 1, ARGV[2])
          redis.call('PEXPIRE', KEYS[i], ttl)
        end
      end
      return 1
      """;

  enum Counted { NOT_BUILT, DUPLICATE, COUNTED }

  private final Redis redis;

  RankingStore(Redis redis) {
    this.redis = redis;
  }

  /** Counts each identification unless already counted; one pipelined round trip for all. */
  Future<List<Counted>> countOnce(List<RankedIdentification> identifications, long nowMs) {
    List<Request> evals = identifications.stream().map(identification -> countOnce(identification, nowMs)).toList();
    return redis.batch(evals).map(replies -> replies.stream().map(reply -> Counted.values()[reply.toInteger() + 1]).toList());
  }

  private static Request countOnce(RankedIdentification identification, long nowMs) {
    long minute = RankingWindow.HOUR.bucketOf(identification.finishedAtMs());
    long hour = RankingWindow.DAY.bucketOf(identification.finishedAtMs());
    return Request.cmd(Command.EVAL).arg(COUNT_ONCE).arg(6)
        .arg(BUILT).arg(countedKey(nowMs, 0)).arg(countedKey(nowMs, -1)).arg(RankingWindow.ALL_KEY)
        .arg(RankingWindow.HOUR.bucketKey(minute)).arg(RankingWindow.DAY.bucketKey(hour))
        .arg(identification.jobId()).arg(identification.plantId()).arg(COUNTED_TTL_MS)
        .arg(RankingWindow.HOUR.bucketTtlMs(minute, nowMs)).arg(RankingWindow.DAY.bucketTtlMs(hour, nowMs));
  }

  Future<Boolean> isBuilt() {
    return redis.send(Request.cmd(Command.EXISTS).arg(BUILT)).map(reply -> reply.toInteger() == 1);
  }

  /** Count per plant id in {@code window} at {@code nowMs}. */
  Future<Map<String, Long>> counts(RankingWindow window, long nowMs) {
    if (!window.rolling()) {
      return redis.send(Request.cmd(Command.ZRANGE).arg(RankingWindow.ALL_KEY).arg(0).arg(-1).arg("WITHSCORES"))
          .map(RankingStore::scores);
    }
    Request union = Request.cmd(Command.ZUNION).arg(window.bucketCount());
    long first = window.firstBucket(nowMs);
    for (int i = 0; i < window.bucketCount(); i++) {
      union.arg(window.bucketKey(first + i));
    }
    return redis.send(union.arg("WITHSCORES")).map(RankingStore::scores);
  }

  /** One plant's count in each bucket of {@code window}, oldest first. */
  Future<List<Long>> series(RankingWindow window, String plantId, long nowMs) {
    List<Request> scores = new ArrayList<>();
    long first = window.firstBucket(nowMs);
    for (int i = 0; i < window.bucketCount(); i++) {
      scores.add(Request.cmd(Command.ZSCORE).arg(window.bucketKey(first + i)).arg(plantId));
    }
    return redis.batch(scores).map(replies -> replies.stream()
        .map(reply -> reply == null ? 0L : (long) reply.toDouble().doubleValue()).toList());
  }

  /** Replaces the whole state with {@code snapshot} in one transaction, then marks it built. */
  Future<Void> replace(RankingSnapshot snapshot, long nowMs) {
    List<Request> batch = new ArrayList<>();
    batch.add(Request.cmd(Command.MULTI));
    Request delete = Request.cmd(Command.DEL).arg(RankingWindow.ALL_KEY)
        .arg(countedKey(nowMs, 0)).arg(countedKey(nowMs, -1));
    for (RankingWindow window : List.of(RankingWindow.HOUR, RankingWindow.DAY)) {
      long first = window.firstBucket(nowMs);
      for (int i = 0; i < window.bucketCount(); i++) {
        delete.arg(window.bucketKey(first + i));
      }
    }
    batch.add(delete);
    addCounts(batch, RankingWindow.ALL_KEY, snapshot.all(), 0);
    for (RankingWindow window : List.of(RankingWindow.HOUR, RankingWindow.DAY)) {
      snapshot.buckets(window).forEach((bucket, counts) -> {
        long ttl = window.bucketTtlMs(bucket, nowMs);
        if (ttl > 0) {
          addCounts(batch, window.bucketKey(bucket), counts, ttl);
        }
      });
    }
    addMembers(batch, countedKey(nowMs, 0), snapshot.recentJobIds());
    batch.add(Request.cmd(Command.SET).arg(BUILT).arg(nowMs));
    batch.add(Request.cmd(Command.EXEC));
    return redis.batch(batch).mapEmpty();
  }

  private static void addCounts(List<Request> batch, String key, Map<String, Long> counts, long ttlMs) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    for (int from = 0; from < entries.size(); from += CHUNK) {
      Request add = Request.cmd(Command.ZADD).arg(key);
      entries.subList(from, Math.min(entries.size(), from + CHUNK)).forEach(e -> add.arg(e.getValue()).arg(e.getKey()));
      batch.add(add);
    }
    if (ttlMs > 0 && !entries.isEmpty()) {
      batch.add(Request.cmd(Command.PEXPIRE).arg(key).arg(ttlMs));
    }
  }

  private static void addMembers(List<Request> batch, String key, List<String> members) {
    for (int from = 0; from < members.size(); from += CHUNK) {
      Request add = Request.cmd(Command.SADD).arg(key);
      members.subList(from, Math.min(members.size(), from + CHUNK)).forEach(add::arg);
      batch.add(add);
    }
    if (!members.isEmpty()) {
      batch.add(Request.cmd(Command.PEXPIRE).arg(key).arg(COUNTED_TTL_MS));
    }
  }

  /** Counted-job set of the day {@code offset} days from {@code nowMs}'s. */
  private static String countedKey(long nowMs, int offset) {
    return COUNTED + (Math.floorDiv(nowMs, 86_400_000L) + offset);
  }

  /** Member/score pairs: flat under RESP2, nested pairs under RESP3. */
  private static Map<String, Long> scores(Response reply) {
    Map<String, Long> scores = new HashMap<>();
    boolean nested = reply.size() > 0 && reply.get(0).type() == ResponseType.MULTI;
    int step = nested ? 1 : 2;
    for (int i = 0; i < reply.size(); i += step) {
      Response member = nested ? reply.get(i).get(0) : reply.get(i);
      Response score = nested ? reply.get(i).get(1) : reply.get(i + 1);
      scores.put(member.toString(), (long) score.toDouble().doubleValue());
    }
    return scores;
  }
}
