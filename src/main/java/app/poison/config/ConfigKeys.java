package app.poison.config;

import java.util.List;

/**
 * Every configuration key, in one place. A key {@code a.b_c} is overridden by the environment
 * variable {@code POISON_A_B_C}.
 */
public final class ConfigKeys {
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String ROLE = "role";
  public static final String DATA_DIR = "data.dir";
  public static final String MONGO_URI = "mongo.uri";
  public static final String REDIS_URI = "redis.uri";
  public static final String AMQP_URI = "amqp.uri";
  /** Prefix of every RabbitMQ queue and exchange, so deployments can share a broker. */
  public static final String AMQP_NAMESPACE = "amqp.namespace";
  public static final String S3_ENDPOINT = "s3.endpoint";
  public static final String S3_BUCKET = "s3.bucket";
  public static final String S3_REGION = "s3.region";
  public static final String S3_ACCESS_KEY = "s3.access_key";
  public static final String S3_SECRET_KEY = "s3.secret_key";
  public static final String MODEL_DIR = "model.dir";
  public static final String ADMIN_TOKEN = "admin.token";
  public static final String MAX_UPLOAD_BYTES = "max.upload_bytes";
  public static final String MAX_IMAGE_PIXELS = "max.image_pixels";
  public static final String SHUTDOWN_GRACE_MS = "shutdown.grace_ms";
  /** A connection that sends and receives nothing this long is closed (a stalled upload, an idle keep-alive). */
  public static final String HTTP_IDLE_TIMEOUT_SECONDS = "http.idle_timeout_seconds";
  /** A request body not fully received this long after its headers is refused with 408. */
  public static final String HTTP_BODY_TIMEOUT_SECONDS = "http.body_timeout_seconds";
  /** Comma-separated origins ({@code https://host[:port]}) whose pages may call the API; none by default. */
  public static final String CORS_API_ORIGINS = "cors.api_origins";
  /** Comma-separated origins whose pages may open the event-bus bridge; none by default. */
  public static final String CORS_EVENTBUS_ORIGINS = "cors.eventbus_origins";
  public static final String CATALOG_SEED = "catalog.seed";
  public static final String JOBS_TTL_SECONDS = "jobs.ttl_seconds";
  public static final String JOBS_MAX_PENDING = "jobs.max_pending";
  public static final String JOBS_MAX_ATTEMPTS = "jobs.max_attempts";
  public static final String RATE_UPLOADS_PER_MINUTE = "rate.uploads_per_minute";
  public static final String INFERENCE_THREADS = "inference.threads";
  public static final String INFERENCE_BATCH_SIZE = "inference.batch_size";
  public static final String INFERENCE_MAX_DELAY_MS = "inference.max_delay_ms";
  public static final String INFERENCE_QUEUE_CAPACITY = "inference.queue_capacity";
  /**
   * PyTorch intra-op threads. 1 by default: on a small machine the preprocessing pool and the
   * other processes share the cores, and OpenMP threads waiting for a descheduled partner burn
   * more than they gain (measured: 9.8 instead of 6.8 jobs/s with one worker on 2 cores).
   */
  public static final String INFERENCE_TORCH_THREADS = "inference.torch_threads";

  /** Keys whose value is a string that may be absent (null means "use the embedded default"). */
  static final List<String> OPTIONAL_STRINGS = List.of(
      MONGO_URI, REDIS_URI, AMQP_URI, S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY,
      S3_SECRET_KEY, ADMIN_TOKEN, CORS_API_ORIGINS, CORS_EVENTBUS_ORIGINS);

  static final List<String> REQUIRED_STRINGS = List.of(HTTP_HOST, ROLE, DATA_DIR, MODEL_DIR, CATALOG_SEED, AMQP_NAMESPACE);

  private ConfigKeys() {
  }

  /** {@code max.upload_bytes} becomes {@code POISON_MAX_UPLOAD_BYTES}. */
  public static String envName(String key) {
    return "POISON_" + key.toUpperCase().replace('.', '_');
  }
}
