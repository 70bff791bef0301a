package app.poison.storage;

import app.poison.config.PoisonConfig;
import app.poison.messaging.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.function.Supplier;

/** Answers the readiness checks of the stores this process uses by pinging each. */
public class DependencyChecksVerticle extends VerticleBase {
  private MongoClient mongo;
  private Redis redis;

  @Override
  public Future<?> start() {
    redis = StoreClients.redis(vertx, config());
    if (PoisonConfig.role(config()).servesApi()) {
      mongo = StoreClients.mongo(vertx, config());
      answer(Addresses.READY_MONGO, () -> mongo.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty());
    }
    answer(Addresses.READY_REDIS, () -> redis.send(Request.cmd(Command.PING)).mapEmpty());
    return Future.succeededFuture();
  }

  private void answer(String address, Supplier<Future<Void>> ping) {
    vertx.eventBus().<JsonObject>consumer(address, message -> reply(message, ping.get()));
  }

  private static void reply(Message<JsonObject> message, Future<Void> ping) {
    long started = System.nanoTime();
    ping.onComplete(result -> {
      JsonObject check = new JsonObject()
          .put("status", result.succeeded() ? "UP" : "DOWN")
          .put("latency_ms", (System.nanoTime() - started) / 1_000_000);
      if (result.failed()) {
        check.put("error", String.valueOf(result.cause().getMessage()));
      }
      message.reply(check);
    });
  }

  @Override
  public Future<?> stop() {
    redis.close();
    return mongo == null ? Future.succeededFuture() : mongo.close();
  }
}
