package app.poison.catalog;

import static app.poison.catalog.CatalogHttp.await;
import static app.poison.catalog.CatalogHttp.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.storage.ImageKeys;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.util.Map;
import java.util.Random;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;

/** Admin image uploads and {@code GET /images/{key}}, through the data-dir store and through S3. */
class PlantImagesTest {
  private static final String PLANT = "caltha-palustris";
  private static final String S3_ACCESS = "poison-test";
  private static final String S3_SECRET = "poison-test-secret";

  @Test
  void uploadsAreValidatedStoredAndServedFromTheDataDir() {
    PoisonService service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), CatalogHttp.TOKEN,
        ConfigKeys.envName(ConfigKeys.MAX_UPLOAD_BYTES), "200000")));
    try (CatalogHttp http = new CatalogHttp(service.httpPort())) {
      byte[] png = TestImages.png(64, 48);
      JsonObject image = uploadedImage(http, png, 64, 48);
      String url = image.getString("url");
      assertEquals(url, http.get("/api/v1/plants?limit=100").bodyAsJsonObject().getJsonArray("items").stream()
          .map(JsonObject.class::cast).filter(p -> PLANT.equals(p.getString("id"))).findFirst().orElseThrow()
          .getString("image_url"), "the first image is the card image");

      HttpResponse<Buffer> served = http.get(url);
      assertEquals(200, served.statusCode());
      assertEquals(image.getString("key"), ImageKeys.of(served.body().getBytes(), "image/jpeg"), "stored as a fresh JPEG");
      assertEquals("image/jpeg", served.getHeader("Content-Type"));
      assertTrue(served.getHeader("Cache-Control").contains("immutable"));
      String etag = served.getHeader("ETag");
      assertEquals(304, await(http.request(HttpMethod.GET, url).putHeader("If-None-Match", etag).send()).statusCode());

      // the same photo again is stored once; a second photo comes after the card image
      assertEquals(1, http.upload(PLANT, png).bodyAsJsonObject().getJsonArray("images").size());
      JsonArray images = http.upload(PLANT, TestImages.jpeg(40, 30)).bodyAsJsonObject().getJsonArray("images");
      assertEquals(2, images.size());
      assertEquals(image, images.getJsonObject(0));
      JsonObject replaced = http.admin(HttpMethod.PUT, "/api/v1/plants/" + PLANT, CatalogHttp.seed().stream()
          .filter(p -> PLANT.equals(p.getString("id"))).findFirst().orElseThrow()).bodyAsJsonObject();
      assertEquals(images, replaced.getJsonArray("images"), "a replace keeps the images");

      byte[] unseen = TestImages.png(30, 20);
      assertEquals("unsupported_image_type", errorCode(http.upload(PLANT, unseen, "not an image".getBytes())));
      assertEquals(404, http.get("/images/" + ImageKeys.of(unseen, "image/png")).statusCode(), "a refused upload stores nothing");
      assertEquals(404, http.get("/images/" + ImageKeys.of(png, "image/png")).statusCode(), "the original bytes are never stored");
      assertEquals("truncated_image", errorCode(http.upload(PLANT, TestImages.truncated(png, 0.5))));
      HttpResponse<Buffer> tooLarge = http.upload(PLANT, noisyPng(400, 400));
      assertEquals(413, tooLarge.statusCode());
      assertEquals("image_too_large", errorCode(tooLarge));
      assertEquals("invalid_image_count", errorCode(http.upload(PLANT)));
      assertEquals("invalid_image_count", errorCode(http.upload(PLANT, png, png, png, png, png, png)));
      assertEquals("plant_not_found", errorCode(http.upload("no-such-plant", png)));

      assertEquals(404, http.get("/images/" + "0".repeat(64) + ".png").statusCode());
      assertEquals("image_not_found", errorCode(http.get("/images/..%2F..%2Fconf%2Fconfig.json")));
      assertEquals(404, http.get("/images/" + url.substring(url.lastIndexOf('/') + 1, url.lastIndexOf('.')) + ".gif").statusCode());
    } finally {
      await(service.stop());
    }
  }

  @Test
  void s3ModeStoresInTheBucketAndRedirectsToAPresignedUrl() throws Exception {
    int port = TestServices.freePort();
    BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials(S3_ACCESS, S3_SECRET)
        .build(BlobStoreContext.class);
    S3Proxy s3 = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_ACCESS, S3_SECRET).build();
    s3.start();
    PoisonService service = null;
    try {
      service = await(TestServices.start(Map.of(
          ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), CatalogHttp.TOKEN,
          ConfigKeys.envName(ConfigKeys.S3_ENDPOINT), "http://127.0.0.1:" + port,
          ConfigKeys.envName(ConfigKeys.S3_BUCKET), "poison-images",
          ConfigKeys.envName(ConfigKeys.S3_ACCESS_KEY), S3_ACCESS,
          ConfigKeys.envName(ConfigKeys.S3_SECRET_KEY), S3_SECRET)));
      try (CatalogHttp http = new CatalogHttp(service.httpPort())) {
        byte[] jpeg = TestImages.jpeg(80, 60);
        JsonObject image = uploadedImage(http, jpeg, 80, 60);
        assertTrue(blobs.getBlobStore().blobExists("poison-images", image.getString("key")));

        HttpResponse<Buffer> redirect = http.get(image.getString("url"));
        assertEquals(302, redirect.statusCode());
        String location = redirect.getHeader("Location");
        assertTrue(location.startsWith("http://127.0.0.1:" + port + "/poison-images/"), location);
        HttpResponse<Buffer> fromS3 = http.getAbsolute(location);
        assertEquals(200, fromS3.statusCode(), fromS3.bodyAsString());
        assertEquals(image.getString("key"), ImageKeys.of(fromS3.body().getBytes(), "image/jpeg"));
        assertEquals("image/jpeg", fromS3.getHeader("Content-Type"));
      }
    } finally {
      if (service != null) {
        await(service.stop());
      }
      s3.stop();
      blobs.close();
    }
  }

  /** Random pixels: a PNG that does not compress (400×400 is about 480 kB). */
  private static byte[] noisyPng(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return TestImages.encode(image, "png");
  }

  /** Uploads one image to {@link #PLANT} and returns the stored image as the detail shows it. */
  private static JsonObject uploadedImage(CatalogHttp http, byte[] bytes, int width, int height) {
    HttpResponse<Buffer> response = http.upload(PLANT, bytes);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    JsonObject image = response.bodyAsJsonObject().getJsonArray("images").getJsonObject(0);
    assertEquals("image/jpeg", image.getString("content_type"), "every stored photo is re-encoded as a JPEG");
    assertEquals("POISON", image.getString("credit"));
    assertEquals("admin", image.getString("source"));
    assertEquals(width, image.getInteger("width"));
    assertEquals(height, image.getInteger("height"));
    assertEquals("/images/" + image.getString("key"), image.getString("url"));
    assertEquals(image, http.get("/api/v1/plants/" + PLANT).bodyAsJsonObject().getJsonArray("images").getJsonObject(0));
    return image;
  }
}
