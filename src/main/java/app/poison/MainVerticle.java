package app.poison;

import app.poison.config.PoisonConfig;
import app.poison.config.Role;
import app.poison.http.HttpVerticle;
import app.poison.search.SearchVerticle;
import app.poison.storage.DependencyChecksVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Composes the deployments for the configured role; nothing else. */
public class MainVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Role role = PoisonConfig.role(config());
    List<Supplier<VerticleBase>> backends = new ArrayList<>();
    backends.add(DependencyChecksVerticle::new);
    if (role.servesApi()) {
      backends.add(SearchVerticle::new);
    }
    // The HTTP verticle comes last, so that every address it calls is served when it listens.
    return deployAll(backends).compose(ignored -> deploy(() -> new HttpVerticle(role)));
  }

  private Future<?> deployAll(List<Supplier<VerticleBase>> verticles) {
    return Future.all(verticles.stream().map(this::deploy).toList());
  }

  private Future<String> deploy(Supplier<VerticleBase> verticle) {
    return vertx.deployVerticle(verticle.get(), new DeploymentOptions().setConfig(config()));
  }
}
