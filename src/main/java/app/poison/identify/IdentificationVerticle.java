package app.poison.identify;

import app.poison.catalog.CatalogReplica;
import app.poison.PoisonService;
import app.poison.config.ConfigKeys;
import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.JobQueue;
import app.poison.messaging.ServiceException;
import app.poison.storage.StoreClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.redis.client.Redis;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owns identification jobs on the api side: takes submissions, answers reads, and turns the
 * workers' classifications into stored results (Redis state, MongoDB history, a published event).
 */
public class IdentificationVerticle extends VerticleBase {
  private Redis redis;
  private MongoClient mongo;
  private JobQueue queue;
  private JobIntake intake;
  private ResultRecorder recorder;
  private IdentificationHistory history;
  private final AtomicLong pendingJobs = new AtomicLong();

  @Override
  public Future<?> start() {
    redis = StoreClients.redis(vertx, config());
    mongo = StoreClients.mongo(vertx, config());
    queue = JobQueue.create(vertx, config());
    JobStore store = new JobStore(redis, config().getInteger(ConfigKeys.JOBS_TTL_SECONDS));
    JobEvents events = new JobEvents(vertx);
    history = new IdentificationHistory(mongo);
    intake = new JobIntake(store, queue, events, config().getInteger(ConfigKeys.JOBS_MAX_PENDING));
    MeterRegistry metrics = BackendRegistries.getNow(config().getString(PoisonService.METRICS_REGISTRY));
    CatalogReplica plants = new CatalogReplica(vertx, () -> { });
    recorder = new ResultRecorder(store, history, events, plants, metrics);
    // Unfinished jobs across all nodes (the Redis set), sampled for /metrics.
    Gauge.builder("poison.jobs.pending", pendingJobs, AtomicLong::get).register(metrics);
    vertx.setPeriodic(1000, id -> store.pendingCount().onSuccess(pendingJobs::set));
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTIFY_SUBMIT, this::submit);
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTIFY_GET, this::get);
    vertx.eventBus().<JsonObject>consumer(Addresses.RATE_TAKE, new ClientRates(redis)::take);
    return plants.listen()
        .compose(ok -> queue.consume(Addresses.QUEUE_RESULTS, 32, recorder::record))
        .onSuccess(ok -> recoverLocalJobs());
  }

  private void submit(Message<JsonObject> message) {
    intake.submit(message.body().getJsonArray("images"))
        .onSuccess(job -> message.reply(Jobs.publicView(job)))
        .onFailure(error -> ServiceException.orUnavailable(error).replyTo(message));
  }

  private void get(Message<JsonObject> message) {
    String id = message.body().getString("id");
    intake.find(id)
        .compose(job -> job != null ? Future.succeededFuture(job) : history.find(id))
        .onSuccess(job -> {
          if (job == null) {
            ServiceException.fail(message, new ServiceException(ErrorCode.NOT_FOUND, "identification_not_found",
                "판별 요청을 찾을 수 없어요: " + id, null));
          } else {
            message.reply(Jobs.publicView(job));
          }
        })
        .onFailure(error -> ServiceException.orUnavailable(error).replyTo(message));
  }

  /**
   * Without RabbitMQ the queue lives in this process: jobs that were pending when the process last
   * stopped are enqueued again, so none is lost. (With RabbitMQ the broker keeps them.)
   */
  private void recoverLocalJobs() {
    if (config().getString(ConfigKeys.AMQP_URI) == null) {
      intake.requeuePending(System.currentTimeMillis());
    }
  }

  @Override
  public Future<?> stop() {
    return queue.close().eventually(() -> {
      redis.close();
      return mongo.close();
    });
  }
}
