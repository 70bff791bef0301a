package app.poison.identify;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.training.TestModels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every bad upload gets a 4xx with a code, valid-but-odd ones are identified, the service stays
 * ready, and no temporary upload file is left behind where a Vert.x body handler would put one:
 * the service's own uploads folder, or Vert.x's default (which keeps files unless told otherwise).
 */
@ExtendWith(VertxExtension.class)
class BadUploadCorpusTest {
  private static final int MAX_UPLOAD = 2 * 1024 * 1024;
  private static PoisonService service;
  private static HttpTestClient http;
  private static Path dataDir;

  private record Case(String name, Supplier<Future<HttpResponse<Buffer>>> request, int status, String code) {
  }

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    dataDir = TestServices.tempDir();
    service = await(TestServices.start(Map.of(
        "POISON_MODEL_DIR", TestModels.tiny().toString(),
        ConfigKeys.envName(ConfigKeys.DATA_DIR), dataDir.toString(),
        ConfigKeys.envName(ConfigKeys.MAX_UPLOAD_BYTES), String.valueOf(MAX_UPLOAD),
        ConfigKeys.envName(ConfigKeys.RATE_UPLOADS_PER_MINUTE), "1000")));
    http = new HttpTestClient(vertx, service.httpPort());
    await(http.awaitOk("/ready", Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() throws Exception {
    await(service.stop());
  }

  @Test
  void everyBadUploadIsAClear4xxAndTheServiceStaysHealthy() throws Exception {
    byte[] jpeg = TestImages.jpeg(200, 150);
    byte[] text = "this is not an image, just text named photo.jpg".getBytes(StandardCharsets.UTF_8);
    List<Case> cases = List.of(
        bad("empty file", images(new byte[0]), 400, "empty_image"),
        bad("truncated JPEG", images(TestImages.truncated(TestImages.jpeg(600, 400), 0.5)), 400, "truncated_image"),
        bad("truncated PNG", images(TestImages.truncated(TestImages.png(300, 300), 0.5)), 400, "truncated_image"),
        bad("text named .jpg", images(text), 415, "unsupported_image_type"),
        bad("HTML", images("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8)), 415, "unsupported_image_type"),
        bad("PNG header then HTML (polyglot)", images(TestImages.concat(Arrays8.pngSignature(), text)), 400, "truncated_image"),
        bad("PNG claiming 50000x50000", images(TestImages.pngHeaderClaiming(50_000, 50_000)), 413, "image_dimensions_too_large"),
        bad("PNG claiming 16000x16000", images(TestImages.pngHeaderClaiming(16_000, 16_000)), 413, "image_dimensions_too_large"),
        bad("GIF", images(TestImages.gif()), 415, "unsupported_image_type"),
        bad("six images", images(jpeg, jpeg, jpeg, jpeg, jpeg, jpeg), 400, "too_many_images"),
        bad("over-size image", images(Arrays8.padded(jpeg, MAX_UPLOAD + 1)), 413, "image_too_large"),
        bad("far over the size limit", images(Arrays8.padded(jpeg, 6 * MAX_UPLOAD)), 413, "image_too_large"),
        bad("wrong field name", () -> http.upload("photo", List.of(jpeg)), 400, "invalid_field"),
        bad("no image at all", () -> http.web().post("/api/v1/identifications").sendMultipartForm(MultipartForm.create().attribute("note", "x")), 400, "missing_image"),
        bad("not multipart (JSON)", () -> http.web().post("/api/v1/identifications").sendJsonObject(new JsonObject().put("image", "x")), 415, "not_multipart"),
        bad("not multipart (raw JPEG)", () -> http.web().post("/api/v1/identifications").putHeader("Content-Type", "image/jpeg").sendBuffer(Buffer.buffer(jpeg)), 415, "not_multipart"),
        bad("no content type", () -> http.web().post("/api/v1/identifications").sendBuffer(Buffer.buffer(jpeg)), 415, "not_multipart"),
        bad("valid image next to a text file", images(jpeg, text), 415, "unsupported_image_type"),
        bad("GET on the upload list", () -> http.web().put("/api/v1/identifications").send(), 405, "method_not_allowed"),
        ok("odd file names", () -> http.web().post("/api/v1/identifications").sendMultipartForm(MultipartForm.create()
            .binaryFileUpload("image", "../../etc/passwd", Buffer.buffer(TestImages.jpeg(210, 160)), "text/plain")
            .binaryFileUpload("image", "사진 ;name%00<script>.exe" + "x".repeat(300), Buffer.buffer(TestImages.png(90, 90)), "application/octet-stream"))),
        ok("CMYK JPEG", images(TestImages.cmykJpeg(240, 180))),
        ok("16-bit PNG", images(TestImages.png16(128, 96))),
        ok("huge EXIF segment", images(TestImages.jpegWithHugeExif(300, 200))),
        ok("JPEG with trailing HTML (polyglot)", images(TestImages.concat(TestImages.jpeg(220, 200), text))),
        ok("lossless WebP", images(TestImages.webp(160, 120))),
        ok("progressive JPEG", images(TestImages.progressiveJpeg(320, 240))),
        ok("panorama within the aspect limit", images(TestImages.jpeg(1600, 200))));
    assertTrue(cases.size() >= 20);

    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    for (Case c : cases) {
      HttpResponse<Buffer> response = await(c.request().get());
      String body = response.bodyAsString();
      if (response.statusCode() != c.status()) {
        failures.add(c.name() + ": expected " + c.status() + " got " + response.statusCode() + " " + body);
      } else if (c.code() != null && !c.code().equals(response.bodyAsJsonObject().getJsonObject("error").getString("code"))) {
        failures.add(c.name() + ": expected code " + c.code() + " got " + body);
      } else if (c.status() == 202) {
        JsonObject job = await(http.awaitFinished(response.bodyAsJsonObject().getString("id")));
        if (!"succeeded".equals(job.getString("status"))) {
          failures.add(c.name() + ": valid image did not succeed: " + job.encode());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(200, await(http.get("/ready")).statusCode());
    assertEquals(200, await(http.get("/health")).statusCode());
    assertNoFilesIn(dataDir.resolve("uploads"));
    assertNoFilesIn(Path.of(BodyHandler.DEFAULT_UPLOADS_DIRECTORY));
  }

  /**
   * Bombs made to cost gigabytes or minutes once decoded are refused from their containers alone:
   * the process' resident memory barely moves, and the service stays healthy.
   */
  @Test
  void decompressionBombsAreRefusedWithoutBeingDecoded() throws Exception {
    byte[] flat = TestImages.vp8l(16_383, 16_383, false);
    List<Case> bombs = List.of(
        bad("WebP: 1x1 canvas, 16383x16383 frame", images(TestImages.webpOnCanvas(1, 1, flat)), 400, "corrupt_image"),
        bad("WebP: plain 16383x16383 frame", images(TestImages.webpOnCanvas(16_383, 16_383, flat)), 413, "image_dimensions_too_large"),
        bad("animated WebP: huge second frame", images(TestImages.webpAnimation(16_383, 16_383,
            TestImages.vp8l(300, 300, true), flat)), 413, "image_dimensions_too_large"),
        bad("WebP: 1000x1000 from 40 bytes", images(TestImages.webpOnCanvas(1000, 1000, TestImages.vp8l(1000, 1000, false))), 413, "image_too_complex"),
        bad("PNG sliver 20000x1", images(TestImages.png(20_000, 1)), 400, "image_aspect_ratio_too_large"),
        bad("PNG zlib bomb (141 MB of rows)", images(TestImages.pngZlibBomb(4200, 4200)), 413, "image_dimensions_too_large"),
        bad("JPEG SOF 0x0", images(TestImages.jpegClaiming(TestImages.jpeg(64, 48), 0, 0)), 400, "corrupt_image"),
        bad("progressive JPEG, 32 extra scans", images(TestImages.withRepeatedLastScan(TestImages.progressiveJpeg(640, 480), 32)), 413, "image_too_complex"));
    resetPeakRss();
    long rssBefore = procStatusKb("VmRSS");
    long peakBefore = procStatusKb("VmHWM");
    List<String> failures = new ArrayList<>();
    for (Case c : bombs) {
      HttpResponse<Buffer> response = await(c.request().get());
      if (response.statusCode() != c.status() || !response.bodyAsString().contains("\"" + c.code() + "\"")) {
        failures.add(c.name() + ": expected " + c.status() + " " + c.code() + " got " + response.statusCode() + " " + response.bodyAsString());
      }
    }
    long rssGrowthMb = (procStatusKb("VmRSS") - rssBefore) / 1024;
    long peakGrowthMb = (procStatusKb("VmHWM") - peakBefore) / 1024;
    System.out.printf("hostile uploads: RSS growth %d MB, peak RSS growth %d MB%n", rssGrowthMb, peakGrowthMb);
    assertEquals(List.of(), failures);
    // Decoded, the first bomb alone takes gigabytes; refused, the bombs cost their bytes and little more.
    assertTrue(peakGrowthMb < 300, "peak RSS grew by " + peakGrowthMb + " MB");
    assertEquals(200, await(http.get("/health")).statusCode());
    assertEquals(200, await(http.get("/ready")).statusCode());
  }

  /** Sets VmHWM back to the current RSS (Linux 4.0+), so the peak measured is this test's own. */
  private static void resetPeakRss() {
    try {
      java.nio.file.Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (java.io.IOException | RuntimeException e) {
      // without it the peak growth only reads lower; the RSS growth still counts
    }
  }

  /** A {@code /proc/self/status} line in kB: the service runs in this process. */
  private static long procStatusKb(String field) throws java.io.IOException {
    for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException(field + " not in /proc/self/status");
  }

  private static void assertNoFilesIn(Path folder) {
    String[] left = folder.toFile().list();
    assertEquals(0, left == null ? 0 : left.length, "files left in " + folder + ": " + (left == null ? "" : String.join(",", left)));
  }

  private static Supplier<Future<HttpResponse<Buffer>>> images(byte[]... images) {
    return () -> http.identify(images);
  }

  private static Case bad(String name, Supplier<Future<HttpResponse<Buffer>>> request, int status, String code) {
    return new Case(name, request, status, code);
  }

  private static Case ok(String name, Supplier<Future<HttpResponse<Buffer>>> request) {
    return new Case(name, request, 202, null);
  }

  /** Byte helpers for the corpus. */
  private static final class Arrays8 {
    static byte[] pngSignature() {
      return new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    }

    /** The image followed by zero bytes up to {@code size}: still a JPEG, just too big. */
    static byte[] padded(byte[] image, int size) {
      return java.util.Arrays.copyOf(image, size);
    }
  }
}
