package app.poison.training;

import app.poison.inference.Architectures;
import app.poison.inference.Calibration;
import app.poison.inference.ModelSpec;
import app.poison.inference.PlantModel;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@code poisonnet} from scratch on CPU: AdamW with a {@link TimeBudgetSchedule}, augmented
 * photos plus generated non-plant images with a flat target (outlier exposure, so that non-plants
 * come out uncertain), and keeps the weights of the epoch with the best validation accuracy.
 * Deterministic for a given seed and data as long as the time budget does not bind and no step was
 * skipped by the {@link GradientGuard}.
 */
public final class PlantTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(PlantTrainer.class);
  private static final int WARM_UP_EPOCHS = 2;
  private static final int VALIDATION_BATCH = 64;
  private static final int MAX_SKIPPED_STEPS = 10;
  /**
   * Every convolution's channel count is a multiple of this. libtorch 2.7.1's oneDNN AVX-512
   * kernel for the input gradient of a 3x3 convolution whose output channels are not a multiple of
   * 16 (8, 24, 40 seen) is wrong on this machine's CPU (AMD EPYC with AVX-512): errors of the size
   * of the gradient itself, other values from run to run and with the thread count, and now and
   * then NaN. That was the tiny test model's (width 8) "rare NaN steps". 16, 32 and 48 channels match a float64 reference; so does 8 with oneDNN limited to AVX2.
   */
  static final int CHANNEL_MULTIPLE = 16;

  /**
   * How to train; {@code maxMinutes} stops early (keeping the best epoch so far) when time runs out.
   * {@code width} must be a multiple of {@value #CHANNEL_MULTIPLE}: see {@link #CHANNEL_MULTIPLE}.
   */
  public record Options(int epochs, int seed, int inputSize, int width, int batchSize, int outliersPerBatch,
                        float learningRate, float weightDecay, double maxMinutes) {
    public Options {
      if (width <= 0 || width % CHANNEL_MULTIPLE != 0) {
        throw new IllegalArgumentException("width must be a positive multiple of " + CHANNEL_MULTIPLE + ", not " + width
            + ": libtorch's CPU backward computes wrong gradients for 3x3 convolutions with other channel counts");
      }
    }

    public static Options defaults() {
      return new Options(60, 42, 112, 32, 32, 4, 3e-3f, 0.05f, 52);
    }

    public Options withEpochs(int value) {
      return new Options(value, seed, inputSize, width, batchSize, outliersPerBatch, learningRate, weightDecay, maxMinutes);
    }
  }

  /** The outcome of the training loop: best epoch and its validation accuracy, the history per epoch. */
  record Result(int bestEpoch, double bestAccuracy, int epochsRun, List<double[]> history, int skippedSteps, double seconds) {
  }

  private final Options options;
  private final TrainingData data;
  private final ModelSpec spec;
  private int skippedSteps;

  PlantTrainer(Options options, TrainingData data, ModelSpec spec) {
    this.options = options;
    this.data = data;
    this.spec = spec;
  }

  /**
   * Trains and saves the best epoch's parameters as {@code <out>/<name>-0000.params}.
   *
   * <p>On one libtorch intra-op thread, so that the same seed and data give the same model whatever
   * the machine's core count (oneDNN's results depend on its thread count). Two threads once gave
   * other weights on every run, but that was the width-8 convolution bug of {@link #CHANNEL_MULTIPLE}.
   */
  Result train(Path out) throws IOException {
    Engine.getInstance().setRandomSeed(options.seed());
    int threadsBefore = JniUtils.getNumThreads();
    JniUtils.setNumThreads(1);
    int batchesPerEpoch = Math.max(1, data.trainImages.size() / options.batchSize());
    try (Model model = Model.newInstance(spec.name(), "PyTorch")) {
      model.setBlock(Architectures.build(spec.architecture(), spec.classCount()));
      try (Trainer trainer = model.newTrainer(config(batchesPerEpoch))) {
        trainer.initialize(PlantModel.inputShape(1, spec.inputSize()));
        return loop(model, trainer, batchesPerEpoch, out);
      }
    } finally {
      JniUtils.setNumThreads(threadsBefore);
    }
  }

  private Result loop(Model model, Trainer trainer, int batchesPerEpoch, Path out) throws IOException {
    long started = System.nanoTime();
    List<double[]> history = new ArrayList<>();
    int bestEpoch = -1;
    double bestAccuracy = -1;
    double bestLoss = Double.MAX_VALUE;
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      double[] trainStats = trainEpoch(trainer, epoch, batchesPerEpoch);
      if (!Double.isFinite(trainStats[0])) {
        // A diverged model answers NaN for every photo: never save one.
        throw new IllegalStateException("training diverged in epoch " + epoch + ": the loss is " + trainStats[0]);
      }
      double[] valStats = validate(trainer);
      history.add(new double[] {epoch, trainStats[0], trainStats[1], valStats[0], valStats[1]});
      boolean better = valStats[1] > bestAccuracy || (valStats[1] == bestAccuracy && valStats[0] < bestLoss);
      if (better) {
        bestEpoch = epoch;
        bestAccuracy = valStats[1];
        bestLoss = valStats[0];
        saveBest(model, out);
      }
      double elapsed = seconds(started);
      double perEpoch = elapsed / epoch;
      LOG.info("epoch {}/{}  loss {}  acc {}  val_loss {}  val_acc {}{}  {}s/epoch  ETA {}s", epoch, options.epochs(),
          fmt(trainStats[0]), fmt(trainStats[1]), fmt(valStats[0]), fmt(valStats[1]), better ? " *" : "",
          Math.round(perEpoch), Math.round(perEpoch * (options.epochs() - epoch)));
      if (epoch < options.epochs() && elapsed + perEpoch > options.maxMinutes() * 60) {
        LOG.warn("Stopping after epoch {}: the next epoch would pass the {} minute budget", epoch, options.maxMinutes());
        return new Result(bestEpoch, bestAccuracy, epoch, history, skippedSteps, seconds(started));
      }
    }
    return new Result(bestEpoch, bestAccuracy, options.epochs(), history, skippedSteps, seconds(started));
  }

  /** DJL numbers saved parameter files; keep only the latest, best one. */
  private void saveBest(Model model, Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      for (Path old : files.filter(f -> f.getFileName().toString().matches(Pattern.quote(spec.name())
          + "-\\d+\\.params")).toList()) {
        Files.delete(old);
      }
    }
    model.save(out, spec.name());
  }

  /** One pass over the shuffled training photos; returns {loss, accuracy on photos} of the steps taken. */
  private double[] trainEpoch(Trainer trainer, int epoch, int batchesPerEpoch) {
    Random random = new Random(options.seed() * 1_000_003L + epoch);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.trainImages.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    double lossSum = 0;
    int correct = 0;
    int seen = 0;
    int steps = 0;
    for (int b = 0; b < batchesPerEpoch; b++) {
      List<Integer> indices = order.subList(b * options.batchSize(), Math.min(order.size(), (b + 1) * options.batchSize()));
      try (NDManager batchManager = trainer.getManager().newSubManager()) {
        NDList[] batch = batch(batchManager, indices, random, epoch * 100_000L + b);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(batch[0]);
          NDArray loss = trainer.getLoss().evaluate(batch[1], predictions);
          collector.backward(loss);
          if (!GradientGuard.finite(trainer, batchManager)) {
            GradientGuard.discard(trainer);
            skipStep(epoch, b);
            continue;
          }
          lossSum += loss.getFloat();
          correct += countCorrect(predictions.singletonOrThrow(), indices);
          seen += indices.size();
        }
        trainer.step();
        steps++;
      }
    }
    return new double[] {lossSum / steps, correct / (double) seen};
  }

  /** A rare bad step is dropped; many mean the training itself diverged. */
  private void skipStep(int epoch, int batch) {
    skippedSteps++;
    LOG.warn("Epoch {} batch {}: gradients not finite, step skipped ({} so far)", epoch, batch, skippedSteps);
    if (skippedSteps > MAX_SKIPPED_STEPS) {
      throw new IllegalStateException("training diverged: " + skippedSteps + " steps with gradients that are not finite");
    }
  }

  /** Inputs and soft labels: one-hot rows for photos, a flat row for each generated non-plant. */
  private NDList[] batch(NDManager manager, List<Integer> indices, Random random, long outlierSeed) {
    int size = spec.inputSize();
    int plane = 3 * size * size;
    int rows = indices.size() + options.outliersPerBatch();
    int classes = spec.classCount();
    float[] inputs = new float[rows * plane];
    float[] labels = new float[rows * classes];
    for (int r = 0; r < rows; r++) {
      float[] input;
      if (r < indices.size()) {
        int index = indices.get(r);
        input = Augmentation.sample(data.trainImages.get(index), random, size, spec.mean(), spec.std());
        labels[r * classes + data.trainLabels.get(index)] = 1f;
      } else {
        BufferedImage outlier = SyntheticImages.nonPlant(outlierSeed * 31 + r, (int) Math.round(size * TrainingData.TRAIN_SCALE));
        input = Augmentation.sample(outlier, random, size, spec.mean(), spec.std());
        Arrays.fill(labels, r * classes, (r + 1) * classes, 1f / classes);
      }
      System.arraycopy(input, 0, inputs, r * plane, plane);
    }
    return new NDList[] {
        new NDList(manager.create(inputs, PlantModel.inputShape(rows, size))),
        new NDList(manager.create(labels, new Shape(rows, classes)))};
  }

  private int countCorrect(NDArray logits, List<Integer> indices) {
    float[] flat = logits.toFloatArray();
    int classes = spec.classCount();
    int correct = 0;
    for (int r = 0; r < indices.size(); r++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (flat[r * classes + c] > flat[r * classes + best]) {
          best = c;
        }
      }
      correct += best == data.trainLabels.get(indices.get(r)) ? 1 : 0;
    }
    return correct;
  }

  /** {loss, accuracy} on the validation photos, in inference mode. */
  private double[] validate(Trainer trainer) {
    int size = spec.inputSize();
    int classes = spec.classCount();
    double nll = 0;
    int correct = 0;
    int n = data.valInputs.size();
    for (int start = 0; start < n; start += VALIDATION_BATCH) {
      int rows = Math.min(VALIDATION_BATCH, n - start);
      float[] inputs = data.valBatch(start, rows);
      try (NDManager manager = trainer.getManager().newSubManager()) {
        float[] logits = trainer.evaluate(new NDList(manager.create(inputs, PlantModel.inputShape(rows, size))))
            .singletonOrThrow().toFloatArray();
        for (int r = 0; r < rows; r++) {
          float[] row = Arrays.copyOfRange(logits, r * classes, (r + 1) * classes);
          double[] p = Calibration.probabilities(row, 1.0);
          int label = data.valLabels.get(start + r);
          nll -= Math.log(Math.max(1e-12, p[label]));
          correct += Calibration.argmax(p) == label ? 1 : 0;
        }
      }
    }
    return new double[] {nll / n, correct / (double) n};
  }

  private DefaultTrainingConfig config(int batchesPerEpoch) {
    int totalSteps = batchesPerEpoch * options.epochs();
    int warmUp = Math.min(totalSteps / 2, batchesPerEpoch * WARM_UP_EPOCHS);
    Tracker schedule = new TimeBudgetSchedule(options.learningRate(), options.learningRate() / 100, warmUp, totalSteps,
        options.maxMinutes());
    return new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss("loss", 1f, -1, false, true))
        .optOptimizer(Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(options.weightDecay()).build());
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
