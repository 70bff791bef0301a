package app.poison.feedback;

import app.poison.catalog.PlantSummaries;
import app.poison.identify.JobStore;
import app.poison.identify.Jobs;
import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import app.poison.storage.CleanJpegs;
import app.poison.storage.ImageStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Feedback on answers and the photos given with it: stored with the model's answer, the photos
 * copied out of the expiring job (re-encoded without metadata) only with the person's consent.
 */
final class Contributions {
  static final String PENDING = "pending";
  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";
  static final String USE_CATALOG = "catalog";
  static final String USE_TRAINING = "training";
  private static final int ANSWER_CANDIDATES = 3;
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);
  private final Vertx vertx;
  private final JobStore jobs;
  private final ImageStore images;
  private final ContributionStore store;
  private final MeterRegistry metrics;

  Contributions(Vertx vertx, JobStore jobs, ImageStore images, ContributionStore store, MeterRegistry metrics) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.images = images;
    this.store = store;
    this.metrics = metrics;
  }

  /** {@code {"job_id", "client", "feedback"}} → {@code {"id", "status": "pending"}}. */
  Future<JsonObject> submit(JsonObject request) {
    Feedback feedback = Feedback.parse(request.getJsonObject("feedback", new JsonObject()));
    String jobId = request.getString("job_id");
    String id = idOf(jobId, request.getString("client", ""));
    return this.<JsonObject>ask(Addresses.IDENTIFY_GET, new JsonObject().put("id", jobId))
        .compose(job -> requireSucceeded(job).compose(ok -> requireKnownPlant(feedback.plantId())).map(job))
        .compose(job -> store.find(id).compose(earlier -> {
          if (earlier != null && !PENDING.equals(earlier.getString("status"))) {
            throw new ServiceException(ErrorCode.CONFLICT, "feedback_reviewed", "이미 검토된 의견이라 바꿀 수 없어요.", null);
          }
          return photos(jobId, feedback.contributePhotos())
              .map(photos -> document(id, job, feedback, photos, earlier))
              .compose(document -> store.save(document).map(document))
              .onSuccess(document -> count(feedback, Jobs.topPlantId(job), earlier == null));
        }))
        .map(document -> new JsonObject().put("id", id).put("status", PENDING));
  }

  private static Future<Void> requireSucceeded(JsonObject job) {
    if (Jobs.SUCCEEDED.equals(Jobs.status(job))) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(Jobs.FAILED.equals(Jobs.status(job))
        ? new ServiceException(ErrorCode.CONFLICT, "identification_failed", "판별에 실패한 요청에는 의견을 남길 수 없어요.", null)
        : new ServiceException(ErrorCode.CONFLICT, "identification_not_finished", "판별이 끝난 뒤에 의견을 남겨 주세요.", null));
  }

  /** A contribution can only point at a plant of the catalog. */
  Future<Void> requireKnownPlant(String plantId) {
    if (plantId == null) {
      return Future.succeededFuture();
    }
    return ask(Addresses.CATALOG_GET, new JsonObject().put("id", plantId)).<Void>mapEmpty().recover(error -> {
      ServiceException failure = ServiceException.from(error);
      return Future.failedFuture(failure.code() == ErrorCode.NOT_FOUND
          ? Feedback.invalid("plant_id", "도감에 없는 식물이에요: " + plantId) : failure);
    });
  }

  /** The job's photos, cleaned and stored; none without consent. */
  private Future<JsonArray> photos(String jobId, boolean consent) {
    if (!consent) {
      return Future.succeededFuture(new JsonArray());
    }
    return jobs.get(jobId).compose(job -> job == null ? Future.succeededFuture(List.<Buffer>of()) : jobs.images(Jobs.imageKeys(job)))
        .compose(photos -> {
          if (photos.isEmpty() || photos.contains(null)) {
            throw new ServiceException(ErrorCode.CONFLICT, "photos_expired",
                "사진이 이미 지워져서 함께 보낼 수 없어요. 사진 없이 의견만 보내 주세요.", null);
          }
          return Future.all(photos.stream().map(this::keep).toList());
        })
        .map(stored -> new JsonArray(stored.list()));
  }

  private Future<JsonObject> keep(Buffer photo) {
    return vertx.executeBlocking(() -> CleanJpegs.of(photo.getBytes()), false)
        .compose(clean -> images.put(clean.image().getString("key"), Buffer.buffer(clean.bytes())).map(clean.image()));
  }

  private static JsonObject document(String id, JsonObject job, Feedback feedback, JsonArray photos, JsonObject earlier) {
    long now = System.currentTimeMillis();
    return new JsonObject().put("id", id).put("job_id", Jobs.id(job)).put("status", PENDING)
        .put("verdict", feedback.verdict()).put("plant_id", feedback.plantId()).put("comment", feedback.comment())
        .put("contribute_photos", feedback.contributePhotos()).put("photos", photos).put("answer", answer(job))
        .put("created_at", earlier == null ? Instant.ofEpochMilli(now).toString() : earlier.getString("created_at"))
        .put("created_ms", earlier == null ? now : earlier.getLong("created_ms"))
        .put("updated_at", Instant.ofEpochMilli(now).toString());
  }

  /** What the model said: its version, match, warning and top candidates (id, Korean name, score). */
  private static JsonObject answer(JsonObject job) {
    JsonObject result = job.getJsonObject("result", new JsonObject());
    JsonArray candidates = new JsonArray();
    for (Object candidate : result.getJsonArray("candidates", new JsonArray())) {
      if (candidates.size() == ANSWER_CANDIDATES) {
        break;
      }
      JsonObject plant = ((JsonObject) candidate).getJsonObject("plant", new JsonObject());
      candidates.add(new JsonObject().put("plant_id", plant.getString("id")).put("name_ko", plant.getString("name_ko"))
          .put("score", ((JsonObject) candidate).getValue("score")));
    }
    return new JsonObject().put("model", job.getJsonObject("model")).put("match", result.getString("match"))
        .put("warning", result.getJsonObject("warning")).put("candidates", candidates);
  }

  /**
   * Feedback by verdict, and the top-1 answer judged by the people who saw it: a {@code correct}
   * verdict, or a {@code wrong} one (also when the plant they name differs from the top candidate).
   */
  private void count(Feedback feedback, String topPlantId, boolean first) {
    if (!first) {
      return; // a replaced feedback was counted already
    }
    metrics.counter("poison.feedback", "verdict", feedback.verdict()).increment();
    if (!Feedback.UNSURE.equals(feedback.verdict())) {
      boolean correct = Feedback.CORRECT.equals(feedback.verdict())
          && (feedback.plantId() == null || feedback.plantId().equals(topPlantId));
      metrics.counter("poison.feedback.top1", "outcome", correct ? "correct" : "wrong").increment();
    }
  }

  /** The same client's feedback on the same job has the same id: a second one replaces the first. */
  static String idOf(String jobId, String client) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((jobId + "\n" + client).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A contribution as admins see it: its photos with their URLs. */
  static JsonObject view(JsonObject contribution) {
    JsonObject view = contribution.copy();
    view.remove("created_ms");
    JsonArray photos = new JsonArray();
    for (Object photo : contribution.getJsonArray("photos", new JsonArray())) {
      JsonObject stored = (JsonObject) photo;
      photos.add(stored.copy().put("image_url", PlantSummaries.IMAGE_PATH + stored.getString("key")));
    }
    return view.put("photos", photos);
  }

  <T> Future<T> ask(String address, JsonObject body) {
    return vertx.eventBus().<T>request(address, body, TIMEOUT).map(Message::body)
        .recover(error -> Future.failedFuture(ServiceException.from(error))); // e.g. 404 stays 404
  }
}
