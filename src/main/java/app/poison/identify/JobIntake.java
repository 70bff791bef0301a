package app.poison.identify;

import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.JobQueue;
import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts validated photos as a job: reuses the result of identical photos, else stores the job and
 * its images unless too many jobs are pending (one atomic Redis step), then enqueues it. A job the queue
 * did not confirm is removed again, so a client never holds an id that will never finish.
 */
final class JobIntake {
  private static final Logger LOG = LoggerFactory.getLogger(JobIntake.class);
  private final JobStore store;
  private final JobQueue queue;
  private final JobEvents events;
  private final int maxPending;

  JobIntake(JobStore store, JobQueue queue, JobEvents events, int maxPending) {
    this.store = store;
    this.queue = queue;
    this.events = events;
    this.maxPending = maxPending;
  }

  Future<JsonObject> submit(JsonArray images) {
    String fingerprint = fingerprint(images);
    return reusable(fingerprint).compose(earlier -> earlier != null ? Future.succeededFuture(earlier) : enqueue(images, fingerprint));
  }

  Future<JsonObject> find(String id) {
    return store.get(id);
  }

  /** An earlier job for the same photos that has not failed. */
  private Future<JsonObject> reusable(String fingerprint) {
    return store.jobForFingerprint(fingerprint)
        .compose(id -> id == null ? Future.succeededFuture(null) : store.get(id))
        .map(job -> job != null && !Jobs.FAILED.equals(Jobs.status(job)) ? job : null);
  }

  private Future<JsonObject> enqueue(JsonArray images, String fingerprint) {
    JsonObject job = Jobs.queued(images.size(), fingerprint);
    List<String> keys = Jobs.imageKeys(job);
    List<Buffer> buffers = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      buffers.add(Buffer.buffer(images.getBinary(i)));
    }
    return store.createIfRoom(job, keys, buffers, maxPending)
        .compose(stored -> stored ? Future.succeededFuture() : Future.failedFuture(queueFull()))
        .compose(ok -> queue.send(Addresses.QUEUE_INFERENCE, inferenceJob(job))
            .recover(error -> store.discard(job, keys).transform(ignored -> Future.failedFuture(error))))
        .compose(ok -> rememberFingerprint(fingerprint, job))
        .map(ok -> {
          events.changed(job);
          return job;
        });
  }

  private static ServiceException queueFull() {
    return new ServiceException(ErrorCode.UNAVAILABLE, "queue_full",
        "지금 판별 요청이 많아요. 잠시 후 다시 시도해 주세요.", new JsonObject().put("retry_after", 5));
  }

  /**
   * Once the queue confirmed the job it is accepted and will run: failing the upload now would
   * tell the client to retry a job that runs anyway (seen when Redis restarted mid-upload). The
   * fingerprint only lets identical photos reuse the job, so losing it costs nothing else.
   */
  private Future<Void> rememberFingerprint(String fingerprint, JsonObject job) {
    return store.rememberFingerprint(fingerprint, Jobs.id(job)).recover(error -> {
      LOG.warn("Job {} accepted without its photo fingerprint: {}", Jobs.id(job), error.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Re-sends unfinished jobs (local mode, at start). */
  void requeuePending(long createdBefore) {
    store.pendingIds(createdBefore).onSuccess(ids -> ids.forEach(id -> store.get(id).onSuccess(job -> {
      if (job == null) {
        store.forgetPending(id);
      } else if (!Jobs.hasEnded(job)) {
        LOG.info("Re-enqueueing unfinished job {}", id);
        queue.send(Addresses.QUEUE_INFERENCE, inferenceJob(job));
      }
    })));
  }

  static JsonObject inferenceJob(JsonObject job) {
    return new JsonObject().put("job_id", Jobs.id(job));
  }

  static String fingerprint(JsonArray images) {
    try {
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < images.size(); i++) {
        all.update(MessageDigest.getInstance("SHA-256").digest(images.getBinary(i)));
      }
      return HexFormat.of().formatHex(all.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
