package app.poison.feedback;

import app.poison.config.ConfigKeys;
import app.poison.storage.EmbeddedStores;
import app.poison.storage.ImageStore;
import app.poison.storage.StoreClients;
import app.poison.storage.StoredImage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code export-training --out DIR}: the photos of approved contributions chosen for training, as
 * an image folder that {@code train --data} reads: {@code DIR/<catalog-id>/<key>.jpg} and
 * {@code labels.tsv} (class folder, catalog id). Reads the same MongoDB and image store as {@code serve}.
 */
public final class TrainingExport {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingExport.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TrainingExport() {
  }

  /** Returns the number of photos written. */
  public static int run(JsonObject config, Path out) throws Exception {
    try (EmbeddedStores embedded = new EmbeddedStores()) {
      // Only MongoDB is needed: a Redis URI placeholder keeps the embedded Redis from starting.
      JsonObject effective = config.getString(ConfigKeys.MONGO_URI) != null ? config
          : embedded.start(config.copy().put(ConfigKeys.REDIS_URI, "redis://unused"));
      Vertx vertx = Vertx.vertx();
      MongoClient mongo = StoreClients.mongo(vertx, effective);
      ImageStore images = ImageStore.fromConfig(vertx, effective);
      try {
        return export(new ContributionStore(mongo), images, out);
      } finally {
        await(images.close().eventually(mongo::close).eventually(vertx::close));
      }
    }
  }

  private static int export(ContributionStore store, ImageStore images, Path out) throws Exception {
    Files.createDirectories(out);
    TreeSet<String> classes = new TreeSet<>();
    int written = 0;
    for (JsonObject contribution : await(store.approvedForTraining())) {
      String plantId = contribution.getJsonObject("review").getString("plant_id");
      for (Object photo : contribution.getJsonArray("photos", new JsonArray())) {
        String key = ((JsonObject) photo).getString("key");
        byte[] bytes = bytesOf(await(images.get(key)));
        if (bytes == null) {
          LOG.warn("Photo {} of contribution {} is missing from the image store; skipped", key, contribution.getString("id"));
          continue;
        }
        Path folder = Files.createDirectories(out.resolve(plantId));
        Files.write(folder.resolve(key), bytes);
        classes.add(plantId);
        written++;
      }
    }
    StringBuilder labels = new StringBuilder("# class\tcatalog_id\n");
    classes.forEach(id -> labels.append(id).append('\t').append(id).append('\n'));
    Files.writeString(out.resolve("labels.tsv"), labels, StandardCharsets.UTF_8);
    LOG.info("Exported {} photos of {} plants to {}", written, classes.size(), out);
    return written;
  }

  /** The bytes, also when the store answers with a presigned URL (S3). */
  private static byte[] bytesOf(StoredImage image) throws IOException, InterruptedException {
    if (image == null) {
      return null;
    }
    if (image.bytes() != null) {
      return image.bytes().getBytes();
    }
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(image.redirectUrl())).build(), HttpResponse.BodyHandlers.ofByteArray());
    return response.statusCode() == 200 ? response.body() : null;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
