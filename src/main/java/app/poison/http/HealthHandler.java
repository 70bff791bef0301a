package app.poison.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}: 200 while the process lives. */
final class HealthHandler implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    Responses.ok(ctx, new JsonObject().put("status", "UP"));
  }
}
