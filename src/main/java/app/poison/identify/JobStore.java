package app.poison.identify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Job state in Redis, shared by api and worker nodes: one JSON document per job (with a TTL), the
 * uploaded images until the job ends, a set of unfinished jobs, and photo fingerprints for reuse.
 */
public final class JobStore {
  private static final String JOB = "poison:job:";
  private static final String IMAGE = "poison:img:";
  private static final String FINGERPRINT = "poison:fp:";
  private static final String PENDING = "poison:jobs:pending";
  /** Writes a job unless the stored one already ended: a late or redelivered update never undoes a result. */
  private static final String GUARDED_SET = """
      local current = redis.call('GET', KEYS[1])
      if current then
        local status = cjson.decode(current)['status']
        if status == 'succeeded' or status == 'failed' then return 0 end
      end
      redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
      if ARGV[3] == '1' then redis.call('ZREM', KEYS[2], ARGV[4]) end
      return 1
      """;

  /** KEYS: pending set, job, images...; ARGV: max pending, job JSON, TTL, now, job id, image bytes... */
  private static final String CREATE_IF_ROOM = """
      if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
      for i = 3, #KEYS do redis.call('SET', KEYS[i], ARGV[i + 3], 'EX', ARGV[3]) end
      redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
      redis.call('ZADD', KEYS[1], ARGV[4], ARGV[5])
      return 1
      """;

  private final Redis redis;
  private final int ttlSeconds;

  public JobStore(Redis redis, int ttlSeconds) {
    this.redis = redis;
    this.ttlSeconds = ttlSeconds;
  }

  /**
   * Stores a new job with its images and marks it pending, in one atomic step with the check that
   * fewer than {@code maxPending} jobs are pending: concurrent uploads on any number of api nodes
   * never overfill the queue. False (nothing stored) when it is full.
   */
  public Future<Boolean> createIfRoom(JsonObject job, List<String> imageKeys, List<Buffer> images, int maxPending) {
    Request eval = Request.cmd(Command.EVAL).arg(CREATE_IF_ROOM).arg(2 + imageKeys.size())
        .arg(PENDING).arg(JOB + Jobs.id(job));
    imageKeys.forEach(key -> eval.arg(IMAGE + key));
    eval.arg(maxPending).arg(job.encode()).arg(ttlSeconds).arg(System.currentTimeMillis()).arg(Jobs.id(job));
    images.forEach(eval::arg);
    return redis.send(eval).map(response -> response.toInteger() == 1);
  }

  /** The stored job, or null when unknown or expired. */
  public Future<JsonObject> get(String id) {
    return redis.send(Request.cmd(Command.GET).arg(JOB + id))
        .map(response -> response == null ? null : new JsonObject(response.toBuffer()));
  }

  /** Saves a new state of the job; false when it had already ended (the update is dropped). */
  public Future<Boolean> update(JsonObject job) {
    boolean ended = Jobs.hasEnded(job);
    return redis.send(Request.cmd(Command.EVAL).arg(GUARDED_SET).arg(2).arg(JOB + Jobs.id(job)).arg(PENDING)
            .arg(job.encode()).arg(ttlSeconds).arg(ended ? "1" : "0").arg(Jobs.id(job)))
        .map(response -> response.toInteger() == 1);
  }

  /** Removes a job that was never accepted (its enqueue failed). */
  public Future<Void> discard(JsonObject job, List<String> imageKeys) {
    List<Request> batch = new ArrayList<>();
    batch.add(Request.cmd(Command.DEL).arg(JOB + Jobs.id(job)));
    batch.add(Request.cmd(Command.ZREM).arg(PENDING).arg(Jobs.id(job)));
    batch.add(deleteImagesRequest(imageKeys));
    return redis.batch(batch).mapEmpty();
  }

  /** The images of a job, in upload order; null entries for images that expired. */
  public Future<List<Buffer>> images(List<String> imageKeys) {
    Request mget = Request.cmd(Command.MGET);
    imageKeys.forEach(key -> mget.arg(IMAGE + key));
    return redis.send(mget).map(response -> {
      List<Buffer> images = new ArrayList<>();
      for (Response image : response) {
        images.add(image == null ? null : image.toBuffer());
      }
      return images;
    });
  }

  /**
   * An ended job keeps its photos exactly as long as its document: the person may still give them
   * with feedback ({@code contribute_photos}); after that they are gone.
   */
  public Future<Void> expireImagesWithJob(List<String> imageKeys) {
    List<Request> batch = new ArrayList<>();
    imageKeys.forEach(key -> batch.add(Request.cmd(Command.EXPIRE).arg(IMAGE + key).arg(ttlSeconds)));
    return batch.isEmpty() ? Future.succeededFuture() : redis.batch(batch).mapEmpty();
  }

  private static Request deleteImagesRequest(List<String> imageKeys) {
    Request del = Request.cmd(Command.DEL);
    imageKeys.forEach(key -> del.arg(IMAGE + key));
    return del;
  }

  public Future<Long> pendingCount() {
    return redis.send(Request.cmd(Command.ZCARD).arg(PENDING)).map(Response::toLong);
  }

  /** Unfinished jobs created before {@code beforeMillis}, oldest first. */
  public Future<List<String>> pendingIds(long beforeMillis) {
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(PENDING).arg("-inf").arg(beforeMillis))
        .map(response -> {
          List<String> ids = new ArrayList<>();
          response.forEach(id -> ids.add(id.toString()));
          return ids;
        });
  }

  /** Forgets a pending id whose job document is gone (expired). */
  public Future<Void> forgetPending(String id) {
    return redis.send(Request.cmd(Command.ZREM).arg(PENDING).arg(id)).mapEmpty();
  }

  /** The job that already identified exactly these photos, if any. */
  public Future<String> jobForFingerprint(String fingerprint) {
    return redis.send(Request.cmd(Command.GET).arg(FINGERPRINT + fingerprint))
        .map(response -> response == null ? null : response.toString());
  }

  public Future<Void> rememberFingerprint(String fingerprint, String jobId) {
    return redis.send(Request.cmd(Command.SET).arg(FINGERPRINT + fingerprint).arg(jobId).arg("EX").arg(ttlSeconds)).mapEmpty();
  }
}
