package app.poison.inference;

import app.poison.training.ModelEvaluationCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {
  static final ModelSpec SPEC = new ModelSpec("t", "1", "poisonnet-4", 32, new float[] {0.5f, 0.5f, 0.5f},
      new float[] {0.25f, 0.25f, 0.25f}, List.of(new ModelClass("a", "a")), 1, 0.5, 0.05, null, new JsonObject());

  @Test
  void decodesALargePhotoToTheTargetSquare() throws IOException {
    BufferedImage image = ImagePreprocessor.decode(ModelEvaluationCommand.largeJpeg(), 112);
    assertEquals(112, image.getWidth());
    assertEquals(112, image.getHeight());
  }

  @Test
  void honoursExifOrientation() throws IOException {
    // 200x100, left half red, right half blue; orientation 6 means "rotate 90 degrees clockwise to view"
    BufferedImage wide = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = wide.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 100, 100);
    g.setColor(Color.BLUE);
    g.fillRect(100, 0, 100, 100);
    g.dispose();
    byte[] jpeg = withOrientation(jpeg(wide), 6);
    assertEquals(6, ExifOrientation.read(jpeg));
    BufferedImage upright = ImagePreprocessor.decodeShortSide(jpeg, 50);
    assertEquals(50, upright.getWidth());
    assertEquals(100, upright.getHeight());
    assertTrue(isRed(upright.getRGB(25, 10)), "the left (red) half is now on top");
    assertTrue(isBlue(upright.getRGB(25, 90)), "the right (blue) half is now at the bottom");
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.read(jpeg(wide)));
  }

  @Test
  void normalisesToChannelsFirst() {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 0, 0xFFFFFF);
    image.setRGB(2, 0, 0x00FF00);
    float[] input = ImagePreprocessor.toInput(image, SPEC);
    assertEquals(3 * 32 * 32, input.length);
    assertEquals(-2f, input[0], 1e-5);           // black: (0 - 0.5) / 0.25
    assertEquals(2f, input[1], 1e-5);            // white: (1 - 0.5) / 0.25
    assertEquals(-2f, input[2], 1e-5);           // green pixel, red plane
    assertEquals(2f, input[32 * 32 + 2], 1e-5);  // green plane follows the red plane
  }

  @Test
  void scalingASliverNeverAllocatesMoreThanTheTarget() throws IOException {
    // Scaling the short side of a 20000x1 image to 224 used to allocate a 4.48M x 224 image.
    byte[] sliver = app.poison.TestImages.png(20_000, 1);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    BufferedImage square = ImagePreprocessor.decode(sliver, 224);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(224, square.getWidth());
    assertEquals(224, square.getHeight());
    assertTrue(allocated < 32L << 20, "allocated " + (allocated >> 20) + " MB");
  }

  @Test
  void aDecoderThatKeepsReadingPastTheEndIsStopped() {
    // A flat 1000x1000 VP8L frame in 40 bytes: the WebP decoder used to swallow one end-of-file per
    // pixel (7 s of CPU, 2.7 GB of garbage) and return an image.
    byte[] bomb = app.poison.TestImages.webpOnCanvas(1000, 1000, app.poison.TestImages.vp8l(1000, 1000, false));
    assertThrows(IOException.class, () -> ImagePreprocessor.decode(bomb, 224));
  }

  @Test
  void rejectsBytesThatAreNotAnImage() {
    assertThrows(IOException.class, () -> ImagePreprocessor.decode("not an image".getBytes(), 32));
    assertThrows(IOException.class, () -> ImagePreprocessor.decode(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}, 32));
  }

  static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  /** Inserts a minimal big-endian EXIF APP1 segment with one orientation entry after SOI. */
  static byte[] withOrientation(byte[] jpeg, int orientation) {
    byte[] app1 = {
        (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
        'M', 'M', 0, 42, 0, 0, 0, 8,
        0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
        0, 0, 0, 0};
    byte[] out = new byte[jpeg.length + app1.length];
    out[0] = jpeg[0];
    out[1] = jpeg[1];
    System.arraycopy(app1, 0, out, 2, app1.length);
    System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
    return out;
  }

  private static boolean isRed(int rgb) {
    return ((rgb >> 16) & 0xff) > 200 && (rgb & 0xff) < 60;
  }

  private static boolean isBlue(int rgb) {
    return (rgb & 0xff) > 200 && ((rgb >> 16) & 0xff) < 60;
  }
}
