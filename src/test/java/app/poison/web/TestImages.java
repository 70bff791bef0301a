package app.poison.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Images drawn by the tests themselves: a leaf-like shape on soil, never real training photos. */
final class TestImages {
  private TestImages() {
  }

  static byte[] leafPng(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(110 + random.nextInt(40), 85, 60));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(40, 120 + random.nextInt(60), 50));
    g.fill(new Ellipse2D.Double(width * 0.2, height * 0.15, width * 0.6, height * 0.7));
    g.setColor(new Color(220, 235, 200));
    g.drawLine(width / 2, (int) (height * 0.15), width / 2, (int) (height * 0.85));
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Path leafFile(Path dir, String name, int width, int height, long seed) {
    try {
      return Files.write(dir.resolve(name), leafPng(width, height, seed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
