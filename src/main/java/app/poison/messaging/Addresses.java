package app.poison.messaging;

/**
 * Every event-bus address, in one place. Commands are request/reply ({@code <domain>.<verb>}),
 * facts are published ({@code <domain>.<event>}).
 */
public final class Addresses {
  /** Readiness checks: each replies {@code {"status": "UP"|"DOWN", ...}}. */
  public static final String READY_MONGO = "ready.mongo";
  public static final String READY_REDIS = "ready.redis";
  public static final String READY_AMQP = "ready.amqp";
  public static final String READY_MODEL = "ready.model";

  /**
   * Catalog commands and facts. {@code catalog.snapshot} replies {@code {"items": [plant, ...]}}
   * with every full catalog document; {@code catalog.changed} is published after every change as
   * {@code {"change": "created"|"updated"|"deleted", "id": ..., "plant": full document or null}}.
   */
  public static final String CATALOG_SNAPSHOT = "catalog.snapshot";
  public static final String CATALOG_CHANGED = "catalog.changed";
  /**
   * Asks every api node to re-read the catalog from MongoDB: published by a node whose broker
   * connection came back, since changes fanned out while it was cut off were lost on one side.
   */
  public static final String CATALOG_RESYNC = "catalog.resync";
  /** {@code {"ids": [...]}} → {@code {"items": {id: PlantSummary}}}; unknown ids are omitted. */
  public static final String CATALOG_SUMMARIES = "catalog.summaries";
  /** {@code {"limit", "cursor", "poisonous"}} as the client sent them → {@code {"items", "next_cursor"}}. */
  public static final String CATALOG_LIST = "catalog.list";
  /** {@code {"id"}} → the Plant of DESIGN.md (look-alikes expanded, {@code identifiable}). */
  public static final String CATALOG_GET = "catalog.get";
  /** Admin commands; each replies the changed Plant ({@code delete}: {@code {"id"}}). */
  public static final String CATALOG_CREATE = "catalog.create";
  public static final String CATALOG_REPLACE = "catalog.replace";
  public static final String CATALOG_DELETE = "catalog.delete";
  /** {@code {"id", "images": [{"key", "content_type", "width", "height"}]}}: appends stored images. */
  public static final String CATALOG_ADD_IMAGES = "catalog.add_images";

  /**
   * Feedback and contributions. {@code feedback.submit}: {@code {"job_id", "client", "feedback"}} →
   * {@code {"id", "status"}}; {@code contributions.list}: {@code {"status", "cursor", "limit"}} as
   * sent → {@code {"items", "next_cursor"}}; {@code contributions.approve}: {@code {"id", "approval"}}
   * and {@code contributions.reject}: {@code {"id"}} → the reviewed contribution.
   */
  public static final String FEEDBACK_SUBMIT = "feedback.submit";
  public static final String CONTRIBUTIONS_LIST = "contributions.list";
  public static final String CONTRIBUTIONS_APPROVE = "contributions.approve";
  public static final String CONTRIBUTIONS_REJECT = "contributions.reject";

  /** Identification commands: submit a job (images inline) and read one. */
  public static final String IDENTIFY_SUBMIT = "identify.submit";
  public static final String IDENTIFY_GET = "identify.get";
  /**
   * Per-client rate limits, counted in Redis across api nodes: {@code {"bucket", "client",
   * "per_minute"}} → {@code {"retry_after_ms"}}, 0 when the request may go ahead.
   */
  public static final String RATE_TAKE = "rates.take";
  /** Published on every job status change with the Identification JSON (crosses RabbitMQ). */
  public static final String IDENTIFICATION_EVENTS = "identifications.events";
  /** Outbound to WebSocket clients: {@code identifications.<id>}. */
  public static final String IDENTIFICATION_PREFIX = "identifications.";
  /**
   * Published (at most once a second per api node) when counts changed; outbound to WebSocket
   * clients. Body {@code {"generated_at", "windows": ["hour", "day", "all"]}}: the windows to re-read.
   */
  public static final String RANKINGS_UPDATED = "rankings.updated";
  /**
   * {@code {"window", "limit"}} → {@code {"window", "items", "generated_at"}} as encoded JSON in a
   * Buffer (one board serves many requests); fails with {@code invalid_window} or {@code invalid_limit}.
   */
  public static final String RANKINGS_QUERY = "rankings.query";
  /**
   * {@code {"plant", "window"}} → {@code {"plant", "window", "bucket_seconds", "buckets", "generated_at"}};
   * fails with {@code invalid_plant}, {@code invalid_window} or {@code plant_not_found}.
   */
  public static final String RANKINGS_SERIES = "rankings.series";

  /** Job queues ({@link JobQueue}): images to classify, and classifications to turn into results. */
  public static final String QUEUE_INFERENCE = "jobs.inference";
  public static final String QUEUE_RESULTS = "jobs.results";

  /** In-process request to the inference verticle: {@code {"images": [bytes]}} → probabilities. */
  public static final String INFERENCE_CLASSIFY = "inference.classify";

  /** Addresses whose messages every node must see: fanned out through RabbitMQ when configured. */
  public static final java.util.List<String> FANNED_OUT = java.util.List.of(IDENTIFICATION_EVENTS, RANKINGS_UPDATED, CATALOG_CHANGED,
      CATALOG_RESYNC);

  public static String identification(String id) {
    return IDENTIFICATION_PREFIX + id;
  }

  /**
   * Plant search: request {@code {"q", "limit"}}, reply {@code {"query", "items": [PlantSummary +
   * "score" + "matched"]}}; fails with {@code invalid_q}, {@code invalid_limit} or, until the index
   * is built, {@code search_not_ready}.
   */
  public static final String SEARCH_QUERY = "search.query";

  private Addresses() {
  }
}
