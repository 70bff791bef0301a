package app.poison.http;

import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import app.poison.storage.ImageInfo;
import app.poison.storage.ImageInspector;
import app.poison.storage.ImageKeys;
import app.poison.storage.ImageStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /api/v1/plants/{id}/images} (admin, multipart field {@code image}, one to five
 * files): each file passes the same checks as an identification upload, is stored under its
 * content hash, and only then is attached to the plant.
 */
final class PlantImagesHandler implements Handler<RoutingContext> {
  static final String FIELD = "image";
  static final int MAX_FILES = 5;
  private final Vertx vertx;
  private final CatalogBus catalog;
  private final ImageStore store;
  private final ImageInspector inspector;
  private final WorkerExecutor workers;

  PlantImagesHandler(Vertx vertx, CatalogBus catalog, ImageStore store, ImageInspector inspector) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.store = store;
    this.inspector = inspector;
    this.workers = vertx.createSharedWorkerExecutor("poison-image-checks", 2);
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<FileUpload> uploads = ctx.fileUploads().stream().filter(upload -> FIELD.equals(upload.name())).toList();
    if (uploads.isEmpty() || uploads.size() > MAX_FILES) {
      throw new ServiceException(ErrorCode.INVALID_BODY, "invalid_image_count",
          "image 필드로 사진을 1장에서 " + MAX_FILES + "장까지 보내 주세요.", null);
    }
    // Nothing is stored unless the plant exists and every file passes.
    catalog.<JsonObject>request(Addresses.CATALOG_GET, PlantsHandler.idOf(ctx))
        .compose(plant -> Future.all(uploads.stream().map(this::inspect).toList()))
        .compose(checked -> Future.all(checked.<CheckedImage>list().stream().map(this::store).toList()))
        .compose(stored -> catalog.<JsonObject>request(Addresses.CATALOG_ADD_IMAGES,
            PlantsHandler.idOf(ctx).put("images", new JsonArray(stored.list()))))
        .onSuccess(plant -> Responses.json(ctx, 201, plant))
        .onFailure(ctx::fail);
  }

  /** {@code image}: the stored form, {@code {"key", "content_type", "width", "height"}}. */
  private record CheckedImage(Buffer bytes, JsonObject image) {
  }

  /** Type sniffed from the bytes, size and pixel limits: the checks of identification uploads. */
  private Future<CheckedImage> inspect(FileUpload upload) {
    return vertx.fileSystem().readFile(upload.uploadedFileName()).compose(bytes -> workers.executeBlocking(() -> {
      byte[] raw = bytes.getBytes();
      ImageInfo info = inspector.inspect(raw);
      return new CheckedImage(bytes, new JsonObject().put("key", ImageKeys.of(raw, info.mediaType()))
          .put("content_type", info.mediaType()).put("width", info.width()).put("height", info.height()));
    }, false));
  }

  private Future<JsonObject> store(CheckedImage checked) {
    return store.put(checked.image().getString("key"), checked.bytes()).map(checked.image());
  }
}
