package app.poison.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a decoder will really materialise, read from the container without decoding: the image
 * size the decoder reports, every frame bitstream it may decode (a WebP canvas can claim 1×1 while
 * its VP8L frame is 16383×16383), JPEG scans, and the working memory the decode needs beyond its
 * output (a progressive JPEG's coefficient buffer, a PNG's inflated rows).
 */
record ImageLayout(int width, int height, List<Frame> frames, int scans, long workingBytes) {

  /** One frame bitstream; {@code dataBytes} is its compressed size (0 where not meaningful). */
  record Frame(int width, int height, long dataBytes) {
    long pixels() {
      return (long) width * height;
    }
  }

  /** A container the decoder would misread: inconsistent sizes, frames outside the canvas, bad chunks. */
  static final class Invalid extends RuntimeException {
    Invalid(String why) {
      super(why, null, false, false);
    }
  }

  static ImageLayout read(String mediaType, byte[] b) {
    try {
      return switch (mediaType) {
        case ImageInspector.JPEG -> jpeg(b);
        case ImageInspector.PNG -> png(b);
        case ImageInspector.WEBP -> WebPLayout.read(b);
        default -> throw new Invalid("unsupported type");
      };
    } catch (IndexOutOfBoundsException e) {
      throw new Invalid("structure runs past the end of the file");
    }
  }

  /** Every SOF (each one is a frame) and every SOS, until EOI; segments are skipped by their length. */
  private static ImageLayout jpeg(byte[] b) {
    List<Frame> frames = new ArrayList<>();
    int scans = 0;
    long coefficients = 0;
    boolean progressive = false;
    int i = 2;
    while (i + 3 < b.length && (b[i] & 0xFF) == 0xFF) {
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        i += marker == 0xFF ? 1 : 2;
        continue;
      }
      if (marker == 0xD9) {
        break;
      }
      int length = u16(b, i + 2);
      if (isStartOfFrame(marker)) {
        Frame frame = new Frame(u16(b, i + 7), u16(b, i + 5), 0);
        frames.add(frame);
        coefficients += coefficientBytes(b, i + 4, frame);
        progressive |= marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
      }
      i += 2 + length;
      if (marker == 0xDA) {
        scans++;
        i = ImageStructure.skipEntropyData(b, i);
      }
    }
    if (frames.isEmpty()) {
      throw new Invalid("JPEG without a frame header");
    }
    // libjpeg keeps every coefficient of the image when it needs more than one pass over the scans.
    long working = progressive || scans > 1 ? coefficients : 0;
    return new ImageLayout(frames.get(0).width(), frames.get(0).height(), frames, scans, working);
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /** 64 two-byte coefficients per 8×8 block of every component, at its sampling factor; {@code sof} is at P. */
  private static long coefficientBytes(byte[] b, int sof, Frame frame) {
    int components = b[sof + 5] & 0xFF;
    int hMax = 1;
    int vMax = 1;
    for (int c = 0; c < components; c++) {
      int factors = b[sof + 7 + 3 * c] & 0xFF;
      hMax = Math.max(hMax, factors >> 4);
      vMax = Math.max(vMax, factors & 0x0F);
    }
    long bytes = 0;
    for (int c = 0; c < components; c++) {
      int factors = b[sof + 7 + 3 * c] & 0xFF;
      if ((factors >> 4) == 0 || (factors & 0x0F) == 0) {
        throw new Invalid("JPEG component with a zero sampling factor");
      }
      long columns = ceilDiv(ceilDiv((long) frame.width() * (factors >> 4), hMax), 8);
      long rows = ceilDiv(ceilDiv((long) frame.height() * (factors & 0x0F), vMax), 8);
      bytes += columns * rows * 128;
    }
    return bytes;
  }

  /** IHDR is the image; APNG frames (fcTL) must fit inside it; the inflated size follows from IHDR. */
  private static ImageLayout png(byte[] b) {
    if (!"IHDR".equals(chunkType(b, 8))) {
      throw new Invalid("PNG without IHDR first");
    }
    int width = s32(b, 16);
    int height = s32(b, 20);
    int bitDepth = b[24] & 0xFF;
    int channels = switch (b[25]) {
      case 0, 3 -> 1;
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> throw new Invalid("PNG colour type " + b[25]);
    };
    List<Frame> frames = new ArrayList<>(List.of(new Frame(width, height, 0)));
    for (int at = 8; at + 12 <= b.length; at += 12 + s32(b, at)) {
      if (s32(b, at) < 0) {
        throw new Invalid("PNG chunk length");
      }
      if ("IEND".equals(chunkType(b, at))) {
        break; // what follows is trailing bytes, not chunks
      }
      if ("fcTL".equals(chunkType(b, at))) {
        Frame frame = new Frame(s32(b, at + 12), s32(b, at + 16), 0);
        long right = (long) s32(b, at + 20) + frame.width();
        long bottom = (long) s32(b, at + 24) + frame.height();
        if (s32(b, at + 20) < 0 || s32(b, at + 24) < 0 || right > width || bottom > height) {
          throw new Invalid("APNG frame outside the image");
        }
        frames.add(frame);
      }
    }
    long rowBytes = 1 + ceilDiv((long) Math.max(width, 0) * channels * bitDepth, 8);
    return new ImageLayout(width, height, frames, 1, rowBytes * Math.max(height, 0));
  }

  /** A PNG chunk's type: after its 4-byte length. */
  static String chunkType(byte[] b, int at) {
    return new String(b, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** A RIFF chunk's type: first, before its length. */
  static String chunkTypeLe(byte[] b, int at) {
    return new String(b, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  static int s32(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
