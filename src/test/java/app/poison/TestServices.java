package app.poison;

import app.poison.config.ConfigKeys;
import app.poison.config.PoisonConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Starts the real service, embedded mode, on a free port with its own data dir. */
public final class TestServices {
  private TestServices() {
  }

  /** The default configuration with {@code env}-style overrides and a fresh port and data dir. */
  public static JsonObject config(Map<String, String> env) {
    return PoisonConfig.load(nodeEnv(env));
  }

  /**
   * A node's environment, in-process or in a JVM of its own: loopback on a free port, a fresh data
   * dir and a short shutdown grace, unless {@code env} says otherwise.
   */
  public static Map<String, String> nodeEnv(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>(env);
    merged.putIfAbsent(ConfigKeys.envName(ConfigKeys.HTTP_HOST), "127.0.0.1");
    merged.computeIfAbsent(ConfigKeys.envName(ConfigKeys.HTTP_PORT), key -> String.valueOf(freePort()));
    merged.computeIfAbsent(ConfigKeys.envName(ConfigKeys.DATA_DIR), key -> tempDir().toString());
    merged.putIfAbsent(ConfigKeys.envName(ConfigKeys.SHUTDOWN_GRACE_MS), "500");
    return merged;
  }

  public static Future<PoisonService> start(Map<String, String> env) {
    return PoisonService.start(config(env));
  }

  public static Future<PoisonService> start(Map<String, String> env, Clock clock) {
    return PoisonService.start(config(env), clock);
  }

  public static Future<PoisonService> start() {
    return start(Map.of());
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("poison-test-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
