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
   * Plant search: request {@code {"q", "limit"}}, reply {@code {"query", "items": [PlantSummary +
   * "score" + "matched"]}}; fails with {@code invalid_q}, {@code invalid_limit} or, until the index
   * is built, {@code search_not_ready}.
   */
  public static final String SEARCH_QUERY = "search.query";

  private Addresses() {
  }
}
