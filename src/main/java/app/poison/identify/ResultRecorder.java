package app.poison.identify;

import app.poison.catalog.CatalogReplica;
import app.poison.inference.ModelSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Records a worker's outcome for a job: history in MongoDB first, then the Redis state (guarded so
 * a redelivered outcome changes nothing), then the event; images are dropped once the job ended.
 * The returned future succeeding is what lets the queue acknowledge the outcome.
 */
final class ResultRecorder {
  private final JobStore store;
  private final IdentificationHistory history;
  private final JobEvents events;
  private final CatalogReplica plants;
  private final MeterRegistry metrics;

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
          .compose(done -> store.update(done).map(done))
          .compose(done -> {
            countOutcome(done);
            events.changed(done);
            return store.deleteImages(Jobs.imageKeys(done));
          });
    });
  }

  private Future<JsonObject> finished(JsonObject job, JsonObject outcome) {
    JsonObject error = outcome.getJsonObject("error");
    if (error != null) {
      return Future.succeededFuture(Jobs.failed(job, error.getString("code"), error.getString("message")));
    }
    ModelSpec spec = ModelSpec.fromJson(outcome.getJsonObject("model_spec"));
    double[] probabilities = toArray(outcome.getJsonArray("probabilities"));
    JsonObject model = new JsonObject().put("name", spec.name()).put("version", spec.version());
    return plants.ready().map(catalog -> Jobs.succeeded(job, model, ResultAssembler.assemble(probabilities, spec, catalog)));
  }

  /** Jobs ended, by status, match and warning level. */
  private void countOutcome(JsonObject job) {
    JsonObject result = job.getJsonObject("result");
    metrics.counter("poison.jobs.finished",
        "status", Jobs.status(job),
        "match", result == null ? "none" : result.getString("match"),
        "warning", result == null ? "none" : result.getJsonObject("warning").getString("level")).increment();
  }

  private static double[] toArray(JsonArray values) {
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.getDouble(i);
    }
    return array;
  }
}
