package app.poison.identify;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.Await;
import app.poison.EventBusSocket;
import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.Main;
import app.poison.TcpProxy;
import app.poison.TestProcesses;
import app.poison.TestRabbit;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.inference.ModelSpec;
import app.poison.training.TestModels;
import app.poison.messaging.Addresses;
import app.poison.storage.StoreClients;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Api and worker nodes over the machine's real RabbitMQ (127.0.0.1:5672), each test in its own
 * queue namespace: jobs wait durably for a worker, events reach the api node's WebSocket clients,
 * a full backlog and an unreachable broker answer 503, and the api node recovers by itself.
 */
@Tag("amqp")
class RabbitJobFlowTest {
  private final Vertx vertx = Vertx.vertx();
  private final String namespace = TestRabbit.newNamespace();
  private final List<PoisonService> services = new ArrayList<>();
  private TcpProxy broker;

  @BeforeEach
  void startBrokerProxy() throws Exception {
    broker = new TcpProxy(vertx, TestServices.freePort(), TestRabbit.PORT);
    await(broker.start());
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (PoisonService service : services) {
      await(service.stop());
    }
    TestRabbit.deleteNamespace(namespace);
    await(vertx.close());
  }

  @Test
  void aWorkerNodeRunsTheJobAndPushAndPollAgree() throws Exception {
    PoisonService api = start("api", Map.of());
    HttpTestClient http = new HttpTestClient(vertx, api.httpPort());
    await(http.awaitOk("/ready", Duration.ofSeconds(30)));

    JsonObject queued = await(http.identify(TestImages.jpeg(640, 480))).bodyAsJsonObject();
    String id = queued.getString("id");
    assertEquals("queued", queued.getString("status"));
    EventBusSocket socket = await(EventBusSocket.connect(vertx, api.httpPort()));
    await(socket.register("identifications." + id));
    socket.awaitRegistered(api.vertx(), "identifications." + id);

    start("worker", Map.of(ConfigKeys.envName(ConfigKeys.REDIS_URI), api.config().getString(ConfigKeys.REDIS_URI)));
    List<String> pushed = new ArrayList<>();
    JsonObject last = null;
    while (last == null || !"succeeded".equals(last.getString("status"))) {
      JsonObject frame = socket.next(60, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("no push; got so far " + pushed + "; job is "
            + await(http.get("/api/v1/identifications/" + id)).bodyAsString());
      }
      last = frame.getJsonObject("body");
      pushed.add(last.getString("status"));
    }
    assertTrue(pushed.contains("running"), "the worker's running event crossed RabbitMQ: " + pushed);
    HttpResponse<Buffer> polled = await(http.get("/api/v1/identifications/" + id));
    assertEquals(last, polled.bodyAsJsonObject(), "push and poll agree");
    assertEquals(1, last.getInteger("attempts"));
    await(socket.close());
  }

  /** A worker that cannot serve its model must not take (and burn attempts of) jobs others can run. */
  @Test
  void aWorkerWhoseModelFailedLeavesJobsToAWorkerThatCanRunThem() throws Exception {
    PoisonService api = start("api", Map.of());
    HttpTestClient http = new HttpTestClient(vertx, api.httpPort());
    String redis = ConfigKeys.envName(ConfigKeys.REDIS_URI);
    PoisonService broken = start("worker", Map.of(redis, api.config().getString(ConfigKeys.REDIS_URI),
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestServices.tempDir().toString()));
    HttpTestClient brokenHttp = new HttpTestClient(vertx, broken.httpPort());
    awaitStatus(brokenHttp, "/ready", 503);
    String id = await(http.identify(TestImages.jpeg(410, 300))).bodyAsJsonObject().getString("id");
    Thread.sleep(2000); // the broken worker is consuming by now if it ever will
    JsonObject waiting = await(http.get("/api/v1/identifications/" + id)).bodyAsJsonObject();
    assertEquals("queued", waiting.getString("status"), waiting.encode());
    assertEquals(0, waiting.getInteger("attempts"));

    start("worker", Map.of(redis, api.config().getString(ConfigKeys.REDIS_URI)));
    JsonObject done = await(http.awaitFinished(id));
    assertEquals("succeeded", done.getString("status"), done.encode());
    assertEquals(1, done.getInteger("attempts"));
  }

