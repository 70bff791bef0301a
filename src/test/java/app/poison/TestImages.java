package app.poison;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;

/** Images the tests draw themselves (never the shared research photos). */
public final class TestImages {
  private TestImages() {
  }

  /** A leafy-looking picture: green gradient with random ellipses, deterministic per seed. */
  public static BufferedImage drawing(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    Random random = new Random(seed);
    g.setPaint(new GradientPaint(0, 0, new Color(40, 90 + random.nextInt(60), 30), width, height, new Color(200, 220, 120)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 12; i++) {
      g.setColor(new Color(random.nextInt(256), 100 + random.nextInt(156), random.nextInt(120)));
      g.fillOval(random.nextInt(width), random.nextInt(height), width / 5 + 1, height / 7 + 1);
    }
    g.dispose();
    return image;
  }

  public static byte[] jpeg(int width, int height) {
    return encode(drawing(width, height, width * 31L + height), "jpg");
  }

  public static byte[] png(int width, int height) {
    return encode(drawing(width, height, width * 17L + height), "png");
  }

  public static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 16-bit-per-channel grey PNG. */
  public static byte[] png16(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, (x * 65535) / Math.max(1, width - 1));
      }
    }
    return encode(image, "png");
  }

  /** A four-component (CMYK-style) JPEG, as print workflows and some scanners produce. */
  public static byte[] cmykJpeg(int width, int height) {
    WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {x % 256, y % 256, 60, 20});
      }
    }
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (var stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
      } finally {
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PNG whose header claims {@code width×height} but carries no pixel data (a bomb's header). */
  public static byte[] pngHeaderClaiming(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** A valid JPEG with an APP1 (EXIF) segment of the maximum size inserted after SOI. */
  public static byte[] jpegWithHugeExif(int width, int height) {
    byte[] jpeg = jpeg(width, height);
    int length = 65533;
    byte[] segment = new byte[2 + length];
    segment[0] = (byte) 0xFF;
    segment[1] = (byte) 0xE1;
    segment[2] = (byte) (length >> 8);
    segment[3] = (byte) length;
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(exif, 0, segment, 4, exif.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.writeBytes(segment);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /**
   * A valid JPEG carrying an EXIF APP1 segment, built by hand, whose IFD0 points at a GPS IFD with
   * a latitude (37°33'N): what a phone writes into a photo taken outdoors.
   */
  public static byte[] jpegWithGps(int width, int height) {
    ByteBuffer tiff = ByteBuffer.allocate(92).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0); // IFD0: GPSInfo
    tiff.putShort((short) 3);                                                                            // GPS IFD at 26
    tiff.putShort((short) 0).putShort((short) 1).putInt(4).put(new byte[] {2, 2, 0, 0});                 // GPSVersionID
    tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});               // GPSLatitudeRef
    tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(68).putInt(0);                         // GPSLatitude
    tiff.putInt(37).putInt(1).putInt(33).putInt(1).putInt(0).putInt(1);                                  // at 68
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + exif.length + tiff.capacity();
    byte[] jpeg = jpeg(width, height);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(exif);
    out.writeBytes(tiff.array());
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** Whether a JPEG has an EXIF APP1 segment before its image data. */
  public static boolean hasExif(byte[] jpeg) {
    int pos = 2;
    while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
      int marker = jpeg[pos + 1] & 0xFF;
      if (marker == 0xDA) {
        return false; // start of scan: no more metadata segments
      }
      int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
      if (marker == 0xE1 && pos + 10 <= jpeg.length
          && new String(jpeg, pos + 4, 4, StandardCharsets.ISO_8859_1).equals("Exif")) {
        return true;
      }
      pos += 2 + length;
    }
    return false;
  }

  public static byte[] truncated(byte[] image, double keep) {
    return Arrays.copyOf(image, (int) (image.length * keep));
  }

  /** A GIF: refused whether animated or not (only JPEG, PNG and WebP are accepted). */
  public static byte[] gif() {
    return encode(drawing(32, 32, 5), "gif");
  }

  public static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
