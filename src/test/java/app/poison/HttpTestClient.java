package app.poison;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A small HTTP client for tests that talk to a running service. */
public final class HttpTestClient {
  private final Vertx vertx;
  private final WebClient client;

  public HttpTestClient(Vertx vertx, int port) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public WebClient web() {
    return client;
  }

  public Future<HttpResponse<Buffer>> get(String path) {
    return client.get(path).send();
  }

  /** Uploads each image as a part named {@code field} with an arbitrary file name. */
  public Future<HttpResponse<Buffer>> upload(String field, List<byte[]> images) {
    MultipartForm form = MultipartForm.create();
    for (int i = 0; i < images.size(); i++) {
      form.binaryFileUpload(field, "photo" + i + ".jpg", Buffer.buffer(images.get(i)), "image/jpeg");
    }
    return client.post("/api/v1/identifications").sendMultipartForm(form);
  }

  public Future<HttpResponse<Buffer>> identify(byte[]... images) {
    return upload("image", List.of(images));
  }

  /** Polls an identification until {@code done} holds or the timeout passes. */
  public Future<JsonObject> pollUntil(String id, Predicate<JsonObject> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return get("/api/v1/identifications/" + id).compose(response -> {
      JsonObject job = response.statusCode() == 200 ? response.bodyAsJsonObject() : null;
      if (job != null && done.test(job)) {
        return Future.succeededFuture(job);
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture(new AssertionError("job " + id + " did not finish: " + response.bodyAsString()));
      }
      return vertx.timer(50).compose(ignored -> pollUntil(id, done, Duration.ofNanos(deadline - System.nanoTime())));
    });
  }

  public Future<JsonObject> awaitFinished(String id) {
    return pollUntil(id, job -> "succeeded".equals(job.getString("status")) || "failed".equals(job.getString("status")),
        Duration.ofSeconds(60));
  }

  /** Polls {@code path} until it answers 200. */
  public Future<Void> awaitOk(String path, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return get(path).transform(result -> {
      if (result.succeeded() && result.result().statusCode() == 200) {
        return Future.succeededFuture();
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture(new AssertionError(path + " never answered 200: "
            + (result.succeeded() ? result.result().bodyAsString() : result.cause())));
      }
      return vertx.timer(100).compose(ignored -> awaitOk(path, Duration.ofNanos(deadline - System.nanoTime())));
    });
  }
}