  @Test
  void clientsCannotSendIntoTheBus() throws Exception {
    PoisonService api = start("api", Map.of());
    EventBusSocket socket = await(EventBusSocket.connect(vertx, api.httpPort()));
    await(socket.send("identify.submit", new JsonObject().put("images", List.of())));
    JsonObject answer = socket.next(10, TimeUnit.SECONDS);
    assertNotNull(answer);
    assertEquals("err", answer.getString("type"));
    assertEquals("access_denied", answer.getString("body"));
    await(socket.close());
  }

  @Test
  void aFullBacklogAnswers503WithRetryAfter() throws Exception {
    PoisonService api = start("api", Map.of(ConfigKeys.envName(ConfigKeys.JOBS_MAX_PENDING), "2"));
    HttpTestClient http = new HttpTestClient(vertx, api.httpPort());
    assertEquals(202, await(http.identify(TestImages.jpeg(100, 100))).statusCode());
    assertEquals(202, await(http.identify(TestImages.jpeg(101, 100))).statusCode());
    HttpResponse<Buffer> refused = await(http.identify(TestImages.jpeg(102, 100)));
    assertEquals(503, refused.statusCode());
    assertEquals("queue_full", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertNotNull(refused.getHeader("Retry-After"));
  }

  @Test
  void anUnreachableBrokerAnswers503AndTheApiRecoversWhenItIsBack() throws Exception {
    PoisonService api = start("api", Map.of());
    HttpTestClient http = new HttpTestClient(vertx, api.httpPort());
    await(http.awaitOk("/ready", Duration.ofSeconds(30)));
    assertEquals(202, await(http.identify(TestImages.jpeg(120, 100))).statusCode());

    await(broker.stop());
    awaitStatus(http, "/ready", 503);
    HttpResponse<Buffer> refused = await(http.identify(TestImages.jpeg(121, 100)));
    assertEquals(503, refused.statusCode(), refused.bodyAsString());
    assertNotNull(refused.getHeader("Retry-After"));
    assertEquals(200, await(http.get("/health")).statusCode());

    await(broker.start());
    await(http.awaitOk("/ready", Duration.ofSeconds(30)));
    assertEquals(202, await(http.identify(TestImages.jpeg(122, 100))).statusCode());
  }

  @Test
  @Tag("process")
  void aWorkerKilledMidJobLeavesItToAnotherWorkerAndItIsRecordedOnce() throws Exception {
    PoisonService api = start("api", Map.of());
    HttpTestClient http = new HttpTestClient(vertx, api.httpPort());
    Map<String, String> workerEnv = TestServices.nodeEnv(env("worker", Map.of(
        ConfigKeys.envName(ConfigKeys.REDIS_URI), api.config().getString(ConfigKeys.REDIS_URI))));

    String id = null;
    for (int attempt = 0; attempt < 3 && id == null; attempt++) {
      Process worker = TestProcesses.java(List.of(Main.class.getName()), workerEnv, ProcessBuilder.Redirect.DISCARD);
      try {
        byte[] large = TestImages.jpeg(3000 + attempt, 2000);
        String candidate = await(http.identify(large, large, large, large, large)).bodyAsJsonObject().getString("id");
        JsonObject running = await(http.pollUntil(candidate, job -> !"queued".equals(job.getString("status")), Duration.ofSeconds(90)));
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if ("running".equals(running.getString("status"))) {
          id = candidate; // killed mid-job; otherwise the job beat the kill: try again
        }
      } finally {
        worker.destroyForcibly();
      }
    }
    assertNotNull(id, "could not kill a worker mid-job in three tries");
    assertEquals("running", await(http.get("/api/v1/identifications/" + id)).bodyAsJsonObject().getString("status"));

    start("worker", Map.of(ConfigKeys.envName(ConfigKeys.REDIS_URI), api.config().getString(ConfigKeys.REDIS_URI)));
    JsonObject done = await(http.awaitFinished(id));
    assertEquals("succeeded", done.getString("status"), done.encode());
    assertTrue(done.getInteger("attempts") >= 2, "redelivered after the kill: " + done.encode());
    MongoClient mongo = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", api.config().getString(ConfigKeys.MONGO_URI)).put("db_name", StoreClients.DATABASE));
    assertEquals(1L, await(mongo.count(IdentificationHistory.COLLECTION, new JsonObject().put("_id", id))));
    await(mongo.close());
  }

  /**
   * A job run twice (redelivered after its worker died having already sent an outcome) may get two
   * different outcomes. Sent here straight onto the results queue, both are handled concurrently:
   * the job ends once, one push, and the history keeps the outcome Redis kept.
   */
  @Test
  void twoOutcomesForOneJobEndItOnceAndTheHistoryKeepsTheWinner() throws Exception {
    PoisonService api = start("api", Map.of());
    HttpTestClient http = new HttpTestClient(vertx, api.httpPort());
    await(http.awaitOk("/ready", Duration.ofSeconds(30)));
    String id = await(http.identify(TestImages.jpeg(330, 220))).bodyAsJsonObject().getString("id");
    EventBusSocket socket = await(EventBusSocket.connect(vertx, api.httpPort()));
    await(socket.register("identifications." + id));
    socket.awaitRegistered(api.vertx(), "identifications." + id);

    sendOutcomes(id, List.of(0.98, 0.01, 0.01), List.of(0.01, 0.01, 0.98));

    JsonObject done = await(http.awaitFinished(id));
    String top = done.getJsonObject("result").getJsonArray("candidates").getJsonObject(0).getJsonObject("plant").getString("id");
    List<JsonObject> pushed = new ArrayList<>();
    for (JsonObject frame = socket.next(10, TimeUnit.SECONDS); frame != null; frame = socket.next(2, TimeUnit.SECONDS)) {
      pushed.add(frame.getJsonObject("body"));
    }
    await(socket.close());
    assertEquals(List.of(done), pushed, "one push, the stored outcome");
    MongoClient mongo = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", api.config().getString(ConfigKeys.MONGO_URI)).put("db_name", StoreClients.DATABASE));
    JsonObject history = await(mongo.findOne(IdentificationHistory.COLLECTION, new JsonObject().put("_id", id), null));
    await(mongo.close());
    assertEquals(top, history.getString("top1_id"), "history keeps the outcome Redis kept");
  }

  @Test
  void anOutcomeThatIsNotANumberFailsTheJobInsteadOfAnsweringIt() throws Exception {
    PoisonService api = start("api", Map.of());
    HttpTestClient http = new HttpTestClient(vertx, api.httpPort());
    await(http.awaitOk("/ready", Duration.ofSeconds(30)));
    String id = await(http.identify(TestImages.jpeg(331, 220))).bodyAsJsonObject().getString("id");
    sendOutcomes(id, List.of(Double.NaN, Double.NaN, Double.NaN));

    JsonObject done = await(http.awaitFinished(id));
    assertEquals("failed", done.getString("status"), done.encode());
    assertEquals("invalid_model_output", done.getJsonObject("error").getString("code"));
  }

  /** Outcomes for job {@code id} from the tiny model, straight onto the results queue as a worker sends them. */
  @SafeVarargs
  private void sendOutcomes(String id, List<Double>... probabilities) throws Exception {
    JsonObject spec = ModelSpec.read(TestModels.tiny()).withInfo(new JsonObject()).toJson();
    RabbitMQClient publisher = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(TestRabbit.URI));
    await(publisher.start());
    for (List<Double> each : probabilities) {
      JsonObject outcome = new JsonObject().put("job_id", id).put("probabilities", each).put("model_spec", spec);
      await(publisher.basicPublish("", namespace + "." + Addresses.QUEUE_RESULTS, outcome.toBuffer()));
    }
    await(publisher.stop());
  }

  private static void awaitStatus(HttpTestClient http, String path, int status) throws Exception {
    Await.until(() -> await(http.get(path)).statusCode() == status, Duration.ofSeconds(30), path + " answers " + status);
  }

  private PoisonService start(String role, Map<String, String> extra) throws Exception {
    PoisonService service = await(TestServices.start(env(role, extra)));
    services.add(service);
    return service;
  }

  private Map<String, String> env(String role, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put(ConfigKeys.envName(ConfigKeys.ROLE), role);
    env.put(ConfigKeys.envName(ConfigKeys.AMQP_URI), "api".equals(role) ? TestRabbit.uri(broker.port()) : TestRabbit.URI);
    env.put(ConfigKeys.envName(ConfigKeys.AMQP_NAMESPACE), namespace);
    env.putIfAbsent(ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString());
    return env;
  }
}
