package app.poison.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads {@code conf/config.json} (the file next to the working directory, else the copy inside
 * the jar), applies {@code POISON_*} environment overrides and validates every value, so that a
 * bad value stops the process at start rather than failing later.
 */
public final class PoisonConfig {
  private static final String DEFAULTS = "conf/config.json";
  private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

  private PoisonConfig() {
  }

  public static JsonObject load(Map<String, String> env) {
    JsonObject config = readDefaults();
    for (String key : config.fieldNames()) {
      String override = env.get(ConfigKeys.envName(key));
      if (override != null) {
        config.put(key, override);
      }
    }
    return validate(config);
  }

  static JsonObject validate(JsonObject raw) {
    JsonObject config = raw.copy();
    for (String key : ConfigKeys.REQUIRED_STRINGS) {
      config.put(key, requiredString(config, key));
    }
    for (String key : ConfigKeys.OPTIONAL_STRINGS) {
      Object value = config.getValue(key);
      config.put(key, value == null || value.toString().isBlank() ? null : value.toString().trim());
    }
    config.put(ConfigKeys.HTTP_PORT, intInRange(config, ConfigKeys.HTTP_PORT, 0, 65535));
    config.put(ConfigKeys.MAX_UPLOAD_BYTES, intInRange(config, ConfigKeys.MAX_UPLOAD_BYTES, 1024, 100 << 20));
    config.put(ConfigKeys.MAX_IMAGE_PIXELS, intInRange(config, ConfigKeys.MAX_IMAGE_PIXELS, 1, 200_000_000));
    config.put(ConfigKeys.SHUTDOWN_GRACE_MS, intInRange(config, ConfigKeys.SHUTDOWN_GRACE_MS, 0, 60_000));
    config.put(ConfigKeys.HTTP_IDLE_TIMEOUT_SECONDS, intInRange(config, ConfigKeys.HTTP_IDLE_TIMEOUT_SECONDS, 1, 3_600));
    config.put(ConfigKeys.HTTP_BODY_TIMEOUT_SECONDS, intInRange(config, ConfigKeys.HTTP_BODY_TIMEOUT_SECONDS, 1, 3_600));
    for (String key : List.of(ConfigKeys.CORS_API_ORIGINS, ConfigKeys.CORS_EVENTBUS_ORIGINS)) {
      try {
        origins(config.getString(key));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, e.getMessage());
      }
    }
    config.put(ConfigKeys.JOBS_TTL_SECONDS, intInRange(config, ConfigKeys.JOBS_TTL_SECONDS, 60, 30 * 86_400));
    config.put(ConfigKeys.JOBS_MAX_PENDING, intInRange(config, ConfigKeys.JOBS_MAX_PENDING, 1, 1_000_000));
    config.put(ConfigKeys.JOBS_MAX_ATTEMPTS, intInRange(config, ConfigKeys.JOBS_MAX_ATTEMPTS, 1, 100));
    config.put(ConfigKeys.RATE_UPLOADS_PER_MINUTE, intInRange(config, ConfigKeys.RATE_UPLOADS_PER_MINUTE, 1, 1_000_000));
    config.put(ConfigKeys.INFERENCE_THREADS, intInRange(config, ConfigKeys.INFERENCE_THREADS, 1, 64));
    config.put(ConfigKeys.INFERENCE_BATCH_SIZE, intInRange(config, ConfigKeys.INFERENCE_BATCH_SIZE, 1, 256));
    config.put(ConfigKeys.INFERENCE_MAX_DELAY_MS, intInRange(config, ConfigKeys.INFERENCE_MAX_DELAY_MS, 0, 10_000));
    config.put(ConfigKeys.INFERENCE_QUEUE_CAPACITY, intInRange(config, ConfigKeys.INFERENCE_QUEUE_CAPACITY, 1, 100_000));
    config.put(ConfigKeys.INFERENCE_TORCH_THREADS, intInRange(config, ConfigKeys.INFERENCE_TORCH_THREADS, 1, 256));
    try {
      config.put(ConfigKeys.ROLE, Role.parse(config.getString(ConfigKeys.ROLE)).name().toLowerCase());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKeys.ROLE, "must be all, api or worker, not '" + raw.getValue(ConfigKeys.ROLE) + "'");
    }
    if (role(config) == Role.WORKER && config.getString(ConfigKeys.AMQP_URI) == null) {
      throw new ConfigException(ConfigKeys.AMQP_URI, "is required when role is worker");
    }
    requireUriScheme(config, ConfigKeys.MONGO_URI, "mongodb://", "mongodb+srv://");
    requireUriScheme(config, ConfigKeys.REDIS_URI, "redis://", "rediss://");
    requireUriScheme(config, ConfigKeys.AMQP_URI, "amqp://", "amqps://");
    requireUriScheme(config, ConfigKeys.S3_ENDPOINT, "http://", "https://");
    if (config.getString(ConfigKeys.S3_ENDPOINT) != null && config.getString(ConfigKeys.S3_BUCKET) == null) {
      throw new ConfigException(ConfigKeys.S3_BUCKET, "is required when s3.endpoint is set");
    }
    return config;
  }

  public static Role role(JsonObject config) {
    return Role.parse(config.getString(ConfigKeys.ROLE));
  }

  /**
   * A comma-separated list of web origins ({@code scheme://host[:port]}, no path), lower-cased;
   * null or blank is none.
   */
  public static List<String> origins(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    List<String> origins = new ArrayList<>();
    for (String origin : list.split(",")) {
      String trimmed = origin.trim().toLowerCase(Locale.ROOT);
      if (!ORIGIN.matcher(trimmed).matches()) {
        throw new IllegalArgumentException("must list origins like https://example.com or http://localhost:3000, not '" + origin.trim() + "'");
      }
      origins.add(trimmed);
    }
    return origins;
  }

  public static Path dataDir(JsonObject config) {
    return Path.of(config.getString(ConfigKeys.DATA_DIR));
  }

  private static JsonObject readDefaults() {
    try {
      return new JsonObject(ConfFiles.read(DEFAULTS));
    } catch (IOException | DecodeException e) {
      throw new ConfigException("config", DEFAULTS + " is not readable JSON: " + e.getMessage());
    }
  }

  private static String requiredString(JsonObject config, String key) {
    Object value = config.getValue(key);
    if (value == null || value.toString().isBlank()) {
      throw new ConfigException(key, "must not be empty");
    }
    return value.toString().trim();
  }

  private static int intInRange(JsonObject config, String key, int min, int max) {
    Object value = config.getValue(key);
    long parsed;
    try {
      parsed = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, not '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", not " + parsed);
    }
    return (int) parsed;
  }

  private static void requireUriScheme(JsonObject config, String key, String... schemes) {
    String value = config.getString(key);
    if (value == null) {
      return;
    }
    for (String scheme : schemes) {
      if (value.startsWith(scheme) && value.length() > scheme.length()) {
        return;
      }
    }
    throw new ConfigException(key, "must start with " + String.join(" or ", schemes));
  }
}
