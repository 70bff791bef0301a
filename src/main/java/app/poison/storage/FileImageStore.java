package app.poison.storage;

import app.poison.config.PoisonConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.UUID;

/** Images as files under {@code <data.dir>/images}, written to a temporary name then moved into place. */
final class FileImageStore implements ImageStore {
  private final FileSystem files;
  private final Path dir;

  FileImageStore(Vertx vertx, JsonObject config) {
    this.files = vertx.fileSystem();
    this.dir = PoisonConfig.dataDir(config).resolve("images").toAbsolutePath();
  }

  @Override
  public Future<Void> put(String key, Buffer bytes) {
    String target = path(key);
    String partial = dir.resolve(".partial-" + UUID.randomUUID()).toString();
    return files.mkdirs(dir.toString())
        .compose(ignored -> files.writeFile(partial, bytes))
        .compose(ignored -> files.move(partial, target, new CopyOptions().setAtomicMove(true).setReplaceExisting(true)));
  }

  @Override
  public Future<StoredImage> get(String key) {
    String file = path(key);
    return files.exists(file).compose(exists -> exists
        ? files.readFile(file).map(StoredImage::bytes)
        : Future.succeededFuture());
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private String path(String key) {
    if (!ImageKeys.isValid(key)) {
      throw new IllegalArgumentException("not an image key");
    }
    return dir.resolve(key).toString();
  }
}
