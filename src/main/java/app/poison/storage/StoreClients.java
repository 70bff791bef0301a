package app.poison.storage;

import app.poison.config.ConfigKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** Clients for the stores named in the configuration; each verticle opens its own. */
public final class StoreClients {
  public static final String DATABASE = "poison";

  private StoreClients() {
  }

  public static MongoClient mongo(Vertx vertx, JsonObject config) {
    JsonObject options = new JsonObject()
        .put("connection_string", config.getString(ConfigKeys.MONGO_URI))
        .put("db_name", DATABASE)
        .put("serverSelectionTimeoutMS", 5000)
        .put("connectTimeoutMS", 5000);
    return MongoClient.createShared(vertx, options, "poison-mongo");
  }

  public static Redis redis(Vertx vertx, JsonObject config) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(config.getString(ConfigKeys.REDIS_URI))
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(256));
  }
}
