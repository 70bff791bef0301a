package app.poison.http;

import app.poison.PoisonService;
import app.poison.config.ConfigKeys;
import app.poison.config.Role;
import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every route of the service, in one place (the OpenAPI test compares this list with the spec). */
public final class ApiRouter {
  private ApiRouter() {
  }

  public static Router create(Vertx vertx, JsonObject config, Role role) {
    Router router = Router.router(vertx);
    router.get("/health").handler(new HealthHandler());
    router.get("/ready").handler(new ReadinessHandler(vertx, readinessChecks(config, role)));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(config.getString(PoisonService.METRICS_REGISTRY)));
    router.get("/openapi.yaml").handler(new OpenApiHandler());
    if (role.servesApi()) {
      // Before any /api/v1/plants/:id route, which would take "search" for an id.
      router.get("/api/v1/plants/search").handler(new SearchHandler());
      router.route("/api/*").handler(ApiRouter::apiNotFound);
      router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(true));
    }
    router.route().failureHandler(ctx -> Responses.fail(ctx, failureOf(ctx)));
    router.errorHandler(404, ApiRouter::notFound);
    router.errorHandler(405, ctx -> Responses.fail(ctx, ErrorCode.METHOD_NOT_ALLOWED, "method_not_allowed", "허용되지 않는 메서드예요."));
    return router;
  }

  private static Map<String, String> readinessChecks(JsonObject config, Role role) {
    Map<String, String> checks = new LinkedHashMap<>();
    if (role.servesApi()) {
      checks.put("mongo", Addresses.READY_MONGO);
    }
    checks.put("redis", Addresses.READY_REDIS);
    if (config.getString(ConfigKeys.AMQP_URI) != null) {
      checks.put("amqp", Addresses.READY_AMQP);
    }
    return checks;
  }

  private static Throwable failureOf(RoutingContext ctx) {
    if (ctx.failure() != null) {
      return ctx.failure();
    }
    int status = ctx.statusCode();
    ErrorCode code = switch (status) {
      case 400 -> ErrorCode.INVALID_BODY;
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      default -> ErrorCode.INTERNAL;
    };
    return new app.poison.messaging.ServiceException(code, "요청을 처리할 수 없어요 (" + status + ").");
  }

  private static void apiNotFound(RoutingContext ctx) {
    Responses.fail(ctx, ErrorCode.NOT_FOUND, "route_not_found", "없는 API 경로예요: " + ctx.request().path());
  }

  private static void notFound(RoutingContext ctx) {
    Responses.fail(ctx, ErrorCode.NOT_FOUND, "not_found", "찾을 수 없어요: " + ctx.request().path());
  }
}
