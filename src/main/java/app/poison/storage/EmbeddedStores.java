package app.poison.storage;

import app.poison.config.ConfigKeys;
import app.poison.config.PoisonConfig;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The embedded defaults: a MongoDB-protocol server persisted in an H2 file and a real Redis
 * binary, both under the data dir, started only for the URIs the configuration leaves unset.
 */
public final class EmbeddedStores implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStores.class);

  private MongoServer mongo;
  private RedisServer redis;

  /** Starts what is missing and returns the configuration with the embedded URIs filled in. */
  public JsonObject start(JsonObject config) {
    JsonObject effective = config.copy();
    Path dataDir = PoisonConfig.dataDir(config);
    try {
      Files.createDirectories(dataDir);
      if (config.getString(ConfigKeys.MONGO_URI) == null && PoisonConfig.role(config).servesApi()) {
        effective.put(ConfigKeys.MONGO_URI, startMongo(dataDir));
      }
      if (config.getString(ConfigKeys.REDIS_URI) == null) {
        effective.put(ConfigKeys.REDIS_URI, startRedis(dataDir));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
    return effective;
  }

  private String startMongo(Path dataDir) {
    mongo = mongoServer(dataDir);
    InetSocketAddress address = mongo.bind();
    LOG.info("Embedded MongoDB-protocol server on {} (data under {})", address, dataDir);
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  /**
   * The MongoDB-protocol server persisted in {@code <dataDir>/mongo.mv}, not yet bound: the same
   * store whether it runs inside the service or on its own ({@link MongoServerMain}).
   */
  static MongoServer mongoServer(Path dataDir) {
    return new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toAbsolutePath().toString()));
  }

  private String startRedis(Path dataDir) throws IOException {
    Path dir = Files.createDirectories(dataDir.resolve("redis")).toAbsolutePath();
    int port = freePort();
    redis = RedisServer.newRedisServer()
        .port(port)
        .bind("127.0.0.1")
        .setting("dir " + dir)
        .setting("appendonly yes")
        .setting("appendfsync everysec")
        .setting("save \"\"")
        .build();
    redis.start();
    LOG.info("Embedded Redis on 127.0.0.1:{} (data {})", port, dir);
    return "redis://127.0.0.1:" + port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (mongo != null) {
      mongo.shutdown();
      mongo = null;
    }
    if (redis != null) {
      try {
        redis.stop();
      } catch (IOException e) {
        LOG.warn("Embedded Redis did not stop cleanly", e);
      }
      redis = null;
    }
  }
}
