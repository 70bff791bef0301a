package app.poison.inference;

import app.poison.PoisonService;
import app.poison.config.ConfigKeys;
import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the model: loads it off the event loop (PENDING → READY or FAILED, reported to /ready),
 * preprocesses photos on its own pool, and classifies them through the {@link BatchAggregator}.
 * Answers {@code inference.classify} with the combined calibrated probabilities of all photos.
 */
public class InferenceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceVerticle.class);
  private volatile ModelState state = ModelState.PENDING;
  private volatile String failure;
  private PlantModel model;
  /** What an outcome needs of the spec, built once: the training record ({@code info}) is most of model.json. */
  private JsonObject specJson;
  private BatchAggregator aggregator;
  private WorkerExecutor preprocessing;
  private Timer preprocessTime;

  @Override
  public Future<?> start() {
    preprocessing = vertx.createSharedWorkerExecutor("poison-preprocess", Math.max(2, Runtime.getRuntime().availableProcessors()));
    vertx.eventBus().consumer(Addresses.READY_MODEL, message -> message.reply(status()));
    vertx.eventBus().<JsonObject>consumer(Addresses.INFERENCE_CLASSIFY, this::classify);
    Path dir = Path.of(config().getString(ConfigKeys.MODEL_DIR));
    vertx.executeBlocking(() -> load(dir), false)
        .onSuccess(loaded -> state = ModelState.READY)
        .onFailure(error -> {
          failure = error.getMessage();
          state = ModelState.FAILED;
          LOG.error("Model at {} failed to load", dir, error);
        });
    return Future.succeededFuture();
  }

  private PlantModel load(Path dir) throws Exception {
    PlantModel.useTorchThreads(config().getInteger(ConfigKeys.INFERENCE_TORCH_THREADS));
    model = PlantModel.load(dir);
    specJson = model.spec().withInfo(new JsonObject()).toJson();
    MeterRegistry metrics = BackendRegistries.getNow(config().getString(PoisonService.METRICS_REGISTRY));
    preprocessTime = Timer.builder("poison.preprocess.time").publishPercentiles(0.5, 0.99).register(metrics);
    aggregator = new BatchAggregator(model, config().getInteger(ConfigKeys.INFERENCE_THREADS),
        config().getInteger(ConfigKeys.INFERENCE_BATCH_SIZE), config().getInteger(ConfigKeys.INFERENCE_MAX_DELAY_MS),
        config().getInteger(ConfigKeys.INFERENCE_QUEUE_CAPACITY), metrics);
    LOG.info("Model {} {} ready ({} classes)", model.spec().name(), model.spec().version(), model.spec().classCount());
    return model;
  }

  private JsonObject status() {
    JsonObject status = new JsonObject().put("status", state == ModelState.READY ? "UP" : "DOWN").put("state", state.name());
    if (model != null) {
      status.put("name", model.spec().name()).put("version", model.spec().version());
    }
    return failure == null ? status : status.put("error", failure);
  }

  private void classify(Message<JsonObject> message) {
    if (state != ModelState.READY) {
      ServiceException.fail(message, new ServiceException(ErrorCode.UNAVAILABLE, "model_not_ready",
          "판별 모델이 아직 준비되지 않았어요.", new JsonObject().put("retry_after", 5)));
      return;
    }
    JsonArray images = message.body().getJsonArray("images");
    long started = System.nanoTime();
    List<Future<PhotoScores>> photos = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      photos.add(scoresOf(images.getBinary(i)));
    }
    Future.all(photos).onComplete(done -> {
      if (done.failed()) {
        ServiceException.fail(message, done.cause());
        return;
      }
      List<PhotoScores> each = photos.stream().map(Future::result).toList();
      JsonObject reply = new JsonObject()
          .put("probabilities", new JsonArray(toList(Calibration.combine(each.stream()
              .map(s -> Calibration.probabilities(s.logits(), model.spec().temperature())).toList()))))
          .put("model_spec", specJson)
          .put("inference_ms", (System.nanoTime() - started) / 1_000_000);
      double known = lowestKnownScore(each);
      message.reply(Double.isFinite(known) ? reply.put("known_score", known) : reply);
    });
  }

  /**
   * Several photos of one plant: the lowest of their known scores (NaN for a model without one), so
   * that one photo of something the model does not know makes the whole answer uncertain.
   */
  private static double lowestKnownScore(List<PhotoScores> photos) {
    return photos.stream().mapToDouble(PhotoScores::knownScore).min().orElse(Double.NaN);
  }

  private Future<PhotoScores> scoresOf(byte[] bytes) {
    ModelSpec spec = model.spec();
    aggregator.announce();
    return preprocessing.executeBlocking(() -> preprocessTime.recordCallable(
            () -> ImagePreprocessor.toInput(bytes, spec)), false)
        .recover(error -> {
          aggregator.withdraw();
          return Future.failedFuture(new ServiceException(ErrorCode.INVALID_BODY, "undecodable_image", "사진을 해석할 수 없어요.", null));
        })
        .compose(input -> Future.fromCompletionStage(aggregator.submit(input), vertx.getOrCreateContext()));
  }

  private static List<Double> toList(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double value : values) {
      list.add(value);
    }
    return list;
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      if (aggregator != null) {
        aggregator.close();
      }
      if (model != null) {
        model.close();
      }
      return null;
    }).compose(ignored -> preprocessing.close());
  }
}
