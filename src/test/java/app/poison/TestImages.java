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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
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
    return png(width, height, 8, 2, null);
  }

  /** A PNG of {@code width×height} 16-bit RGBA zeros: a small file whose rows inflate to {@code 8·w·h} bytes. */
  public static byte[] pngZlibBomb(int width, int height) {
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (DeflaterOutputStream zlib = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
      byte[] row = new byte[1 + 8 * width];
      for (int y = 0; y < height; y++) {
        zlib.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return png(width, height, 16, 6, idat.toByteArray());
  }

  private static byte[] png(int width, int height, int bitDepth, int colourType, byte[] idat) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    if (idat != null) {
      chunk(out, "IDAT", idat);
    }
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** The same JPEG with its frame header (SOFn) claiming {@code width×height}. */
  public static byte[] jpegClaiming(byte[] jpeg, int width, int height) {
    byte[] out = jpeg.clone();
    int i = 2;
    while ((out[i + 1] & 0xFF) < 0xC0 || (out[i + 1] & 0xFF) > 0xC2) {
      i += 2 + (((out[i + 2] & 0xFF) << 8) | (out[i + 3] & 0xFF));
    }
    out[i + 5] = (byte) (height >> 8);
    out[i + 6] = (byte) height;
    out[i + 7] = (byte) (width >> 8);
    out[i + 8] = (byte) width;
    return out;
  }

  /** A progressive JPEG, as the JDK's encoder writes it (about ten scans). */
  public static byte[] progressiveJpeg(int width, int height) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (var stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(null, new IIOImage(drawing(width, height, 7), null, null), param);
      } finally {
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JPEG with its last scan (SOS header and data) repeated {@code times} more: one pass per scan. */
  public static byte[] withRepeatedLastScan(byte[] jpeg, int times) {
    int lastScan = -1;
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
        lastScan = i;
      }
    }
    int eoi = jpeg.length - 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, eoi);
    for (int t = 0; t < times; t++) {
      out.write(jpeg, lastScan, eoi - lastScan);
    }
    out.write(jpeg, eoi, 2);
    return out.toByteArray();
  }

  /** A lossless WebP (VP8L) of two noisy greens: about one bit a pixel, like a real photo's share. */
  public static byte[] webp(int width, int height) {
    return riff(webpChunk("VP8L", vp8l(width, height, true)));
  }

  /**
   * A VP8L frame bitstream: no transforms, one prefix code per channel. Noisy: green is one of two
   * values (one bit a pixel); flat: every code has one symbol, so the pixels take no bits at all,
   * which is how a 40-byte file claims 16383×16383.
   */
  public static byte[] vp8l(int width, int height, boolean noisy) {
    LsbBits bits = new LsbBits();
    bits.put(0x2F, 8).put(width - 1, 14).put(height - 1, 14).put(0, 1).put(0, 3);
    bits.put(0, 1).put(0, 1).put(0, 1); // no transform, no colour cache, no meta prefix codes
    bits.put(1, 1).put(noisy ? 1 : 0, 1).put(1, 1).put(160, 8); // green: simple code, 8-bit symbol(s)
    if (noisy) {
      bits.put(90, 8);
    }
    for (int symbol : new int[] {40, 30, 255, 0}) { // red, blue, alpha, distance
      bits.put(1, 1).put(0, 1).put(1, 1).put(symbol, 8);
    }
    if (noisy) {
      Random random = new Random(width * 31L + height);
      for (long i = 0; i < (long) width * height; i++) {
        bits.put(random.nextInt(2), 1);
      }
    }
    return bits.bytes();
  }

  /** An extended WebP: a VP8X canvas of {@code canvasWidth×canvasHeight} holding one frame bitstream. */
  public static byte[] webpOnCanvas(int canvasWidth, int canvasHeight, byte[] vp8lFrame) {
    return riff(vp8x(0, canvasWidth, canvasHeight), webpChunk("VP8L", vp8lFrame));
  }

  /** An animated WebP: each VP8L frame in an ANMF chunk of its own size at the canvas' origin. */
  public static byte[] webpAnimation(int canvasWidth, int canvasHeight, byte[]... vp8lFrames) {
    List<byte[]> chunks = new ArrayList<>(List.of(vp8x(0x02, canvasWidth, canvasHeight),
        webpChunk("ANIM", new byte[] {0, 0, 0, 0, 0, 0})));
    for (byte[] frame : vp8lFrames) {
      long header = (frame[1] & 0xFFL) | ((frame[2] & 0xFFL) << 8) | ((frame[3] & 0xFFL) << 16) | ((frame[4] & 0xFFL) << 24);
      ByteArrayOutputStream anmf = new ByteArrayOutputStream();
      anmf.writeBytes(le(0, 3));
      anmf.writeBytes(le(0, 3));
      anmf.writeBytes(le((int) (header & 0x3FFF), 3));
      anmf.writeBytes(le((int) ((header >> 14) & 0x3FFF), 3));
      anmf.writeBytes(le(100, 3));
      anmf.write(0);
      anmf.writeBytes(webpChunk("VP8L", frame));
      chunks.add(webpChunk("ANMF", anmf.toByteArray()));
    }
    return riff(chunks.toArray(byte[][]::new));
  }

  private static byte[] vp8x(int flags, int canvasWidth, int canvasHeight) {
    ByteArrayOutputStream vp8x = new ByteArrayOutputStream();
    vp8x.writeBytes(new byte[] {(byte) flags, 0, 0, 0});
    vp8x.writeBytes(le(canvasWidth - 1, 3));
    vp8x.writeBytes(le(canvasHeight - 1, 3));
    return webpChunk("VP8X", vp8x.toByteArray());
  }

  private static byte[] webpChunk(String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le(data.length, 4));
    out.writeBytes(data);
    if ((data.length & 1) == 1) {
      out.write(0);
    }
    return out.toByteArray();
  }

  private static byte[] riff(byte[]... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    for (byte[] chunk : chunks) {
      body.writeBytes(chunk);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le(body.size(), 4));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] le(int value, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[i] = (byte) (value >> (8 * i));
    }
    return out;
  }

  /** Least-significant-bit-first bit writer, as VP8L reads. */
  private static final class LsbBits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long pending;
    private int count;

    LsbBits put(long value, int bits) {
      pending |= (value & ((1L << bits) - 1)) << count;
      count += bits;
      while (count >= 8) {
        out.write((int) (pending & 0xFF));
        pending >>>= 8;
        count -= 8;
      }
      return this;
    }

    byte[] bytes() {
      if (count > 0) {
        out.write((int) (pending & 0xFF));
      }
      return out.toByteArray();
    }
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
