package app.poison.http;

import app.poison.config.ConfigKeys;
import app.poison.config.Role;
import app.poison.storage.ImageStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listens for HTTP; the routes come from {@link ApiRouter}. */
public class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  /** Parts of one form: five photos and two text fields are the most any route takes. */
  private static final int MAX_FORM_FIELDS = 16;
  private final Role role;
  private HttpServer server;
  private ImageStore images;

  public HttpVerticle(Role role) {
    this.role = role;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config().getString(ConfigKeys.HTTP_HOST))
        .setPort(config().getInteger(ConfigKeys.HTTP_PORT))
        .setCompressionSupported(true)
        .setIdleTimeout(config().getInteger(ConfigKeys.HTTP_IDLE_TIMEOUT_SECONDS))
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxFormFields(MAX_FORM_FIELDS)
        .setHttp2ClearTextEnabled(false); // no h2c upgrades: see ProtocolGuard.watchVersions
    images = ImageStore.fromConfig(vertx, config());
    ProtocolGuard guard = new ProtocolGuard(ApiRouter.create(vertx, config(), role, images), new SecurityHeaders(config()));
    server = vertx.createHttpServer(options)
        .requestHandler(guard)
        .invalidRequestHandler(guard::invalid)
        .connectionHandler(ProtocolGuard::watchVersions);
    return server.listen().onSuccess(s -> LOG.info("HTTP listening on {}:{} (role {})",
        options.getHost(), s.actualPort(), role.name().toLowerCase()));
  }

  /** Stops accepting and lets in-flight requests finish within the configured grace period. */
  @Override
  public Future<?> stop() {
    return server.shutdown(Duration.ofMillis(config().getInteger(ConfigKeys.SHUTDOWN_GRACE_MS)))
        .eventually(() -> images.close());
  }
}
