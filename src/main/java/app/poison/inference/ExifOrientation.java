package app.poison.inference;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Reads the EXIF orientation tag from a JPEG's APP1 segment and applies it (phones store photos sideways). */
final class ExifOrientation {
  static final int NORMAL = 1;

  private ExifOrientation() {
  }

  /** The orientation tag (1..8), or 1 when absent or unreadable. */
  static int read(byte[] jpeg) {
    if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
      return NORMAL;
    }
    int pos = 2;
    while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xFF) {
      int marker = jpeg[pos + 1] & 0xff;
      int length = u16(jpeg, pos + 2, false);
      if (marker == 0xDA || length < 2) {
        return NORMAL; // start of scan: no more metadata
      }
      if (marker == 0xE1 && isExif(jpeg, pos + 4)) {
        return fromTiff(jpeg, pos + 10, Math.min(jpeg.length, pos + 2 + length));
      }
      pos += 2 + length;
    }
    return NORMAL;
  }

  static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation <= NORMAL || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swap = orientation >= 5;
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
      case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
      case 4 -> { t.translate(0, h); t.scale(1, -1); }
      case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
      case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
      case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      default -> { }
    }
    return ImagePreprocessor.transform(image, t, swap ? h : w, swap ? w : h);
  }

  private static boolean isExif(byte[] b, int pos) {
    return pos + 6 <= b.length && b[pos] == 'E' && b[pos + 1] == 'x' && b[pos + 2] == 'i' && b[pos + 3] == 'f';
  }

  private static int fromTiff(byte[] b, int tiff, int end) {
    if (tiff + 8 > end) {
      return NORMAL;
    }
    boolean little = b[tiff] == 'I';
    int ifd = tiff + (int) u32(b, tiff + 4, little);
    if (ifd + 2 > end || ifd < tiff) {
      return NORMAL;
    }
    int entries = u16(b, ifd, little);
    for (int i = 0; i < entries; i++) {
      int entry = ifd + 2 + i * 12;
      if (entry + 12 > end) {
        return NORMAL;
      }
      if (u16(b, entry, little) == 0x0112) {
        return u16(b, entry + 8, little);
      }
    }
    return NORMAL;
  }

  private static int u16(byte[] b, int pos, boolean little) {
    int a = b[pos] & 0xff;
    int c = b[pos + 1] & 0xff;
    return little ? (c << 8) | a : (a << 8) | c;
  }

  private static long u32(byte[] b, int pos, boolean little) {
    long hi = u16(b, pos, little);
    long lo = u16(b, pos + 2, little);
    return little ? (lo << 16) | hi : (hi << 16) | lo;
  }
}
