package app.poison.training;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The fine-tuning batches: per epoch a seeded shuffle of the plant photos; per batch those photos
 * augmented with one-hot targets, then outlier photos and generated non-plant images with flat
 * targets. Every batch depends only on the seed, the epoch and its index, so it can be made on
 * another thread without changing the result.
 */
final class TrainingBatches {
  /** One batch: {@code rows} CHW inputs and soft targets; the first {@code photoLabels.length} rows are plant photos. */
  record Batch(float[] inputs, float[] targets, int rows, int[] photoLabels) {
    int photos() {
      return photoLabels.length;
    }

    int countCorrect(float[] logits, int classes) {
      int correct = 0;
      for (int r = 0; r < photoLabels.length; r++) {
        correct += argmax(logits, r, classes) == photoLabels[r] ? 1 : 0;
      }
      return correct;
    }
  }

  private final TrainingData data;
  private final OutlierPhotos outliers;
  private final FineTuner.Options options;
  private final int classes;

  TrainingBatches(TrainingData data, OutlierPhotos outliers, FineTuner.Options options, int classes) {
    this.data = data;
    this.outliers = outliers;
    this.options = options;
    this.classes = classes;
  }

  /** The epoch's photo indices, shuffled, cut into batches (a short last batch is dropped, except the only one). */
  List<List<Integer>> epochOrder(int epoch, int batchesPerEpoch) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.trainImages.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(options.seed() * 1_000_003L + epoch));
    List<List<Integer>> batches = new ArrayList<>();
    for (int b = 0; b < batchesPerEpoch; b++) {
      batches.add(List.copyOf(order.subList(b * options.batchSize(), Math.min(order.size(), (b + 1) * options.batchSize()))));
    }
    return batches;
  }

  Batch batch(int epoch, int index, List<Integer> photos) {
    Random random = new Random(options.seed() * 7_919L + epoch * 100_003L + index);
    int size = options.inputSize();
    int plane = 3 * size * size;
    int outlierRows = outliers.training.isEmpty() ? 0 : options.outlierPhotosPerBatch();
    int rows = photos.size() + outlierRows + options.nonPlantsPerBatch();
    float[] inputs = new float[rows * plane];
    float[] targets = new float[rows * classes];
    int[] labels = new int[photos.size()];
    for (int r = 0; r < rows; r++) {
      BufferedImage image;
      if (r < photos.size()) {
        image = data.trainImages.get(photos.get(r));
        labels[r] = data.trainLabels.get(photos.get(r));
        targets[r * classes + labels[r]] = 1f;
      } else {
        image = r < photos.size() + outlierRows
            ? outliers.training.get(random.nextInt(outliers.training.size()))
            : SyntheticImages.nonPlant(random.nextLong(), (int) Math.round(size * TrainingData.TRAIN_SCALE));
        Arrays.fill(targets, r * classes, (r + 1) * classes, 1f / classes);
      }
      float[] input = Augmentation.sample(image, random, size, data.mean, data.std);
      System.arraycopy(input, 0, inputs, r * plane, plane);
    }
    return new Batch(inputs, targets, rows, labels);
  }

  static int argmax(float[] flat, int row, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (flat[row * classes + c] > flat[row * classes + best]) {
        best = c;
      }
    }
    return best;
  }
}
