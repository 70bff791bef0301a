package app.poison;

import app.poison.config.ConfigKeys;
import app.poison.storage.EmbeddedStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running POISON process: the embedded stores it needs, a Vert.x instance with metrics, and
 * the {@link MainVerticle}. Used by {@code serve} and by the tests alike.
 */
public final class PoisonService {
  /** Internal configuration key: name of this instance's Micrometer registry. */
  public static final String METRICS_REGISTRY = "metrics.registry";
  private static final Logger LOG = LoggerFactory.getLogger(PoisonService.class);

  private final EmbeddedStores embedded = new EmbeddedStores();
  private final Vertx vertx;
  private JsonObject effectiveConfig;
  private MainVerticle main;

  private PoisonService(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts a service with a validated configuration; the future completes once it serves. */
  public static Future<PoisonService> start(JsonObject config) {
    return start(config, Clock.systemUTC());
  }

  /** As {@link #start(JsonObject)}, with the clock that places identifications in ranking windows. */
  public static Future<PoisonService> start(JsonObject config, Clock clock) {
    String registry = "poison-" + UUID.randomUUID();
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName(registry)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory())
        .build();
    PoisonService service = new PoisonService(vertx);
    return vertx.executeBlocking(() -> service.embedded.start(config), false)
        .compose(effective -> {
          service.effectiveConfig = effective.put(METRICS_REGISTRY, registry);
          service.main = new MainVerticle(clock);
          return vertx.deployVerticle(service.main,
              new io.vertx.core.DeploymentOptions().setConfig(service.effectiveConfig));
        })
        .map(id -> service)
        .recover(error -> service.stop().transform(ignored -> Future.failedFuture(error)));
  }

  public Vertx vertx() {
    return vertx;
  }

  public JsonObject config() {
    return effectiveConfig;
  }

  /** The configured HTTP port. */
  public int httpPort() {
    return effectiveConfig.getInteger(ConfigKeys.HTTP_PORT);
  }

  /**
   * Stops accepting, drains in-flight work (the HTTP verticle's bounded grace), then the stores.
   * The returned future is bound to no context: this Vert.x instance is gone when it completes.
   */
  public Future<Void> stop() {
    Future<Void> serving = main == null ? Future.succeededFuture() : main.stopServing();
    CompletableFuture<Void> stopped = serving.toCompletionStage().toCompletableFuture()
        .handle((ignored, error) -> {
          if (error != null) {
            LOG.warn("HTTP server did not stop cleanly", error);
          }
          return null;
        })
        // Closed from outside Vert.x: not from the thread completing the HTTP verticle's undeployment.
        .thenComposeAsync(ignored -> vertx.close().toCompletionStage())
        .handleAsync((ignored, error) -> { // off the closing Vert.x threads: the stores block to stop
          if (error != null) {
            LOG.warn("Vert.x did not close cleanly", error);
          }
          embedded.close();
          return null;
        });
    return Future.fromCompletionStage(stopped);
  }
}
