package app.poison.identify;

import app.poison.catalog.CatalogReplica;
import app.poison.inference.ModelSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Records a worker's outcome for a job: history in MongoDB first, then the Redis state (guarded so
 * a redelivered outcome changes nothing), then the event; images then expire with the job (feedback
 * may still contribute them).
 * The returned future succeeding is what lets the queue acknowledge the outcome.
 */
final class ResultRecorder {
  private final JobStore store;
  private final IdentificationHistory history;
  private final JobEvents events;
  private final CatalogReplica plants;
  private final MeterRegistry metrics;
  private final Map<String, ModelSpec> specs = new HashMap<>();

  ResultRecorder(JobStore store, IdentificationHistory history, JobEvents events, CatalogReplica plants, MeterRegistry metrics) {
    this.store = store;
    this.history = history;
    this.events = events;
    this.plants = plants;
    this.metrics = metrics;
  }

  Future<Void> record(JsonObject outcome) {
    String id = outcome.getString("job_id");
    return store.get(id).compose(job -> {
      if (job == null || Jobs.hasEnded(job)) {
        return Future.succeededFuture(); // expired, or already recorded: nothing to do
      }
      return finished(job, outcome)
          .compose(done -> history.record(done).map(done))
          .compose(done -> store.update(done).compose(won -> won ? published(done) : historyOfWinner(id)));
    });
  }

  private Future<Void> published(JsonObject done) {
    countOutcome(done);
    events.changed(done);
    return store.expireImagesWithJob(Jobs.imageKeys(done));
  }

  /**
   * Another outcome for the same job (a redelivered job run twice) ended it first: the history,
   * written before the guarded update, must hold that one, and this one is neither counted nor pushed.
   */
  private Future<Void> historyOfWinner(String id) {
    return store.get(id).compose(winner -> winner != null && Jobs.hasEnded(winner) ? history.record(winner) : Future.succeededFuture());
  }

  private Future<JsonObject> finished(JsonObject job, JsonObject outcome) {
    JsonObject error = outcome.getJsonObject("error");
    if (error != null) {
      return Future.succeededFuture(Jobs.failed(job, error.getString("code"), error.getString("message")));
    }
    ModelSpec spec;
    double[] probabilities;
    double knownScore;
    try {
      spec = specOf(outcome.getJsonObject("model_spec"));
      probabilities = toArray(outcome.getJsonArray("probabilities"));
      // missing: no open-set score, which a model that has one reads as "not known" (uncertain)
      knownScore = outcome.getDouble("known_score", Double.NaN);
    } catch (RuntimeException e) {
      return Future.succeededFuture(invalidOutput(job)); // would fail the same way on every redelivery
    }
    if (probabilities.length != spec.classCount() || !Arrays.stream(probabilities).allMatch(Double::isFinite)) {
      return Future.succeededFuture(invalidOutput(job)); // a broken model (e.g. NaN weights) must not answer at all
    }
    JsonObject model = new JsonObject().put("name", spec.name()).put("version", spec.version());
    return plants.ready().map(catalog -> Jobs.succeeded(job, model, ResultAssembler.assemble(probabilities, knownScore, spec, catalog)));
  }

  private static JsonObject invalidOutput(JsonObject job) {
    return Jobs.failed(job, "invalid_model_output", "판별 모델이 올바른 값을 내지 못했어요. 관리자에게 알려 주세요.");
  }

  /**
   * Parsed once per model: every outcome carries its worker's model spec. Keyed by what decides an
   * answer too, so a model re-trained under the same name and version never answers with old thresholds.
   */
  private ModelSpec specOf(JsonObject json) {
    String key = json.getString("name") + "@" + json.getString("version") + "@" + json.getValue("calibration")
        + "@" + json.getValue("open_set");
    return specs.computeIfAbsent(key, k -> ModelSpec.fromJson(json));
  }

  /** Jobs ended, by status, match and warning level. */
  private void countOutcome(JsonObject job) {
    JsonObject result = job.getJsonObject("result");
    metrics.counter("poison.jobs.finished",
        "status", Jobs.status(job),
        "match", result == null ? "none" : result.getString("match"),
        "warning", result == null ? "none" : result.getJsonObject("warning").getString("level")).increment();
  }

  /** JSON has no NaN: Vert.x writes it as the string "NaN", which reads back as NaN here. */
  private static double[] toArray(JsonArray values) {
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.getValue(i) instanceof Number number ? number.doubleValue() : Double.NaN;
    }
    return array;
  }
}
