package app.poison.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.TestImages;
import app.poison.messaging.ServiceException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageInspectorTest {
  private final ImageInspector inspector = new ImageInspector(10L << 20, 40_000_000L);

  @Test
  void acceptsValidImagesAndReadsTheirSize() {
    assertEquals(new ImageInfo(ImageInspector.JPEG, 640, 480), inspector.inspect(TestImages.jpeg(640, 480)));
    assertEquals(new ImageInfo(ImageInspector.PNG, 300, 200), inspector.inspect(TestImages.png(300, 200)));
    assertEquals(new ImageInfo(ImageInspector.PNG, 64, 48), inspector.inspect(TestImages.png16(64, 48)));
    assertEquals(ImageInspector.JPEG, inspector.inspect(TestImages.cmykJpeg(120, 80)).mediaType());
    assertEquals(200, inspector.inspect(TestImages.jpegWithHugeExif(200, 100)).width());
  }

  @Test
  void trailingBytesAfterAJpegAreTolerated() {
    byte[] polyglot = TestImages.concat(TestImages.jpeg(100, 100),
        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
    assertEquals(100, inspector.inspect(polyglot).width());
  }

  @Test
  void rejectsWhatIsNotACompleteSupportedImage() {
    assertCode("empty_image", 400, new byte[0]);
    assertCode("unsupported_image_type", 415, "just text, named photo.jpg".getBytes(StandardCharsets.UTF_8));
    assertCode("unsupported_image_type", 415, TestImages.gif());
    assertCode("truncated_image", 400, TestImages.truncated(TestImages.jpeg(400, 300), 0.6));
    assertCode("truncated_image", 400, TestImages.truncated(TestImages.png(400, 300), 0.6));
    byte[] pngThenHtml = TestImages.concat(TestImages.truncated(TestImages.png(50, 50), 0.1),
        "<html>not an image</html>".getBytes(StandardCharsets.UTF_8));
    assertCode("truncated_image", 400, pngThenHtml);
  }

  @Test
  void refusesDecompressionBombsFromTheHeaderAlone() {
    assertCode("image_dimensions_too_large", 413, TestImages.pngHeaderClaiming(50_000, 50_000));
    assertCode("image_dimensions_too_large", 413, TestImages.pngHeaderClaiming(16_000, 16_000));
    assertEquals(6000, inspector.inspect(TestImages.pngHeaderClaiming(6000, 6000)).width());
  }

  @Test
  void aWebPCanvasCannotHideTheSizeOfItsFrame() {
    // Finding 1: a 1x1 VP8X canvas around a 16383x16383 VP8L frame was accepted, and decoded at 6 GB.
    assertCode("corrupt_image", 400, TestImages.webpOnCanvas(1, 1, TestImages.vp8l(16_383, 16_383, false)));
    assertCode("image_dimensions_too_large", 413, TestImages.webpOnCanvas(16_383, 16_383, TestImages.vp8l(16_383, 16_383, false)));
    assertCode("corrupt_image", 400, TestImages.webpOnCanvas(100, 100, TestImages.vp8l(120, 100, true)));
    assertEquals(new ImageInfo(ImageInspector.WEBP, 120, 100),
        inspector.inspect(TestImages.webpOnCanvas(120, 100, TestImages.vp8l(120, 100, true))));
    assertEquals(new ImageInfo(ImageInspector.WEBP, 160, 120), inspector.inspect(TestImages.webp(160, 120)));
  }

  @Test
  void everyFrameOfAnAnimationIsChecked() {
    byte[] small = TestImages.vp8l(64, 48, true);
    assertEquals(new ImageInfo(ImageInspector.WEBP, 64, 48), inspector.inspect(TestImages.webpAnimation(64, 48, small, small)));
    assertCode("image_dimensions_too_large", 413,
        TestImages.webpAnimation(16_383, 16_383, TestImages.vp8l(200, 200, true), TestImages.vp8l(16_383, 16_383, false)));
    byte[][] many = new byte[ImageInspector.MAX_FRAMES + 1][];
    java.util.Arrays.fill(many, small);
    assertCode("image_too_complex", 413, TestImages.webpAnimation(64, 48, many));
    assertCode("corrupt_image", 400, TestImages.webpAnimation(64, 48, small, TestImages.vp8l(65, 48, true)));
  }

  @Test
  void aWebPThatClaimsMillionsOfPixelsFromAFewBytesIsRefused() {
    // Each pixel of a flat VP8L frame takes no bits, and the Java decoder still spends microseconds on it.
    assertCode("image_too_complex", 413, TestImages.webpOnCanvas(1000, 1000, TestImages.vp8l(1000, 1000, false)));
  }

  @Test
  void aSliverIsRefusedByItsAspectRatio() {
    // Finding 1: a 100-byte 20000x1 PNG cost 835 MB once its short side was scaled to the model's input.
    assertCode("image_aspect_ratio_too_large", 400, TestImages.png(20_000, 1));
    assertCode("image_aspect_ratio_too_large", 400, TestImages.png(80, 801));
    assertEquals(800, inspector.inspect(TestImages.png(800, 80)).width());
  }

  @Test
  void aJpegFrameOfZeroPixelsIsInvalidNotTooLarge() {
    // Finding 9: SOF 0x0 answered 413 image_dimensions_too_large.
    byte[] jpeg = TestImages.jpeg(64, 48);
    assertCode("corrupt_image", 400, TestImages.jpegClaiming(jpeg, 0, 0));
    assertCode("corrupt_image", 400, TestImages.jpegClaiming(jpeg, 64, 0));
  }

  @Test
  void aProgressiveJpegIsBoundedInScans() {
    byte[] progressive = TestImages.progressiveJpeg(400, 300);
    assertEquals(400, inspector.inspect(progressive).width());
    assertCode("image_too_complex", 413, TestImages.withRepeatedLastScan(progressive, ImageInspector.MAX_SCANS));
    // Ten passes over 24 megapixels: within the pixel limit, but seconds of CPU.
    assertCode("image_too_complex", 413, TestImages.jpegClaiming(progressive, 6000, 4000));
    assertEquals(6000, inspector.inspect(TestImages.jpegClaiming(TestImages.jpeg(64, 48), 6000, 4000)).width());
  }

  @Test
  void aPngWhoseRowsInflateBeyondTheDecodeBudgetIsRefused() {
    // 17.6 megapixels pass the pixel limit, but as 16-bit RGBA they inflate to 141 MB.
    byte[] bomb = TestImages.pngZlibBomb(4200, 4200);
    assertTrue(bomb.length < 1 << 20, "a small file: " + bomb.length);
    assertCode("image_dimensions_too_large", 413, bomb);
  }

  @Test
  void refusesOversizeFiles() {
    ImageInspector small = new ImageInspector(1024, 40_000_000L);
    ServiceException refused = assertThrows(ServiceException.class, () -> small.inspect(TestImages.jpeg(400, 400)));
    assertEquals("image_too_large", refused.wireCode());
  }

  private void assertCode(String wireCode, int status, byte[] bytes) {
    ServiceException e = assertThrows(ServiceException.class, () -> inspector.inspect(bytes));
    assertEquals(wireCode, e.wireCode());
    assertEquals(status, e.code().httpStatus());
  }
}
