package app.poison.http;

import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import app.poison.storage.CleanJpegs;
import app.poison.catalog.ImageCredits;
import app.poison.storage.ImageInspector;
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
 * files, optional text fields {@code credit} and {@code license}): each file passes the same checks
 * as an identification upload, is re-encoded without metadata, stored under its content hash, and
 * only then is attached to the plant.
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
    JsonObject attribution = ImageCredits.attribution(ctx.request().getFormAttribute("credit"),
        ctx.request().getFormAttribute("license"), ImageCredits.SOURCE_ADMIN);
    // Nothing is stored unless the plant exists and every file passes.
    catalog.<JsonObject>request(Addresses.CATALOG_GET, PlantsHandler.idOf(ctx))
        .compose(plant -> Future.all(uploads.stream().map(this::inspect).toList()))
        .compose(checked -> Future.all(checked.<CleanJpegs.Clean>list().stream()
            .map(clean -> store(clean, attribution)).toList()))
        .compose(stored -> catalog.<JsonObject>request(Addresses.CATALOG_ADD_IMAGES,
            PlantsHandler.idOf(ctx).put("images", new JsonArray(stored.list()))))
        .onSuccess(plant -> Responses.json(ctx, 201, plant))
        .onFailure(ctx::fail);
  }

  /** Type sniffed from the bytes, size and pixel limits (the checks of identification uploads), then re-encoded. */
  private Future<CleanJpegs.Clean> inspect(FileUpload upload) {
    return vertx.fileSystem().readFile(upload.uploadedFileName()).compose(bytes -> workers.executeBlocking(() -> {
      byte[] raw = bytes.getBytes();
      inspector.inspect(raw);
      return CleanJpegs.of(raw);
    }, false));
  }

  private Future<JsonObject> store(CleanJpegs.Clean clean, JsonObject attribution) {
    return store.put(clean.image().getString("key"), Buffer.buffer(clean.bytes()))
        .map(ignored -> clean.image().copy().mergeIn(attribution));
  }
}
