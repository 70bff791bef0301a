package app.poison.http;

import app.poison.identify.Jobs;
import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import app.poison.storage.ImageInspector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/identifications}: validates the uploaded photos (count, field, size, type and
 * header pixels) before anything is queued, then hands them to the identification service.
 */
final class IdentificationsHandler {
  static final String FIELD = "image";
  private final Vertx vertx;
  private final ImageInspector inspector;

  IdentificationsHandler(Vertx vertx, ImageInspector inspector) {
    this.vertx = vertx;
    this.inspector = inspector;
  }

  /** Runs before the body is read: anything but multipart is refused without reading it. */
  void requireMultipart(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      Responses.fail(ctx, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "not_multipart",
          "사진은 multipart/form-data의 image 필드로 보내 주세요.");
      return;
    }
    ctx.next();
  }

  void create(RoutingContext ctx) {
    List<FileUpload> uploads = ctx.fileUploads();
    ServiceException invalid = checkUploads(uploads);
    if (invalid != null) {
      Responses.fail(ctx, invalid);
      return;
    }
    readAndInspect(uploads)
        .compose(images -> vertx.eventBus().<JsonObject>request(Addresses.IDENTIFY_SUBMIT, new JsonObject().put("images", images)))
        .map(Message::body)
        .onSuccess(job -> accepted(ctx, job))
        .onFailure(error -> Responses.fail(ctx, error));
  }

  private ServiceException checkUploads(List<FileUpload> uploads) {
    for (FileUpload upload : uploads) {
      if (!FIELD.equals(upload.name())) {
        return ServiceException.invalidParameter("field", "사진은 image 필드로 보내 주세요 ('" + upload.name() + "' 필드는 받지 않아요).");
      }
    }
    if (uploads.isEmpty()) {
      return new ServiceException(ErrorCode.INVALID_PARAMETER, "missing_image", "사진을 한 장 이상 올려 주세요.", null);
    }
    if (uploads.size() > Jobs.MAX_PHOTOS) {
      return new ServiceException(ErrorCode.INVALID_PARAMETER, "too_many_images",
          "한 번에 사진은 " + Jobs.MAX_PHOTOS + "장까지 올릴 수 있어요.", null);
    }
    return null;
  }

  private Future<JsonArray> readAndInspect(List<FileUpload> uploads) {
    List<String> files = uploads.stream().map(FileUpload::uploadedFileName).toList();
    return vertx.executeBlocking(() -> {
      JsonArray images = new JsonArray();
      for (String file : files) {
        byte[] bytes = vertx.fileSystem().readFileBlocking(file).getBytes();
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
