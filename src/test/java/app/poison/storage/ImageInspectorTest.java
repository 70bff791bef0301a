package app.poison.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
