package app.poison.http;

import app.poison.messaging.Addresses;
import app.poison.storage.ImageInspector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code /api/v1/identifications}: validates the uploaded photos (count, field, size, type and
 * header pixels) before anything is queued, then hands them to the identification service.
 */
final class IdentificationsHandler {
  private final Vertx vertx;
  private final ImageInspector inspector;
  private final long maxBytesPerPhoto;

  IdentificationsHandler(Vertx vertx, ImageInspector inspector, long maxBytesPerPhoto) {
    this.vertx = vertx;
    this.inspector = inspector;
    this.maxBytesPerPhoto = maxBytesPerPhoto;
  }

  void create(RoutingContext ctx) {
    PhotoUploads.read(ctx.request(), maxBytesPerPhoto, inspector.tooLarge())
        .compose(this::inspect)
        .compose(images -> vertx.eventBus().<JsonObject>request(Addresses.IDENTIFY_SUBMIT, new JsonObject().put("images", images)))
        .map(Message::body)
        .onSuccess(job -> accepted(ctx, job))
        .onFailure(error -> Responses.fail(ctx, error));
  }

  /** Header checks read little, but ImageIO may block: off the event loop. */
  private Future<JsonArray> inspect(List<byte[]> photos) {
    return vertx.executeBlocking(() -> {
      JsonArray images = new JsonArray();
      for (byte[] bytes : photos) {
        inspector.inspect(bytes);
        images.add(bytes);
      }
      return images;
    }, false);
  }

  private static void accepted(RoutingContext ctx, JsonObject job) {
    String location = job.getJsonObject("links").getString("self");
    ctx.response().putHeader(HttpHeaders.LOCATION, location).putHeader(HttpHeaders.RETRY_AFTER, "1");
    Responses.json(ctx, 202, job);
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    vertx.eventBus().<JsonObject>request(Addresses.IDENTIFY_GET, new JsonObject().put("id", id))
        .map(Message::body)
        .onSuccess(job -> ETags.respond(ctx, job))
        .onFailure(error -> Responses.fail(ctx, error));
  }
}
