package app.poison.inference;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Photo bytes to model input. Large photos are subsampled while decoding (chosen from the header)
 * so a 12-megapixel JPEG never materialises at full size; the rest is Java2D.
 */
public final class ImagePreprocessor {
  /** Decode to at least this multiple of the target before the final smooth downscale (less aliasing). */
  private static final int OVERSAMPLE = 2;
  /** Most pixels a subsampled decode may produce (16 MB as RGB ints), whatever the aspect ratio. */
  private static final long MAX_DECODED_PIXELS = 4L << 20;

  private ImagePreprocessor() {
  }

  /** Decodes, honours EXIF orientation, scales the short side to {@code targetSize} and centre-crops a square. */
  public static BufferedImage decode(byte[] bytes, int targetSize) throws IOException {
    BufferedImage decoded = readSubsampled(bytes, targetSize * OVERSAMPLE);
    return squareOf(ExifOrientation.apply(decoded, ExifOrientation.read(bytes)), targetSize);
  }

  /** Decodes and scales so that the short side is {@code shortSide} (aspect kept, no crop). */
  public static BufferedImage decodeShortSide(byte[] bytes, int shortSide) throws IOException {
    BufferedImage decoded = readSubsampled(bytes, shortSide * OVERSAMPLE);
    BufferedImage oriented = ExifOrientation.apply(decoded, ExifOrientation.read(bytes));
    return scaleShortSide(oriented, shortSide);
  }

  /** Photo bytes to the model's input: decoded at the model's size, then normalised. */
  public static float[] toInput(byte[] bytes, ModelSpec spec) throws IOException {
    return toInput(decode(bytes, spec.inputSize()), spec);
  }

  /** CHW float input, normalised with the model's mean and std, from the image's centre square. */
  public static float[] toInput(BufferedImage image, ModelSpec spec) {
    int size = spec.inputSize();
    BufferedImage square = image.getWidth() == size && image.getHeight() == size ? image : squareOf(image, size);
    int[] rgb = square.getRGB(0, 0, size, size, null, 0, size);
    return normalise(rgb, size, spec.mean(), spec.std());
  }

  public static float[] normalise(int[] rgb, int size, float[] mean, float[] std) {
    int plane = size * size;
    float[] chw = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      int p = rgb[i];
      chw[i] = (((p >> 16) & 0xff) / 255f - mean[0]) / std[0];
      chw[plane + i] = (((p >> 8) & 0xff) / 255f - mean[1]) / std[1];
      chw[2 * plane + i] = ((p & 0xff) / 255f - mean[2]) / std[2];
    }
    return chw;
  }

  private static BufferedImage readSubsampled(byte[] bytes, int minShortSide) throws IOException {
    // A memory cache: ImageIO's default stream caches through a temporary file.
    try (ImageInputStream input = new EndBoundedInput(bytes)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw new IOException("not a supported image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        ImageReadParam param = reader.getDefaultReadParam();
        // Enough for the short side, and never more than MAX_DECODED_PIXELS however long the image.
        int step = Math.max(Math.max(1, Math.min(width, height) / minShortSide),
            (int) Math.ceil(Math.sqrt((double) width * height / MAX_DECODED_PIXELS)));
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        return toRgb(image);
      } finally {
        reader.dispose();
      }
    } catch (RuntimeException e) {
      // ImageIO plugins throw unchecked exceptions on some corrupt files
      throw new IOException("unreadable image: " + e.getMessage(), e);
    }
  }

  /**
   * Stops a decoder that keeps reading past the end: the WebP decoder swallows each end-of-file and
   * goes on, so a 40-byte frame claiming a megapixel cost seconds of CPU and gigabytes of garbage.
   */
  private static final class EndBoundedInput extends MemoryCacheImageInputStream {
    private static final int MAX_READS_PAST_END = 1024;
    private int readsPastEnd;

    EndBoundedInput(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read() throws IOException {
      return counted(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return counted(super.read(b, off, len));
    }

    private int counted(int read) {
      if (read < 0 && ++readsPastEnd > MAX_READS_PAST_END) {
        throw new IllegalStateException("the decoder read past the end of the image " + readsPastEnd + " times");
      }
      return read;
    }
  }

  private static BufferedImage toRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.setColor(Color.WHITE); // transparent pixels become white, as in the training data
    g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return rgb;
  }

  /** Halves with bilinear filtering until within 2x, then one bilinear step: close to area averaging. */
  static BufferedImage scaleShortSide(BufferedImage image, int shortSide) {
    BufferedImage current = image;
    while (Math.min(current.getWidth(), current.getHeight()) >= shortSide * 2) {
      current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
    }
    double scale = (double) shortSide / Math.min(current.getWidth(), current.getHeight());
    int width = Math.max(shortSide, (int) Math.round(current.getWidth() * scale));
    int height = Math.max(shortSide, (int) Math.round(current.getHeight() * scale));
    return width == current.getWidth() && height == current.getHeight() ? current : resize(current, width, height);
  }

  static BufferedImage resize(BufferedImage image, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  /** The centre square, cropped before scaling so nothing larger than the target is allocated. */
  static BufferedImage squareOf(BufferedImage image, int size) {
    int side = Math.min(image.getWidth(), image.getHeight());
    BufferedImage square = image.getWidth() == image.getHeight() ? image
        : image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    return centerCrop(scaleShortSide(square, size), size);
  }

  public static BufferedImage centerCrop(BufferedImage image, int size) {
    int x = (image.getWidth() - size) / 2;
    int y = (image.getHeight() - size) / 2;
    return crop(image, x, y, size, size, size);
  }

  /** Copies the {@code w x h} region at (x, y), scaled to a {@code size} square. */
  public static BufferedImage crop(BufferedImage image, int x, int y, int w, int h, int size) {
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, size, size, x, y, x + w, y + h, null);
    g.dispose();
    return out;
  }

  static BufferedImage transform(BufferedImage image, AffineTransform transform, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, transform, null);
    g.dispose();
    return out;
  }
}
