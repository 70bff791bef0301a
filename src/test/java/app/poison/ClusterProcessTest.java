package app.poison;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.config.ConfigKeys;
import app.poison.training.TestModels;
import app.poison.storage.MongoServerMain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * The multi-process topology of {@code scripts/cluster.sh}, short form: a MongoDB-protocol server,
 * one api node and two worker nodes, each its own JVM, over the machine's RabbitMQ (own namespace)
 * and a Redis of the test's own. Jobs submitted to the api are done by both workers, and every
 * process stops cleanly on SIGTERM.
 */
@Tag("process")
@Tag("amqp")
class ClusterProcessTest {
  private static final int JOBS = 6;

  private final Vertx vertx = Vertx.vertx();
  private final String namespace = TestRabbit.newNamespace();
  private final Path runDir = TestServices.tempDir();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private RedisServer redis;

  @AfterEach
  void stopEverything() throws Exception {
    for (Process process : processes.values()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (redis != null) {
      redis.stop();
    }
    TestRabbit.deleteNamespace(namespace);
    await(vertx.close());
  }

  @Test
  void twoWorkerProcessesShareTheApiNodesJobsAndEveryProcessStopsOnSigterm() throws Exception {
    int redisPort = TestServices.freePort();
    redis = new RedisServer(redisPort);
    redis.start();
    int mongoPort = TestServices.freePort();
    launch("mongo", List.of(MongoServerMain.class.getName(),
        "--port", String.valueOf(mongoPort), "--dir", runDir.resolve("mongo").toString()), Map.of());
    Await.listening(mongoPort, Duration.ofSeconds(30));

    Map<String, String> shared = Map.of(
        ConfigKeys.envName(ConfigKeys.MONGO_URI), "mongodb://127.0.0.1:" + mongoPort,
        ConfigKeys.envName(ConfigKeys.REDIS_URI), "redis://127.0.0.1:" + redisPort,
        ConfigKeys.envName(ConfigKeys.AMQP_URI), TestRabbit.URI,
        ConfigKeys.envName(ConfigKeys.AMQP_NAMESPACE), namespace,
        ConfigKeys.envName(ConfigKeys.MODEL_DIR), TestModels.tiny().toString());
    HttpTestClient api = startNode("api", "api", shared);
    List<HttpTestClient> workers = List.of(startNode("worker-1", "worker", shared), startNode("worker-2", "worker", shared));
    await(Future.all(IntStream.range(0, 3).mapToObj(i -> (i == 0 ? api : workers.get(i - 1))
        .awaitOk("/ready", Duration.ofSeconds(90))).toList()));

    List<Future<JsonObject>> jobs = IntStream.range(0, JOBS)
        .mapToObj(i -> api.identify(TestImages.jpeg(640 + i, 480)) // distinct photos: no job reuse
            .compose(accepted -> api.awaitFinished(accepted.bodyAsJsonObject().getString("id"))))
        .toList();
    for (JsonObject job : await(Future.all(jobs)).<JsonObject>list()) {
      assertEquals("succeeded", job.getString("status"), job.encode());
    }

    List<Double> photosPerWorker = new ArrayList<>();
    for (HttpTestClient worker : workers) {
      photosPerWorker.add(preprocessedPhotos(worker));
    }
    assertEquals(JOBS, photosPerWorker.stream().mapToDouble(Double::doubleValue).sum(), "every photo by a worker");
    assertTrue(photosPerWorker.stream().allMatch(count -> count > 0), "both workers took jobs: " + photosPerWorker);

    for (String name : List.of("worker-1", "worker-2", "api", "mongo")) {
      Process process = processes.get(name);
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " exits within 30 s of SIGTERM");
      assertEquals(0, process.exitValue(), name + " exit code; log:\n" + logTail(name));
    }
  }

  private HttpTestClient startNode(String name, String role, Map<String, String> shared) throws IOException {
    Map<String, String> env = new HashMap<>(shared);
    env.put(ConfigKeys.envName(ConfigKeys.ROLE), role);
    env.put(ConfigKeys.envName(ConfigKeys.DATA_DIR), runDir.resolve(name).toString());
    env = TestServices.nodeEnv(env);
    launch(name, List.of(Main.class.getName()), env);
    return new HttpTestClient(vertx, Integer.parseInt(env.get(ConfigKeys.envName(ConfigKeys.HTTP_PORT))));
  }

  private void launch(String name, List<String> mainAndArgs, Map<String, String> env) throws IOException {
    processes.put(name, TestProcesses.java(mainAndArgs, env, ProcessBuilder.Redirect.to(runDir.resolve(name + ".log").toFile())));
  }

  /** Photos this worker has decoded, from its Prometheus metrics. */
  private static double preprocessedPhotos(HttpTestClient worker) throws Exception {
    String metrics = await(worker.get("/metrics")).bodyAsString();
    return metrics.lines()
        .filter(line -> line.startsWith("poison_preprocess_time_seconds_count"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private String logTail(String name) throws IOException {
    List<String> lines = Files.readAllLines(runDir.resolve(name + ".log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
