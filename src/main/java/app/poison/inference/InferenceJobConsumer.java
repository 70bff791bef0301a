package app.poison.inference;

import app.poison.config.ConfigKeys;
import app.poison.identify.JobEvents;
import app.poison.identify.JobStore;
import app.poison.identify.Jobs;
import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.JobQueue;
import app.poison.messaging.ServiceException;
import app.poison.storage.StoreClients;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of a job: takes it from the inference queue, marks it running, classifies its
 * photos with the local inference verticle, and sends the outcome to the results queue. The job is
 * acknowledged only once the outcome is queued, so a worker that dies mid-job leaves it to another.
 * A job delivered more than {@code jobs.max_attempts} times ends as failed.
 *
 * <p>No job starts before the local model is READY, so none is charged an attempt for it. With a
 * broker, jobs wait there while the model loads (another worker may take them) and a worker whose
 * model FAILED takes none; in a single process they wait here, and fail if the model cannot load.
 */
public class InferenceJobConsumer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceJobConsumer.class);
  private static final DeliveryOptions CLASSIFY_TIMEOUT = new DeliveryOptions().setSendTimeout(120_000);
  private static final long MODEL_POLL_MS = 200;
  private Redis redis;
  private JobQueue queue;
  private JobStore store;
  private JobEvents events;
  private int maxAttempts;
  private volatile boolean stopped;
  private Future<Void> modelReady;

  @Override
  public Future<?> start() {
    redis = StoreClients.redis(vertx, config());
    queue = JobQueue.create(vertx, config());
    store = new JobStore(redis, config().getInteger(ConfigKeys.JOBS_TTL_SECONDS));
    events = new JobEvents(vertx);
    maxAttempts = config().getInteger(ConfigKeys.JOBS_MAX_ATTEMPTS);
    // Never more photos in flight than the inference queue holds, so a job is not refused (and
    // charged an attempt) for capacity: see Jobs.MAX_PHOTOS.
    int prefetch = Math.max(1, config().getInteger(ConfigKeys.INFERENCE_QUEUE_CAPACITY) / Jobs.MAX_PHOTOS);
    modelReady = awaitModel();
    if (config().getString(ConfigKeys.AMQP_URI) == null) {
      return queue.consume(Addresses.QUEUE_INFERENCE, prefetch, this::process);
    }
    modelReady.onSuccess(ok -> queue.consume(Addresses.QUEUE_INFERENCE, prefetch, this::process)
        .onFailure(error -> LOG.error("Cannot take jobs from the inference queue", error)));
    return Future.succeededFuture();
  }

  /** Completes when the local model is READY, fails if it FAILED to load. */
  private Future<Void> awaitModel() {
    Promise<Void> ready = Promise.promise();
    pollModel(ready);
    return ready.future().onFailure(error -> LOG.error("The model failed to load: this worker runs no jobs"));
  }

  private void pollModel(Promise<Void> ready) {
    vertx.eventBus().<JsonObject>request(Addresses.READY_MODEL, new JsonObject()).onComplete(reply -> {
      ModelState state = reply.succeeded() ? ModelState.valueOf(reply.result().body().getString("state")) : ModelState.PENDING;
      switch (state) {
        case READY -> ready.complete();
        case FAILED -> ready.fail(reply.result().body().getString("error", "model failed"));
        case PENDING -> {
          if (!stopped) {
            vertx.setTimer(MODEL_POLL_MS, id -> pollModel(ready));
          }
        }
      }
    });
  }

  private Future<Void> process(JsonObject message) {
    String id = message.getString("job_id");
    return modelReady.transform(loaded -> loaded.succeeded() ? run(id)
        : sendOutcome(failure(id, "model_unavailable", "판별 모델을 불러오지 못했어요. 관리자에게 알려 주세요.")));
  }

  private Future<Void> run(String id) {
    return store.get(id).compose(job -> {
      if (job == null || Jobs.hasEnded(job)) {
        return Future.succeededFuture(); // expired, or a redelivery of a finished job
      }
      JsonObject running = Jobs.running(job);
      if (running.getInteger("attempts") > maxAttempts) {
        return sendOutcome(failure(id, "too_many_attempts", "판별을 " + maxAttempts + "번 시도했지만 끝내지 못했어요."));
      }
      return store.update(running)
          .onSuccess(updated -> events.changed(running))
          .compose(updated -> store.images(Jobs.imageKeys(job)))
          .compose(images -> classify(id, images))
          .compose(this::sendOutcome);
    });
  }

  private Future<JsonObject> classify(String id, List<Buffer> images) {
    if (images.isEmpty() || images.contains(null)) {
      return Future.succeededFuture(failure(id, "images_expired", "사진이 만료되어 판별할 수 없어요. 다시 올려 주세요."));
    }
    JsonArray bytes = new JsonArray();
    images.forEach(image -> bytes.add(image.getBytes()));
    return vertx.eventBus().<JsonObject>request(Addresses.INFERENCE_CLASSIFY, new JsonObject().put("images", bytes), CLASSIFY_TIMEOUT)
        .map(Message::body)
        .map(classified -> classified.put("job_id", id))
        .recover(error -> permanent(error) ? Future.succeededFuture(failure(id, ServiceException.from(error))) : Future.failedFuture(error));
  }

  /** Undecodable photos never succeed on retry; capacity and timeouts may. */
  private static boolean permanent(Throwable error) {
    ErrorCode code = ServiceException.from(error).code();
    return code == ErrorCode.INVALID_BODY || code == ErrorCode.UNSUPPORTED_MEDIA_TYPE;
  }

  private Future<Void> sendOutcome(JsonObject outcome) {
    return queue.send(Addresses.QUEUE_RESULTS, outcome);
  }

  private static JsonObject failure(String id, ServiceException error) {
    return failure(id, error.wireCode(), error.getMessage());
  }

  private static JsonObject failure(String id, String code, String message) {
    return new JsonObject().put("job_id", id).put("error", new JsonObject().put("code", code).put("message", message));
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return queue.close().eventually(() -> redis.close());
  }
}
