package app.poison.storage;

import app.poison.storage.ImageLayout.Frame;
import app.poison.storage.ImageLayout.Invalid;
import java.util.ArrayList;
import java.util.List;

/**
 * The RIFF chunks of a WebP: a simple file is one VP8 or VP8L frame; an extended one (VP8X) has a
 * canvas and either exactly one frame of the canvas' size or ANMF animation frames inside it.
 * The decoder sizes its buffers from each frame's own bitstream header, so that is what counts.
 */
final class WebPLayout {
  private final byte[] b;
  private final long end;
  private final List<Frame> frames = new ArrayList<>();

  private WebPLayout(byte[] b) {
    this.b = b;
    this.end = Math.min(b.length, 8 + u32(b, 4));
  }

  static ImageLayout read(byte[] b) {
    return new WebPLayout(b).layout();
  }

  private ImageLayout layout() {
    String first = ImageLayout.chunkTypeLe(b, 12);
    if (!first.equals("VP8X")) {
      Frame frame = frame(12);
      return new ImageLayout(frame.width(), frame.height(), List.of(frame), 1, 0);
    }
    int flags = b[20] & 0xFF;
    boolean animated = (flags & 0x02) != 0;
    int width = 1 + u24(b, 24);
    int height = 1 + u24(b, 27);
    for (long at = 30; at + 8 <= end; at = next(at)) {
      String type = ImageLayout.chunkTypeLe(b, (int) at);
      if (type.equals("VP8 ") || type.equals("VP8L")) {
        Frame frame = frame((int) at);
        if (animated || frame.width() != width || frame.height() != height) {
          throw new Invalid("WebP frame " + frame.width() + "x" + frame.height() + " on a " + width + "x" + height + " canvas");
        }
      } else if (type.equals("ANMF")) {
        animationFrame((int) at, width, height);
      }
    }
    if (frames.isEmpty() || (!animated && frames.size() != 1)) {
      throw new Invalid("WebP with " + frames.size() + " frames");
    }
    // The decoder reports the first animation frame's rectangle as the image size.
    Frame reported = animated ? frames.get(0) : new Frame(width, height, 0);
    return new ImageLayout(reported.width(), reported.height(), List.copyOf(frames), 1, 0);
  }

  /** ANMF: a rectangle inside the canvas, then its own ALPH/VP8/VP8L chunks; the bitstream must match it. */
  private void animationFrame(int at, int canvasWidth, int canvasHeight) {
    int x = 2 * u24(b, at + 8);
    int y = 2 * u24(b, at + 11);
    int w = 1 + u24(b, at + 14);
    int h = 1 + u24(b, at + 17);
    if ((long) x + w > canvasWidth || (long) y + h > canvasHeight) {
      throw new Invalid("WebP animation frame outside the canvas");
    }
    int bitstreams = 0;
    long frameEnd = next(at);
    for (long inner = at + 24; inner + 8 <= frameEnd; inner = next(inner)) {
      String type = ImageLayout.chunkTypeLe(b, (int) inner);
      if (type.equals("VP8 ") || type.equals("VP8L")) {
        Frame frame = frame((int) inner);
        bitstreams++;
        if (frame.width() != w || frame.height() != h) {
          throw new Invalid("WebP animation frame bitstream does not match its rectangle");
        }
      }
    }
    if (bitstreams != 1) {
      throw new Invalid("WebP animation frame with " + bitstreams + " bitstreams");
    }
  }

  /** The frame size from a VP8 key-frame header or a VP8L header. */
  private Frame frame(int at) {
    String type = ImageLayout.chunkTypeLe(b, at);
    long size = u32(b, at + 4);
    if (at + 8 + size > end) {
      throw new Invalid("WebP chunk past the end of the file");
    }
    int data = at + 8;
    Frame frame;
    if (type.equals("VP8 ")) {
      if ((b[data] & 0x01) != 0 || (b[data + 3] & 0xFF) != 0x9D || (b[data + 4] & 0xFF) != 0x01 || (b[data + 5] & 0xFF) != 0x2A) {
        throw new Invalid("VP8 frame without a key-frame header");
      }
      frame = new Frame(u16le(b, data + 6) & 0x3FFF, u16le(b, data + 8) & 0x3FFF, size);
    } else if (type.equals("VP8L")) {
      if ((b[data] & 0xFF) != 0x2F) {
        throw new Invalid("VP8L frame without its signature");
      }
      long bits = u32(b, data + 1);
      frame = new Frame(1 + (int) (bits & 0x3FFF), 1 + (int) ((bits >> 14) & 0x3FFF), size);
    } else {
      throw new Invalid("WebP chunk " + type + " where a frame was expected");
    }
    frames.add(frame);
    return frame;
  }

  private long next(long at) {
    long size = u32(b, (int) at + 4);
    return at + 8 + size + (size & 1);
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) | ((b[at + 1] & 0xFFL) << 8) | ((b[at + 2] & 0xFFL) << 16) | ((b[at + 3] & 0xFFL) << 24);
  }

  private static int u24(byte[] b, int at) {
    return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16);
  }

  private static int u16le(byte[] b, int at) {
    return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
  }
}
