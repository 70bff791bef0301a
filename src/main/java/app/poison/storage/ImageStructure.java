package app.poison.storage;

/**
 * Walks an image's container structure without decoding pixels, to tell a complete file from a
 * truncated one (decoders often "succeed" on truncated data and return grey half-images).
 */
final class ImageStructure {
  private ImageStructure() {
  }

  static boolean isComplete(String mediaType, byte[] b) {
    return switch (mediaType) {
      case ImageInspector.JPEG -> jpegComplete(b);
      case ImageInspector.PNG -> pngComplete(b);
      case ImageInspector.WEBP -> webpComplete(b);
      default -> false;
    };
  }

  /** Segments up to each scan, then entropy-coded data until EOI; trailing bytes are allowed. */
  static boolean jpegComplete(byte[] b) {
    int i = 2;
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return false;
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker == 0xD9) {
        return true;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        i += 2;
        continue;
      }
      if (i + 3 >= b.length) {
        return false;
      }
      int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      i += 2 + length;
      if (marker == 0xDA) {
        i = skipEntropyData(b, i);
      }
    }
    return false;
  }

  /** Returns the index of the next real marker after a scan (FF followed by not 00 and not RSTn). */
  static int skipEntropyData(byte[] b, int i) {
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) == 0xFF) {
        int next = b[i + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
          return i;
        }
      }
      i++;
    }
    return b.length;
  }

  /** Chunks from the signature to IEND. */
  static boolean pngComplete(byte[] b) {
    long i = 8;
    while (i + 8 <= b.length) {
      int at = (int) i;
      long length = ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
      boolean iend = b[at + 4] == 'I' && b[at + 5] == 'E' && b[at + 6] == 'N' && b[at + 7] == 'D';
      i += 12 + length;
      if (i > b.length) {
        return false;
      }
      if (iend) {
        return true;
      }
    }
    return false;
  }

  /** The RIFF size field covers the whole file. */
  static boolean webpComplete(byte[] b) {
    long riffSize = (b[4] & 0xFFL) | ((b[5] & 0xFFL) << 8) | ((b[6] & 0xFFL) << 16) | ((b[7] & 0xFFL) << 24);
    return riffSize + 8 <= b.length;
  }
}
