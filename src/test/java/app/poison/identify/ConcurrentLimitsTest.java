package app.poison.identify;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pending-job cap and the per-client rates hold under concurrent requests, on one api node and
 * across two: each check and its write are one Redis step. Jobs wait in the machine's RabbitMQ
 * (no worker runs), so the pending count cannot drop while the uploads race.
 */
@Tag("amqp")
class ConcurrentLimitsTest {
  private static final String RABBIT = "amqp://guest:guest@127.0.0.1:5672";
  private static final int CONCURRENT = 8;
  private final Vertx vertx = Vertx.vertx();
  private final String namespace = "poison-test-" + UUID.randomUUID();
  private final List<PoisonService> services = new ArrayList<>();

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = services.size() - 1; i >= 0; i--) {
      await(services.get(i).stop());
    }
    RabbitMQClient admin = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(RABBIT));
    await(admin.start());
    for (String queue : List.of("jobs.inference", "jobs.results")) {
      await(admin.queueDelete(namespace + "." + queue).recover(error -> null));
    }
    await(admin.exchangeDelete(namespace + ".events").recover(error -> null));
    await(admin.stop());
    await(vertx.close());
  }

  @Test
  void withRoomForOneJobExactlyOneOfEightConcurrentUploadsIsAccepted() throws Exception {
    PoisonService api = start(Map.of(ConfigKeys.envName(ConfigKeys.JOBS_MAX_PENDING), "1",
        ConfigKeys.envName(ConfigKeys.RATE_UPLOADS_PER_MINUTE), "1000"));
    HttpTestClient http = new HttpTestClient(vertx, api.httpPort());
    List<Future<HttpResponse<Buffer>>> uploads = IntStream.range(0, CONCURRENT)
        .mapToObj(i -> http.identify(TestImages.encode(TestImages.drawing(320, 240, 1000 + i), "jpg"))).toList();
    List<Integer> statuses = await(Future.all(uploads)).<HttpResponse<Buffer>>list().stream().map(HttpResponse::statusCode).toList();
    assertEquals(1, statuses.stream().filter(status -> status == 202).count(), statuses.toString());
    assertEquals(CONCURRENT - 1, statuses.stream().filter(status -> status == 503).count(), statuses.toString());
  }

  @Test
  void aClientsRateIsOneBucketAcrossApiNodes() throws Exception {
    Map<String, String> env = Map.of(ConfigKeys.envName(ConfigKeys.RATE_UPLOADS_PER_MINUTE), "3");
    PoisonService first = start(env);
    Map<String, String> shared = new HashMap<>(env);
    shared.put(ConfigKeys.envName(ConfigKeys.MONGO_URI), first.config().getString(ConfigKeys.MONGO_URI));
    shared.put(ConfigKeys.envName(ConfigKeys.REDIS_URI), first.config().getString(ConfigKeys.REDIS_URI));
    PoisonService second = start(shared);
    List<HttpTestClient> nodes = List.of(new HttpTestClient(vertx, first.httpPort()), new HttpTestClient(vertx, second.httpPort()));

    JsonObject feedback = new JsonObject().put("verdict", "unsure").put("contribute_photos", false);
    List<Future<HttpResponse<Buffer>>> posts = IntStream.range(0, CONCURRENT).mapToObj(i -> nodes.get(i % 2).web()
        .post("/api/v1/identifications/" + UUID.randomUUID() + "/feedback").sendJsonObject(feedback)).toList();
    List<Integer> statuses = await(Future.all(posts)).<HttpResponse<Buffer>>list().stream().map(HttpResponse::statusCode).toList();
    assertEquals(3, statuses.stream().filter(status -> status == 404).count(), "unknown jobs, past the limiter: " + statuses);
    assertEquals(CONCURRENT - 3, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
  }

  private PoisonService start(Map<String, String> overrides) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        ConfigKeys.envName(ConfigKeys.ROLE), "api",
        ConfigKeys.envName(ConfigKeys.AMQP_URI), RABBIT,
        ConfigKeys.envName(ConfigKeys.AMQP_NAMESPACE), namespace));
    env.putAll(overrides);
    PoisonService service = await(TestServices.start(env));
    services.add(service);
    await(new HttpTestClient(vertx, service.httpPort()).awaitOk("/ready", Duration.ofSeconds(60)));
    return service;
  }
}
