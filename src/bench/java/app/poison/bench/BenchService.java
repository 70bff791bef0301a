package app.poison.bench;

import app.poison.PoisonService;
import app.poison.config.ConfigKeys;
import app.poison.config.PoisonConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service in the benchmark's JVM: embedded stores, a free loopback port, a data dir of
 * its own. The process environment's {@code POISON_*} settings apply (a model dir, say), then
 * the benchmark's own.
 */
final class BenchService implements AutoCloseable {
  private final PoisonService service;

  private BenchService(PoisonService service) {
    this.service = service;
  }

  /** The configuration a benchmark's service runs with: the environment, then {@code overrides}. */
  static JsonObject config(Map<String, String> overrides) throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(ConfigKeys.envName(ConfigKeys.HTTP_HOST), "127.0.0.1");
    env.put(ConfigKeys.envName(ConfigKeys.HTTP_PORT), String.valueOf(freePort()));
    env.put(ConfigKeys.envName(ConfigKeys.DATA_DIR), Files.createTempDirectory("poison-bench-").toString());
    env.putAll(overrides);
    return PoisonConfig.load(env);
  }

  static BenchService start(JsonObject config) throws Exception {
    return new BenchService(PoisonService.start(config).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES));
  }

  PoisonService service() {
    return service;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + service.httpPort();
  }

  @Override
  public void close() throws Exception {
    service.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
