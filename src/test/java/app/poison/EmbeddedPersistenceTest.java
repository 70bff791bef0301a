package app.poison;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.poison.config.ConfigKeys;
import app.poison.storage.StoreClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A second start on the same data dir finds what the first stored. Synchronous on purpose: each
 * service has its own Vert.x, and a future chain must not outlive the instance it is bound to.
 */
class EmbeddedPersistenceTest {

  @Test
  void embeddedMongoSurvivesARestart() throws Exception {
    Path dataDir = TestServices.tempDir();
    Map<String, String> env = Map.of(ConfigKeys.envName(ConfigKeys.DATA_DIR), dataDir.toString());
    JsonObject document = new JsonObject().put("_id", "restart-probe").put("value", 42);

    PoisonService first = await(TestServices.start(env));
    await(withMongo(first, mongo -> mongo.save("probes", document)));
    await(first.stop());

    PoisonService second = await(TestServices.start(env));
    try {
      JsonObject found = await(withMongo(second,
          mongo -> mongo.findOne("probes", new JsonObject().put("_id", "restart-probe"), null)));
      assertEquals(42, found.getInteger("value"));
    } finally {
      await(second.stop());
    }
  }

  private static <T> Future<T> withMongo(PoisonService service, Function<MongoClient, Future<T>> action) {
    MongoClient mongo = MongoClient.create(service.vertx(), new JsonObject()
        .put("connection_string", service.config().getString(ConfigKeys.MONGO_URI))
        .put("db_name", StoreClients.DATABASE));
    return action.apply(mongo).compose(result -> mongo.close().map(result));
  }
}
