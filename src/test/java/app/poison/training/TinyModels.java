package app.poison.training;

import app.poison.identify.PlantFacts;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A real model directory in seconds: three drawn "plants" mapped to real catalog ids (a deadly one,
 * a mild one and an edible one with a poisonous look-alike), trained with the real trainer.
 */
public final class TinyModels {
  /** Folder name, catalog id and the colour the tiny model learns for it. */
  public record TinyClass(String label, String catalogId, Color color) {
  }

  public static final List<TinyClass> CLASSES = List.of(
      new TinyClass("hemlock", "conium-maculatum", new Color(200, 30, 30)),
      new TinyClass("tulip", "tulipa-gesneriana", new Color(30, 60, 210)),
      new TinyClass("dandelion", "taraxacum-officinale", new Color(240, 220, 20)));
  public static final int INPUT_SIZE = 32;
  static final int IMAGES_PER_CLASS = 18;
  static final PlantTrainer.Options OPTIONS = new PlantTrainer.Options(12, 7, INPUT_SIZE, 16, 8, 2, 5e-3f, 0.01f, 5);

  private TinyModels() {
  }

  /** Draws the data under {@code dir/data}, trains into {@code dir/model} and returns the model directory. */
  public static Path trainTiny(Path dir) {
    try {
      Path data = drawDataset(dir.resolve("data"), IMAGES_PER_CLASS, 1);
      Path model = dir.resolve("model");
      ModelTraining.run(data, model, OPTIONS, PlantFacts.loadDefault());
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One folder per tiny class with {@code count} JPEGs, plus {@code labels.tsv}. */
  public static Path drawDataset(Path data, int count, long seed) throws IOException {
    Files.createDirectories(data);
    StringBuilder labels = new StringBuilder("# class\tcatalog_id\n");
    Random random = new Random(seed);
    for (int c = 0; c < CLASSES.size(); c++) {
      TinyClass tiny = CLASSES.get(c);
      labels.append(tiny.label()).append('\t').append(tiny.catalogId()).append('\n');
      Path folder = Files.createDirectories(data.resolve(tiny.label()));
      for (int i = 0; i < count; i++) {
        ImageIO.write(draw(c, random, 48), "jpg", folder.resolve(String.format("%s_%03d.jpg", tiny.label(), i)).toFile());
      }
    }
    Files.writeString(data.resolve(ImageFolder.LABELS), labels, StandardCharsets.UTF_8);
    return data;
  }

  /**
   * Photos of "plants" that are none of the tiny classes, one folder per label: grey or purple stars
   * and crosses on brown ground.
   */
  public static Path drawOutliers(Path dir, int labels, int count, long seed) throws IOException {
    Random random = new Random(seed);
    for (int l = 0; l < labels; l++) {
      Path folder = Files.createDirectories(dir.resolve(String.format("other__%02d", l)));
      for (int i = 0; i < count; i++) {
        BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(110 + random.nextInt(30), 80 + random.nextInt(20), 40));
        g.fillRect(0, 0, 48, 48);
        g.setColor(l % 2 == 0 ? new Color(150, 150, 150) : new Color(140, 40, 170));
        int c = 12 + random.nextInt(24);
        g.fillRect(c - 14, c - 3, 28, 6);
        g.fillRect(c - 3, c - 14, 6, 28);
        g.dispose();
        ImageIO.write(image, "jpg", folder.resolve(String.format("o%02d_%03d.jpg", l, i)).toFile());
      }
    }
    return dir;
  }

  /** A "plant" of class {@code c}: a blob of its colour on a random green background, each class its own shape. */
  public static BufferedImage draw(int c, Random random, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(40 + random.nextInt(40), 110 + random.nextInt(60), 40 + random.nextInt(40)));
    g.fillRect(0, 0, size, size);
    g.setColor(CLASSES.get(c).color());
    int s = size / 2 + random.nextInt(size / 4);
    int x = random.nextInt(size - s + 1);
    int y = random.nextInt(size - s + 1);
    switch (c) {
      case 0 -> g.fillOval(x, y, s, s);
      case 1 -> g.fillRect(x, y, s, s);
      default -> g.fillPolygon(new int[] {x, x + s / 2, x + s}, new int[] {y + s, y, y + s}, 3);
    }
    g.dispose();
    return image;
  }
}
