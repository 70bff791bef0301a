package app.poison.identify;

import app.poison.training.SyntheticImages;
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
public final class BenchPhotos {
  public static final int WIDTH = 2000;
  public static final int HEIGHT = 1500;

  private BenchPhotos() {
  }

  public static byte[] synthetic() {
    return phoneSized(SyntheticImages.nonPlant(7, WIDTH), 7);
  }

  /** One photo from each of the first {@code count} class folders under {@code dir}, sorted by name. */
  public static List<byte[]> fromClassFolders(Path dir, int count) throws IOException {
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
