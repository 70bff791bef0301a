package app.poison.training;

import app.poison.inference.ImagePreprocessor;
import app.poison.inference.ModelClass;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoded training and validation images. A data folder either has {@code train/} and
 * {@code val/} sub-folders, or is a single class folder tree of which every sixth image per class
 * is held out for validation. Every image is decoded once up front: a broken one is reported and
 * skipped.
 */
final class TrainingData {
  /** Train photos keep some margin around the input size for random crops. */
  static final double TRAIN_SCALE = 1.15;
  private static final int HOLD_OUT_EVERY = 6;
  private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

  final List<ModelClass> classes;
  final float[] mean;
  final float[] std;
  final List<BufferedImage> trainImages = new ArrayList<>();
  final List<Integer> trainLabels = new ArrayList<>();
  final List<float[]> valInputs = new ArrayList<>();
  final List<Integer> valLabels = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();

  private TrainingData(List<ModelClass> classes, float[] mean, float[] std) {
    this.classes = classes;
    this.mean = mean;
    this.std = std;
  }

  static TrainingData load(Path data, int inputSize, float[] mean, float[] std) throws IOException {
    return load(data, inputSize, mean, std, Set.of());
  }

  /**
   * @param leaveOut labels of classes to leave out entirely (to measure them afterwards as plants the
   *                 model has never seen)
   */
  static TrainingData load(Path data, int inputSize, float[] mean, float[] std, Set<String> leaveOut) throws IOException {
    boolean split = Files.isDirectory(data.resolve("train")) && Files.isDirectory(data.resolve("val"));
    ImageFolder all = ImageFolder.open(split ? data.resolve("train") : data);
    List<ModelClass> kept = all.classes().stream().filter(c -> !leaveOut.contains(c.label())).toList();
    if (kept.size() + leaveOut.size() != all.classes().size()) {
      throw new IOException("--leave-out names a class that is not in " + data + ": " + leaveOut);
    }
    ImageFolder train = all.withClasses(kept);
    TrainingData loaded = new TrainingData(kept, mean, std);
    List<ImageFolder.Item> trainItems = new ArrayList<>();
    List<ImageFolder.Item> valItems = new ArrayList<>();
    if (split) {
      train.items().stream().filter(item -> item.label() >= 0).forEach(trainItems::add);
      valItems.addAll(ImageFolder.open(data.resolve("val")).withClasses(train.classes()).items());
    } else {
      int[] seen = new int[train.classes().size()];
      for (ImageFolder.Item item : train.items()) {
        if (item.label() < 0) {
          continue;
        }
        (seen[item.label()]++ % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1 ? valItems : trainItems).add(item);
      }
    }
    int trainSide = (int) Math.round(inputSize * TRAIN_SCALE);
    for (ImageFolder.Item item : trainItems) {
      BufferedImage image = loaded.decode(item.file(), trainSide, false);
      if (image != null) {
        loaded.trainImages.add(image);
        loaded.trainLabels.add(item.label());
      }
    }
    for (ImageFolder.Item item : valItems) {
      BufferedImage image = item.label() < 0 ? null : loaded.decode(item.file(), inputSize, true);
      if (image != null) {
        loaded.valInputs.add(ImagePreprocessor.normalise(
            image.getRGB(0, 0, inputSize, inputSize, null, 0, inputSize), inputSize, mean, std));
        loaded.valLabels.add(item.label());
      }
    }
    LOG.info("Training data: {} train, {} validation images, {} classes, {} skipped",
        loaded.trainImages.size(), loaded.valInputs.size(), loaded.classes.size(), loaded.skipped.size());
    if (loaded.trainImages.isEmpty() || loaded.valInputs.isEmpty()) {
      throw new IOException("need at least one readable train and one validation image in " + data);
    }
    return loaded;
  }

  /** Validation inputs {@code start..start+rows} as one flat NCHW batch. */
  float[] valBatch(int start, int rows) {
    int plane = valInputs.get(start).length;
    float[] batch = new float[rows * plane];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(valInputs.get(start + r), 0, batch, r * plane, plane);
    }
    return batch;
  }

  int[] valLabelArray() {
    return valLabels.stream().mapToInt(Integer::intValue).toArray();
  }

  private BufferedImage decode(Path file, int side, boolean crop) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return crop ? ImagePreprocessor.decode(bytes, side) : ImagePreprocessor.decodeShortSide(bytes, side);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Skipping unreadable image {}: {}", file, e.getMessage());
      skipped.add(file.toString());
      return null;
    }
  }
}
