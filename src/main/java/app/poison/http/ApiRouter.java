package app.poison.http;

import app.poison.PoisonService;
import app.poison.catalog.PlantSummaries;
import app.poison.config.ConfigKeys;
import app.poison.config.PoisonConfig;
import app.poison.config.Role;
import app.poison.messaging.ErrorCode;
import app.poison.storage.ImageInspector;
import app.poison.storage.ImageStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** Every route of the service, in one place (the OpenAPI test compares this list with the spec). */
public final class ApiRouter {
  private static final long JSON_BODY_LIMIT = 256 * 1024;
  private static final long MULTIPART_OVERHEAD = 64 * 1024;
  private static final long FEEDBACK_BODY_LIMIT = 16 * 1024;
  private static final long SOCKJS_BODY_LIMIT = 64 * 1024;
  private ApiRouter() {
  }

  public static Router create(Vertx vertx, JsonObject config, Role role, ImageStore images) {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(config));
    router.route().handler(new BodyLimits(maxBodyBytes(config), config.getInteger(ConfigKeys.HTTP_BODY_TIMEOUT_SECONDS) * 1000L));
    router.route("/api/*").handler(new CorsPolicy(config.getString(ConfigKeys.CORS_API_ORIGINS)));
    router.get("/health").handler(new HealthHandler());
    router.get("/ready").handler(ReadinessHandler.forRole(vertx, config, role));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(config.getString(PoisonService.METRICS_REGISTRY)));
    router.get("/openapi.yaml").handler(new OpenApiHandler());
    if (role.servesApi()) {
      catalogRoutes(router, vertx, config, images);
      mountIdentifications(router, vertx, config);
      RankingsHandler rankings = new RankingsHandler();
      router.get(RankingsHandler.PATH).handler(rankings::board);
      router.get(RankingsHandler.PATH + "/series").handler(rankings::series);
      mountEventBus(router, vertx, config);
      // GET and HEAD only, so that a wrong method on an API path still gets 405, not 404.
      router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(ApiRouter::revalidate)
          .handler(StaticHandler.create("webroot").setCachingEnabled(true));
    }
    router.route().failureHandler(ctx -> Responses.fail(ctx, failureOf(ctx)));
    router.errorHandler(404, ApiRouter::notFound);
    router.errorHandler(405, ctx -> Responses.fail(ctx, ErrorCode.METHOD_NOT_ALLOWED, "method_not_allowed", "허용되지 않는 메서드예요."));
    return router;
  }

  /**
   * The SockJS bridge: its Origin checked first; its XHR transports (the fallback of browsers
   * without WebSocket) post their frames as bodies, which SockJS reads through a body handler.
   */
  private static void mountEventBus(Router router, Vertx vertx, JsonObject config) {
    router.route(EventBusBridge.PATH).handler(new CorsPolicy(config.getString(ConfigKeys.CORS_EVENTBUS_ORIGINS)));
    router.post(EventBusBridge.PATH).handler(BodyHandler.create(false).setBodyLimit(SOCKJS_BODY_LIMIT));
    router.route(EventBusBridge.PATH).subRouter(EventBusBridge.create(vertx));
  }

  /**
   * The web app's files have unhashed names: every use revalidates them (Last-Modified, 304 when
   * unchanged), so a release is seen at once, instead of StaticHandler's day-long "immutable".
   */
  private static void revalidate(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    ctx.next();
  }

  /** The largest body any route takes: five photos with their multipart framing. */
  private static long maxBodyBytes(JsonObject config) {
    return (long) PlantImagesHandler.MAX_FILES * config.getInteger(ConfigKeys.MAX_UPLOAD_BYTES) + MULTIPART_OVERHEAD;
  }

  private static void mountIdentifications(Router router, Vertx vertx, JsonObject config) {
    int maxUpload = config.getInteger(ConfigKeys.MAX_UPLOAD_BYTES);
    IdentificationsHandler identifications = new IdentificationsHandler(vertx,
        new ImageInspector(maxUpload, config.getInteger(ConfigKeys.MAX_IMAGE_PIXELS)), maxUpload);
    // The rate and type checks run before the body is read; the photos are then streamed into
    // memory with their limits (no body handler, no temporary files).
    router.post("/api/v1/identifications")
        .handler(new UploadRateLimiter("uploads", config.getInteger(ConfigKeys.RATE_UPLOADS_PER_MINUTE)))
        .handler(Multipart.REQUIRED)
        .handler(identifications::create);
    router.get("/api/v1/identifications/:id").handler(identifications::get);
    router.post("/api/v1/identifications/:id/feedback")
        .handler(new UploadRateLimiter("feedback", config.getInteger(ConfigKeys.RATE_UPLOADS_PER_MINUTE)))
        .handler(BodyHandler.create(false).setBodyLimit(FEEDBACK_BODY_LIMIT))
        .handler(new FeedbackHandler(new CatalogBus(vertx.eventBus()))::submit);
  }

  /** The review of contributed feedback: admin only, the token checked before any body is read. */
  private static void contributionRoutes(Router router, Vertx vertx, AdminAuthHandler admin, BodyHandler json) {
    FeedbackHandler feedback = new FeedbackHandler(new CatalogBus(vertx.eventBus()));
    router.get(FeedbackHandler.CONTRIBUTIONS).handler(admin).handler(feedback::list);
    router.post(FeedbackHandler.CONTRIBUTIONS + "/:id/approve").handler(admin).handler(json).handler(feedback::approve);
    router.post(FeedbackHandler.CONTRIBUTIONS + "/:id/reject").handler(admin).handler(feedback::reject);
  }

  private static void catalogRoutes(Router router, Vertx vertx, JsonObject config, ImageStore images) {
    CatalogBus catalog = new CatalogBus(vertx.eventBus());
    PlantsHandler plants = new PlantsHandler(catalog);
    AdminAuthHandler admin = new AdminAuthHandler(config);
    BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);
    int maxUpload = config.getInteger(ConfigKeys.MAX_UPLOAD_BYTES);
    BodyHandler uploads = BodyHandler.create(PoisonConfig.dataDir(config).resolve("uploads").toString())
        .setBodyLimit(maxBodyBytes(config))
        .setDeleteUploadedFilesOnEnd(true);
    ImageInspector inspector = new ImageInspector(maxUpload, config.getInteger(ConfigKeys.MAX_IMAGE_PIXELS));

    router.get(PlantsHandler.PATH).handler(plants::list);
    router.get(PlantsHandler.PATH + "/search").handler(new SearchHandler());
    // Fixed sub-paths (/api/v1/plants/search) must be registered above this line: ":id" matches anything.
    router.get(PlantsHandler.PATH + "/:id").handler(plants::detail);
    // The admin check is a security-policy handler: it runs before the body handler, so a request
    // without the token is refused unread.
    router.post(PlantsHandler.PATH).handler(admin).handler(json).handler(plants::create);
    router.put(PlantsHandler.PATH + "/:id").handler(admin).handler(json).handler(plants::replace);
    router.delete(PlantsHandler.PATH + "/:id").handler(admin).handler(plants::delete);
    router.post(PlantsHandler.PATH + "/:id/images").handler(admin).handler(Multipart.REQUIRED).handler(uploads)
        .handler(new PlantImagesHandler(vertx, catalog, images, inspector));
    router.get(PlantSummaries.IMAGE_PATH + ":key").handler(new ImagesHandler(images));
    contributionRoutes(router, vertx, admin, json);
  }

  /** A failed route carries either an exception or only a status (e.g. 413 from a body limit). */
  private static Throwable failureOf(RoutingContext ctx) {
    return ctx.failure() != null ? ctx.failure() : new HttpException(ctx.statusCode());
  }

  private static void notFound(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.startsWith("/api/")) {
      Responses.fail(ctx, ErrorCode.NOT_FOUND, "route_not_found", "없는 API 경로예요: " + path);
    } else {
      Responses.fail(ctx, ErrorCode.NOT_FOUND, "not_found", "찾을 수 없어요: " + path);
    }
  }
}
