package app.poison.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Phone-sized photos for the benchmarks: 2000×1500 JPEGs with sensor-like noise, so each is as
 * large as a 3 MP phone photo. Either generated, or real plant photos scaled up (the model still
 * recognises them, so results are confident and reach the rankings).
 */
final class BenchPhotos {
  static final int WIDTH = 2000;
  static final int HEIGHT = 1500;

  private BenchPhotos() {
  }

  /** A drawn photo (a gradient and a few shapes): no model knows it, so its results are uncertain. */
  static byte[] synthetic() {
    Random random = new Random(7);
    BufferedImage drawing = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = drawing.createGraphics();
    g.setPaint(new GradientPaint(0, 0, color(random), WIDTH, HEIGHT, color(random)));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    for (int i = 0; i < 6; i++) {
      g.setColor(color(random));
      g.fillOval(random.nextInt(WIDTH), random.nextInt(HEIGHT), WIDTH / 8 + random.nextInt(WIDTH / 3), HEIGHT / 8 + random.nextInt(HEIGHT / 3));
    }
    g.dispose();
    return phoneSized(drawing, 7);
  }

  private static Color color(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }

  /** One photo from each of the first {@code count} class folders under {@code dir}, sorted by name. */
  static List<byte[]> fromClassFolders(Path dir, int count) throws IOException {
    List<byte[]> photos = new ArrayList<>();
    try (Stream<Path> classes = Files.list(dir)) {
      for (Path folder : classes.filter(Files::isDirectory).sorted().limit(count).toList()) {
        try (Stream<Path> files = Files.list(folder)) {
          Path first = files.filter(f -> f.toString().endsWith(".jpg")).sorted().findFirst()
              .orElseThrow(() -> new IOException("no .jpg in " + folder));
          photos.add(phoneSized(ImageIO.read(first.toFile()), photos.size()));
        }
      }
    }
    if (photos.isEmpty()) {
      throw new IOException("no class folders in " + dir);
    }
    return photos;
  }

  private static byte[] phoneSized(BufferedImage source, long seed) {
    BufferedImage photo = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    double scale = Math.max(WIDTH / (double) source.getWidth(), HEIGHT / (double) source.getHeight());
    int w = (int) Math.ceil(source.getWidth() * scale);
    int h = (int) Math.ceil(source.getHeight() * scale);
    g.drawImage(source, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h, null);
    g.dispose();
    addNoise(photo, new Random(seed));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(photo, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void addNoise(BufferedImage image, Random random) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int n = random.nextInt(41) - 20;
        image.setRGB(x, y, (clamp((rgb >> 16 & 0xFF) + n) << 16) | (clamp((rgb >> 8 & 0xFF) + n) << 8) | clamp((rgb & 0xFF) + n));
      }
    }
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
