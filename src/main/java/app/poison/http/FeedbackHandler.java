package app.poison.http;

import app.poison.messaging.Addresses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Feedback on an answer ({@code POST /api/v1/identifications/{id}/feedback}) and the admin's review
 * of contributions ({@code /api/v1/admin/contributions}), answered by the feedback verticle.
 */
final class FeedbackHandler {
  static final String CONTRIBUTIONS = "/api/v1/admin/contributions";
  private static final List<String> LIST_PARAMETERS = List.of("status", "cursor", "limit");
  private final CatalogBus bus;

  FeedbackHandler(CatalogBus bus) {
    this.bus = bus;
  }

  void submit(RoutingContext ctx) {
    JsonObject request = new JsonObject().put("job_id", ctx.pathParam("id"))
        .put("client", UploadRateLimiter.clientOf(ctx)).put("feedback", JsonBodies.read(ctx));
    bus.<JsonObject>request(Addresses.FEEDBACK_SUBMIT, request)
        .onSuccess(created -> Responses.json(ctx, 201, created)).onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    JsonObject query = PlantsHandler.query(ctx, LIST_PARAMETERS);
    bus.<JsonObject>request(Addresses.CONTRIBUTIONS_LIST, query).onSuccess(page -> Responses.ok(ctx, page)).onFailure(ctx::fail);
  }

  void approve(RoutingContext ctx) {
    JsonObject request = new JsonObject().put("id", ctx.pathParam("id")).put("approval", JsonBodies.read(ctx));
    bus.<JsonObject>request(Addresses.CONTRIBUTIONS_APPROVE, request).onSuccess(done -> Responses.ok(ctx, done)).onFailure(ctx::fail);
  }

  void reject(RoutingContext ctx) {
    bus.<JsonObject>request(Addresses.CONTRIBUTIONS_REJECT, new JsonObject().put("id", ctx.pathParam("id")))
        .onSuccess(done -> Responses.ok(ctx, done)).onFailure(ctx::fail);
  }
}
