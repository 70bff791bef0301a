package app.poison.training;

import app.poison.inference.ImagePreprocessor;
import app.poison.inference.ModelSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated images that are not plants (gradients, geometric shapes, noise, stripes, flat colours,
 * skin and sky tones). {@code train} uses one seed range as outlier exposure (the model learns a flat
 * distribution for them) and {@code eval} another to measure how often non-plants come out uncertain.
 */
public final class SyntheticImages {
  private static final int KINDS = 6;

  private SyntheticImages() {
  }

  public static BufferedImage nonPlant(long seed, int size) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    switch (random.nextInt(KINDS)) {
      case 0 -> gradient(g, random, size);
      case 1 -> shapes(g, random, size);
      case 2 -> noise(image, random);
      case 3 -> stripes(g, random, size);
      case 4 -> flat(g, random, size);
      default -> { gradient(g, random, size); shapes(g, random, size); }
    }
    g.dispose();
    return image;
  }

  /** Model inputs for {@code count} generated non-plant images with consecutive seeds. */
  public static List<float[]> nonPlantInputs(long firstSeed, int count, ModelSpec spec) {
    List<float[]> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(ImagePreprocessor.toInput(nonPlant(firstSeed + i, spec.inputSize()), spec));
    }
    return inputs;
  }

  private static void gradient(Graphics2D g, Random r, int size) {
    g.setPaint(new GradientPaint(0, 0, color(r), r.nextInt(size) + 1, size, color(r)));
    g.fillRect(0, 0, size, size);
  }

  private static void shapes(Graphics2D g, Random r, int size) {
    for (int i = 0, n = 2 + r.nextInt(8); i < n; i++) {
      g.setColor(color(r));
      int w = size / 8 + r.nextInt(size / 2);
      int h = size / 8 + r.nextInt(size / 2);
      int x = r.nextInt(size) - w / 2;
      int y = r.nextInt(size) - h / 2;
      switch (r.nextInt(3)) {
        case 0 -> g.fillRect(x, y, w, h);
        case 1 -> g.fillOval(x, y, w, h);
        default -> {
          g.setStroke(new BasicStroke(1 + r.nextInt(Math.max(1, size / 16))));
          g.drawLine(x, y, x + w, y + h);
        }
      }
    }
  }

  private static void noise(BufferedImage image, Random r) {
    Color base = color(r);
    int amplitude = 20 + r.nextInt(100);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int d = r.nextInt(2 * amplitude + 1) - amplitude;
        image.setRGB(x, y, new Color(clamp(base.getRed() + d), clamp(base.getGreen() + d), clamp(base.getBlue() + d)).getRGB());
      }
    }
  }

  private static void stripes(Graphics2D g, Random r, int size) {
    Color a = color(r);
    Color b = color(r);
    int period = 2 + r.nextInt(Math.max(2, size / 4));
    g.rotate(r.nextDouble() * Math.PI, size / 2.0, size / 2.0);
    for (int x = -size; x < 2 * size; x += period) {
      g.setColor((x / period) % 2 == 0 ? a : b);
      g.fillRect(x, -size, Math.max(1, period / 2), 3 * size);
    }
  }

  private static void flat(Graphics2D g, Random r, int size) {
    float[][] tones = {{0.08f, 0.45f, 0.85f}, {0.58f, 0.35f, 0.9f}, {0f, 0f, 0.1f}, {0f, 0f, 0.95f}, {0.6f, 0.1f, 0.6f}};
    float[] tone = tones[r.nextInt(tones.length)];
    g.setColor(Color.getHSBColor(tone[0], tone[1], tone[2]));
    g.fillRect(0, 0, size, size);
  }

  private static Color color(Random r) {
    return new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
