package app.poison;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** Blocking waits for tests that drive several services, each with its own Vert.x. */
public final class Await {
  private Await() {
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }
}
