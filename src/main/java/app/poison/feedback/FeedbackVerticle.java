package app.poison.feedback;

import app.poison.PoisonService;
import app.poison.config.ConfigKeys;
import app.poison.identify.JobStore;
import app.poison.messaging.Addresses;
import app.poison.messaging.ServiceException;
import app.poison.storage.ImageStore;
import app.poison.storage.StoreClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.redis.client.Redis;
import java.util.function.Function;

/** Takes feedback on answers and serves the admin's review of the contributions. */
public class FeedbackVerticle extends VerticleBase {
  private Redis redis;
  private MongoClient mongo;
  private ImageStore images;

  @Override
  public Future<?> start() {
    redis = StoreClients.redis(vertx, config());
    mongo = StoreClients.mongo(vertx, config());
    images = ImageStore.fromConfig(vertx, config());
    ContributionStore store = new ContributionStore(mongo);
    Contributions contributions = new Contributions(vertx, new JobStore(redis, config().getInteger(ConfigKeys.JOBS_TTL_SECONDS)),
        images, store, BackendRegistries.getNow(config().getString(PoisonService.METRICS_REGISTRY)));
    ContributionReview review = new ContributionReview(contributions, store);
    serve(Addresses.FEEDBACK_SUBMIT, contributions::submit);
    serve(Addresses.CONTRIBUTIONS_LIST, review::list);
    serve(Addresses.CONTRIBUTIONS_APPROVE, review::approve);
    serve(Addresses.CONTRIBUTIONS_REJECT, review::reject);
    return Future.succeededFuture();
  }

  private void serve(String address, Function<JsonObject, Future<JsonObject>> command) {
    vertx.eventBus().<JsonObject>consumer(address, message -> {
      Future<JsonObject> result;
      try {
        result = command.apply(message.body() == null ? new JsonObject() : message.body());
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onSuccess(message::reply).onFailure(error -> ServiceException.orUnavailable(error).replyTo(message));
    });
  }

  @Override
  public Future<?> stop() {
    redis.close();
    return images.close().eventually(() -> mongo.close());
  }
}
