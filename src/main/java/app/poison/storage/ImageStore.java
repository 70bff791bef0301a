package app.poison.storage;

import app.poison.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Plant images by key ({@link ImageKeys}): S3 (or any S3-compatible store) when
 * {@code s3.endpoint} is set, else files under {@code <data.dir>/images}. Keys are content hashes,
 * so a stored image never changes and writing the same key twice is harmless.
 */
public interface ImageStore {

  static ImageStore fromConfig(Vertx vertx, JsonObject config) {
    return config.getString(ConfigKeys.S3_ENDPOINT) == null
        ? new FileImageStore(vertx, config)
        : new S3ImageStore(vertx, config);
  }

  Future<Void> put(String key, Buffer bytes);

  /** The image, or null when no image has this key. {@code key} must be {@link ImageKeys#isValid valid}. */
  Future<StoredImage> get(String key);

  Future<Void> close();
}
