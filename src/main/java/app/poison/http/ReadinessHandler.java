package app.poison.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /ready}: asks each dependency's owner over the bus; 200 only when every check is UP.
 * A check that does not answer in time is DOWN.
 */
final class ReadinessHandler implements Handler<RoutingContext> {
  private static final DeliveryOptions CHECK_TIMEOUT = new DeliveryOptions().setSendTimeout(2000);
  private final Vertx vertx;
  private final Map<String, String> checkAddresses;

  /** {@code checkAddresses}: check name → the address that answers it. */
  ReadinessHandler(Vertx vertx, Map<String, String> checkAddresses) {
    this.vertx = vertx;
    this.checkAddresses = checkAddresses;
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<String> names = List.copyOf(checkAddresses.keySet());
    List<Future<JsonObject>> checks = names.stream().map(name -> check(checkAddresses.get(name))).toList();
    Future.join(checks).onComplete(ignored -> {
      JsonObject body = new JsonObject();
      boolean allUp = true;
      for (int i = 0; i < names.size(); i++) {
        JsonObject result = checks.get(i).result();
        allUp &= "UP".equals(result.getString("status"));
        body.put(names.get(i), result);
      }
      Responses.json(ctx, allUp ? 200 : 503,
          new JsonObject().put("status", allUp ? "UP" : "DOWN").put("checks", body));
    });
  }

  private Future<JsonObject> check(String address) {
    return vertx.eventBus().<JsonObject>request(address, null, CHECK_TIMEOUT)
        .map(Message::body)
        .otherwise(error -> new JsonObject().put("status", "DOWN").put("error", error.getMessage()));
  }
}
