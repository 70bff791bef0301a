package app.poison.http;

import app.poison.config.ConfigKeys;
import app.poison.config.Role;
import app.poison.messaging.Addresses;
import app.poison.messaging.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /ready}: 200 only when every check is UP, and the body names each one. A check is
 * either a dependency's own health answer ({@code {"status": "UP"|"DOWN", ...}}) or a read path
 * asked the question a client would ask (the catalog's list, a search, a rankings board): it is UP
 * when it answers, so "ready" means those requests will succeed. A check that does not answer in
 * time is DOWN.
 */
final class ReadinessHandler implements Handler<RoutingContext> {
  private static final DeliveryOptions CHECK_TIMEOUT = new DeliveryOptions().setSendTimeout(2000);
  private final Vertx vertx;
  private final Map<String, Check> checks;

  /** A question on the bus; {@code healthAnswer}: its reply carries the status itself. */
  record Check(String address, JsonObject question, boolean healthAnswer) {
    static Check health(String address) {
      return new Check(address, null, true);
    }

    static Check readPath(String address, JsonObject question) {
      return new Check(address, question, false);
    }
  }

  /** {@code checks}: check name → how to ask it, in the order the body lists them. */
  private ReadinessHandler(Vertx vertx, Map<String, Check> checks) {
    this.vertx = vertx;
    this.checks = checks;
  }

  /** Per role: the stores it uses and, on api nodes, the read paths clients use . */
  static ReadinessHandler forRole(Vertx vertx, JsonObject config, Role role) {
    Map<String, Check> checks = new LinkedHashMap<>();
    if (role.servesApi()) {
      checks.put("mongo", Check.health(Addresses.READY_MONGO));
    }
    checks.put("redis", Check.health(Addresses.READY_REDIS));
    if (config.getString(ConfigKeys.AMQP_URI) != null) {
      checks.put("amqp", Check.health(Addresses.READY_AMQP));
    }
    if (role.servesApi()) {
      checks.put("catalog", Check.readPath(Addresses.CATALOG_LIST, new JsonObject().put("limit", "1")));
      checks.put("search", Check.readPath(Addresses.SEARCH_QUERY, new JsonObject().put("q", "ready").put("limit", 1)));
      checks.put("rankings", Check.readPath(Addresses.RANKINGS_QUERY, new JsonObject().put("window", "all").put("limit", 1)));
    }
    if (role.runsInference()) {
      checks.put("model", Check.health(Addresses.READY_MODEL));
    }
    return new ReadinessHandler(vertx, checks);
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<String> names = List.copyOf(checks.keySet());
    List<Future<JsonObject>> answers = names.stream().map(name -> ask(checks.get(name))).toList();
    Future.join(answers).onComplete(ignored -> {
      JsonObject body = new JsonObject();
      boolean allUp = true;
      for (int i = 0; i < names.size(); i++) {
        JsonObject result = answers.get(i).result();
        allUp &= "UP".equals(result.getString("status"));
        body.put(names.get(i), result);
      }
      Responses.json(ctx, allUp ? 200 : 503,
          new JsonObject().put("status", allUp ? "UP" : "DOWN").put("checks", body));
    });
  }

  private Future<JsonObject> ask(Check check) {
    return vertx.eventBus().request(check.address(), check.question(), CHECK_TIMEOUT)
        .map(reply -> check.healthAnswer() ? (JsonObject) reply.body() : new JsonObject().put("status", "UP"))
        .otherwise(error -> {
          ServiceException failure = ServiceException.from(error);
          return new JsonObject().put("status", "DOWN").put("error", failure.wireCode()).put("message", failure.getMessage());
        });
  }
}
