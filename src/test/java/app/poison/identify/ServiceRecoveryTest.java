package app.poison.identify;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.Await;
import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.training.TestModels;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-client rate limiting, and recovery from a Redis restart without restarting the service. */
class ServiceRecoveryTest {
  private final Vertx vertx = Vertx.vertx();
  private PoisonService service;
  private Process redis;

  @AfterEach
  void stop() throws Exception {
    if (service != null) {
      await(service.stop());
    }
    if (redis != null) {
      redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    await(vertx.close());
  }

  @Test
  void aClientOverTheUploadRateGets429WithRetryAfter() throws Exception {
    service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString(),
        ConfigKeys.envName(ConfigKeys.RATE_UPLOADS_PER_MINUTE), "2")));
    HttpTestClient http = new HttpTestClient(vertx, service.httpPort());
    assertEquals(202, await(http.identify(TestImages.jpeg(100, 90))).statusCode());
    assertEquals(202, await(http.identify(TestImages.jpeg(101, 90))).statusCode());
    HttpResponse<Buffer> limited = await(http.identify(TestImages.jpeg(102, 90)));
    assertEquals(429, limited.statusCode());
    assertEquals("rate_limited", limited.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertTrue(Integer.parseInt(limited.getHeader("Retry-After")) >= 1);
  }

  /** A single process has no other worker to wait for: its jobs end with the reason at once. */
  @Test
  void aServiceWhoseModelFailedToLoadFailsItsJobsWithTheReason() throws Exception {
    service = await(TestServices.start(Map.of(ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestServices.tempDir().toString())));
    HttpTestClient http = new HttpTestClient(vertx, service.httpPort());
    HttpResponse<Buffer> accepted = await(http.identify(TestImages.jpeg(140, 90)));
    assertEquals(202, accepted.statusCode());
    JsonObject done = await(http.awaitFinished(accepted.bodyAsJsonObject().getString("id")));
    assertEquals("failed", done.getString("status"), done.encode());
    assertEquals("model_unavailable", done.getJsonObject("error").getString("code"));
    assertEquals(0, done.getInteger("attempts"), "never started");
  }

  @Test
  void theServiceRecoversWhenRedisRestarts() throws Exception {
    int port = TestServices.freePort();
    Path dir = TestServices.tempDir();
    redis = startRedis(port, dir);
    service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString(),
        ConfigKeys.envName(ConfigKeys.REDIS_URI), "redis://127.0.0.1:" + port)));
    HttpTestClient http = new HttpTestClient(vertx, service.httpPort());
    await(http.awaitOk("/ready", Duration.ofSeconds(60)));
    String first = await(http.identify(TestImages.jpeg(300, 200))).bodyAsJsonObject().getString("id");
    assertEquals("succeeded", await(http.awaitFinished(first)).getString("status"));

    redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    HttpResponse<Buffer> down = await(http.get("/ready"));
    assertEquals(503, down.statusCode());
    assertEquals("DOWN", down.bodyAsJsonObject().getJsonObject("checks").getJsonObject("redis").getString("status"));
    HttpResponse<Buffer> refused = await(http.identify(TestImages.jpeg(301, 200)));
    assertEquals(503, refused.statusCode(), "upload while Redis is down: " + refused.bodyAsString());
    assertNotNull(refused.getHeader("Retry-After"));

    redis = startRedis(port, dir);
    await(http.awaitOk("/ready", Duration.ofSeconds(30)));
    String second = await(http.identify(TestImages.jpeg(302, 200))).bodyAsJsonObject().getString("id");
    assertEquals("succeeded", await(http.awaitFinished(second)).getString("status"));
    // The history in MongoDB still answers for the job whose Redis state died with Redis.
    assertEquals(200, await(http.get("/api/v1/identifications/" + first)).statusCode());
  }

  /**
   * Redis refuses the one write that comes after the queue's confirm (the photo fingerprint: the
   * service's user may only read those keys). The job is queued, so the upload must be accepted:
   * answering 503 would send the client to retry a job that runs anyway.
   */
  @Test
  void aJobTheQueueConfirmedIsAcceptedWhenItsFingerprintCannotBeStored() throws Exception {
    int port = TestServices.freePort();
    redis = startRedis(port, TestServices.tempDir(), "--user", "poison", "on", "nopass",
        "~poison:job:*", "~poison:img:*", "~poison:jobs:*", "~poison:rate:*", "~rankings:*", "%R~poison:fp:*", "+@all");
    service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString(),
        ConfigKeys.envName(ConfigKeys.REDIS_URI), "redis://poison:any@127.0.0.1:" + port)));
    HttpTestClient http = new HttpTestClient(vertx, service.httpPort());
    await(http.awaitOk("/ready", Duration.ofSeconds(60)));
    HttpResponse<Buffer> accepted = await(http.identify(TestImages.jpeg(320, 200)));
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    String id = accepted.bodyAsJsonObject().getString("id");
    assertEquals("succeeded", await(http.awaitFinished(id)).getString("status"));
  }

  private static Process startRedis(int port, Path dir, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Await.listening(port, Duration.ofSeconds(10));
    return process;
  }
}
