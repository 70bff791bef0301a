package app.poison;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.poison.config.ConfigKeys;
import app.poison.training.TestModels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping the service lets a request in flight finish: the HTTP server drains first, and the
 * stores and the queue it needs close only after.
 */
class GracefulStopTest {
  private static final String BOUNDARY = "graceful-stop";
  private final Vertx client = Vertx.vertx();

  @AfterEach
  void closeClient() throws Exception {
    await(client.close());
  }

  @Test
  void anUploadStillArrivingWhenStopIsCalledIsAccepted() throws Exception {
    PoisonService service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString(),
        ConfigKeys.envName(ConfigKeys.SHUTDOWN_GRACE_MS), "10000")));
    await(new HttpTestClient(client, service.httpPort()).awaitOk("/ready", java.time.Duration.ofSeconds(60)));
    HttpClient http = client.createHttpClient();
    HttpClientRequest request = await(http.request(HttpMethod.POST, service.httpPort(), "127.0.0.1", "/api/v1/identifications"));
    request.putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).setChunked(true);
    Future<HttpClientResponse> response = request.response();
    Buffer body = multipart(TestImages.jpeg(400, 300));
    int half = body.length() / 2;
    await(request.write(body.getBuffer(0, half)));
    awaitUploadInProgress(new HttpTestClient(client, service.httpPort()));

    Future<Void> stopped = service.stop();
    Thread.sleep(1000); // long enough for the stores to have closed, had they not waited for the server
    await(request.end(body.getBuffer(half, body.length())));
    HttpClientResponse answer = await(response);
    assertEquals(202, answer.statusCode(), await(answer.body()).toString());
    await(stopped);
  }

  /** Until the server counts the POST as an active request: it has the upload, however busy the machine. */
  private static void awaitUploadInProgress(HttpTestClient http) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (activePosts(await(http.get("/metrics")).bodyAsString()) < 1) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server never started reading the upload");
      }
      Thread.sleep(20);
    }
  }

  private static double activePosts(String metrics) {
    return metrics.lines().filter(line -> line.startsWith("vertx_http_server_active_requests") && line.contains("method=\"POST\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  private static Buffer multipart(byte[] photo) {
    return Buffer.buffer(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
        .appendBytes(photo)
        .appendString("\r\n--" + BOUNDARY + "--\r\n");
  }
}
