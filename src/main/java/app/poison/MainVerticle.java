package app.poison;

import app.poison.config.ConfigKeys;
import app.poison.catalog.CatalogVerticle;
import app.poison.config.PoisonConfig;
import app.poison.config.Role;
import app.poison.feedback.FeedbackVerticle;
import app.poison.http.HttpVerticle;
import app.poison.identify.IdentificationVerticle;
import app.poison.inference.InferenceJobConsumer;
import app.poison.inference.InferenceVerticle;
import app.poison.messaging.AmqpEventBridge;
import app.poison.ranking.RankingVerticle;
import app.poison.search.SearchVerticle;
import app.poison.storage.DependencyChecksVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Composes the deployments for the configured role; nothing else. */
public class MainVerticle extends VerticleBase {
  /** Time for the rankings' windows; tests inject their own. */
  private final Clock clock;
  private volatile String httpDeployment;

  public MainVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Role role = PoisonConfig.role(config());
    List<Supplier<VerticleBase>> backends = new ArrayList<>();
    backends.add(DependencyChecksVerticle::new);
    if (config().getString(ConfigKeys.AMQP_URI) != null) {
      backends.add(AmqpEventBridge::new);
    }
    if (role.servesApi()) {
      backends.add(CatalogVerticle::new);
      backends.add(SearchVerticle::new);
      backends.add(IdentificationVerticle::new);
      backends.add(FeedbackVerticle::new);
      backends.add(() -> new RankingVerticle(clock));
    }
    if (role.runsInference()) {
      backends.add(InferenceVerticle::new);
      backends.add(InferenceJobConsumer::new);
    }
    // The HTTP verticle comes last, so that every address it calls is served when it listens.
    return deployAll(backends).compose(ignored -> deploy(() -> new HttpVerticle(role)))
        .onSuccess(id -> httpDeployment = id);
  }

  /**
   * Stops the HTTP verticle alone, which lets in-flight requests finish within its grace period.
   * Called before the rest is undeployed: Vert.x undeploys a verticle's children all at once, so
   * otherwise the stores and the queue close under requests that are still being served.
   */
  Future<Void> stopServing() {
    return httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment);
  }

  private Future<?> deployAll(List<Supplier<VerticleBase>> verticles) {
    return Future.all(verticles.stream().map(this::deploy).toList());
  }

  private Future<String> deploy(Supplier<VerticleBase> verticle) {
    return vertx.deployVerticle(verticle.get(), new DeploymentOptions().setConfig(config()));
  }
}
