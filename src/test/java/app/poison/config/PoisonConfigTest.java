package app.poison.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoisonConfigTest {

  @Test
  void defaultsMatchTheDesign() {
    JsonObject config = PoisonConfig.load(Map.of());
    assertEquals("0.0.0.0", config.getString(ConfigKeys.HTTP_HOST));
    assertEquals(8080, config.getInteger(ConfigKeys.HTTP_PORT));
    assertEquals("all", config.getString(ConfigKeys.ROLE));
    assertEquals(10 * 1024 * 1024, config.getInteger(ConfigKeys.MAX_UPLOAD_BYTES));
    assertEquals(40_000_000, config.getInteger(ConfigKeys.MAX_IMAGE_PIXELS));
    assertNull(config.getString(ConfigKeys.MONGO_URI));
    assertNull(config.getString(ConfigKeys.ADMIN_TOKEN));
  }

  @Test
  void everyKeyIsOverriddenByItsEnvironmentVariable() {
    JsonObject config = PoisonConfig.load(Map.of(
        "POISON_HTTP_PORT", "9090",
        "POISON_ROLE", "API",
        "POISON_MONGO_URI", "mongodb://db:27017",
        "POISON_S3_ACCESS_KEY", "key",
        "POISON_MAX_UPLOAD_BYTES", "2048"));
    assertEquals(9090, config.getInteger(ConfigKeys.HTTP_PORT));
    assertEquals("api", config.getString(ConfigKeys.ROLE));
    assertEquals("mongodb://db:27017", config.getString(ConfigKeys.MONGO_URI));
    assertEquals("key", config.getString(ConfigKeys.S3_ACCESS_KEY));
    assertEquals(2048, config.getInteger(ConfigKeys.MAX_UPLOAD_BYTES));
  }

  @Test
  void badValuesNameTheirKey() {
    assertKeyRejected("POISON_HTTP_PORT", "eighty", ConfigKeys.HTTP_PORT);
    assertKeyRejected("POISON_HTTP_PORT", "70000", ConfigKeys.HTTP_PORT);
    assertKeyRejected("POISON_ROLE", "leader", ConfigKeys.ROLE);
    assertKeyRejected("POISON_MONGO_URI", "http://db", ConfigKeys.MONGO_URI);
    assertKeyRejected("POISON_REDIS_URI", "localhost:6379", ConfigKeys.REDIS_URI);
    assertKeyRejected("POISON_MAX_IMAGE_PIXELS", "-1", ConfigKeys.MAX_IMAGE_PIXELS);
    assertKeyRejected("POISON_DATA_DIR", " ", ConfigKeys.DATA_DIR);
    assertKeyRejected("POISON_CORS_API_ORIGINS", "app.example", ConfigKeys.CORS_API_ORIGINS);
    assertKeyRejected("POISON_CORS_EVENTBUS_ORIGINS", "https://app.example/path", ConfigKeys.CORS_EVENTBUS_ORIGINS);
    assertKeyRejected("POISON_HTTP_BODY_TIMEOUT_SECONDS", "0", ConfigKeys.HTTP_BODY_TIMEOUT_SECONDS);
  }

  @Test
  void workerNeedsRabbitMq() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> PoisonConfig.load(Map.of("POISON_ROLE", "worker")));
    assertEquals(ConfigKeys.AMQP_URI, e.key());
  }

  @Test
  void s3EndpointNeedsABucket() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> PoisonConfig.load(Map.of("POISON_S3_ENDPOINT", "http://127.0.0.1:9000")));
    assertEquals(ConfigKeys.S3_BUCKET, e.key());
  }

  private static void assertKeyRejected(String env, String value, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> PoisonConfig.load(Map.of(env, value)));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(env), e.getMessage());
  }
}
