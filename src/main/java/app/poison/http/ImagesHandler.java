package app.poison.http;

import app.poison.messaging.ErrorCode;
import app.poison.storage.ImageKeys;
import app.poison.storage.ImageStore;
import app.poison.storage.StoredImage;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /images/{key}}: the bytes with a long cache lifetime (a key is a content hash, so
 * the bytes behind it never change), or a redirect to a presigned URL when images live in S3.
 */
final class ImagesHandler implements Handler<RoutingContext> {
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  /** Shorter than the presigned URL's lifetime, so a cached redirect never points at an expired URL. */
  private static final String REDIRECT_CACHE = "private, max-age=600";
  private final ImageStore store;

  ImagesHandler(ImageStore store) {
    this.store = store;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    if (!ImageKeys.isValid(key)) {
      notFound(ctx);
      return;
    }
    store.get(key).onSuccess(image -> send(ctx, key, image)).onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, String key, StoredImage image) {
    HttpServerResponse response = ctx.response();
    if (image == null) {
      notFound(ctx);
    } else if (image.redirectUrl() != null) {
      response.setStatusCode(302).putHeader(HttpHeaders.LOCATION, image.redirectUrl())
          .putHeader(HttpHeaders.CACHE_CONTROL, REDIRECT_CACHE).end();
    } else {
      String etag = ImageKeys.etag(key);
      response.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
      if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        response.setStatusCode(304).end();
      } else {
        response.putHeader(HttpHeaders.CONTENT_TYPE, ImageKeys.mediaType(key)).end(image.bytes());
      }
    }
  }

  private static void notFound(RoutingContext ctx) {
    Responses.fail(ctx, ErrorCode.NOT_FOUND, "image_not_found", "사진을 찾을 수 없어요.");
  }
}
