package app.poison.training;

import app.poison.inference.ImagePreprocessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Photos of plants that are none of the model's classes, one sub-folder per label. Labels are
 * split by their sorted position, so that calibration and evaluation see plants training never saw:
 * every fifth label from the first calibrates the open-set threshold, every fifth from the second
 * is held out for {@code eval}, the rest are outlier exposure in training.
 */
public final class OutlierPhotos {
  public static final String TRAINING = "training";
  public static final String CALIBRATION = "calibration";
  public static final String HELD_OUT = "held_out";
  private static final int GROUPS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(OutlierPhotos.class);

  final List<BufferedImage> training = new ArrayList<>();
  final List<float[]> calibration = new ArrayList<>();
  final List<String> trainingLabels = new ArrayList<>();
  final List<String> calibrationLabels = new ArrayList<>();
  final List<String> heldOutLabels = new ArrayList<>();

  private OutlierPhotos() {
  }

  /** The role of the label at this position among the sorted labels. */
  public static String role(int index) {
    return switch (index % GROUPS) {
      case 0 -> CALIBRATION;
      case 1 -> HELD_OUT;
      default -> TRAINING;
    };
  }

  /** Sorted label folders of an outlier folder (none when it does not exist). */
  public static List<Path> labelFolders(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().toList();
    }
  }

  static OutlierPhotos load(Path dir, TrainingData data, int inputSize) throws IOException {
    OutlierPhotos photos = new OutlierPhotos();
    List<Path> labels = labelFolders(dir);
    int trainSide = (int) Math.round(inputSize * TrainingData.TRAIN_SCALE);
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i).getFileName().toString();
      switch (role(i)) {
        case TRAINING -> {
          photos.trainingLabels.add(label);
          for (Path file : ImageFolder.imagesIn(labels.get(i))) {
            add(file, bytes -> photos.training.add(ImagePreprocessor.decodeShortSide(bytes, trainSide)));
          }
        }
        case CALIBRATION -> {
          photos.calibrationLabels.add(label);
          for (Path file : ImageFolder.imagesIn(labels.get(i))) {
            add(file, bytes -> photos.calibration.add(ImagePreprocessor.normalise(
                ImagePreprocessor.decode(bytes, inputSize).getRGB(0, 0, inputSize, inputSize, null, 0, inputSize),
                inputSize, data.mean, data.std)));
          }
        }
        default -> photos.heldOutLabels.add(label);
      }
    }
    LOG.info("Outlier photos: {} for training ({} labels), {} for calibration ({} labels), {} labels held out",
        photos.training.size(), photos.trainingLabels.size(), photos.calibration.size(),
        photos.calibrationLabels.size(), photos.heldOutLabels.size());
    return photos;
  }

  private interface Decoder {
    void accept(byte[] bytes) throws IOException;
  }

  private static void add(Path file, Decoder decoder) {
    try {
      decoder.accept(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Skipping unreadable outlier photo {}: {}", file, e.getMessage());
    }
  }
}
