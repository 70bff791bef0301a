package app.poison.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.util.Pair;
import app.poison.inference.PlantModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes an ImageNet-pretrained TorchScript backbone (first output: pooled features) with a
 * new linear head, every layer trainable: AdamW, the head at a higher learning rate than the
 * backbone, warm-up then cosine decay. Each batch mixes augmented plant photos (one-hot targets)
 * with outlier photos of other plants and generated non-plant images (flat targets: outlier
 * exposure). Keeps the epoch with the best validation accuracy. On one libtorch thread, so the same
 * seed and data give the same model; the next batch is augmented on another thread meanwhile.
 */
public final class FineTuner {
  private static final Logger LOG = LoggerFactory.getLogger(FineTuner.class);
  private static final int WARM_UP_STEPS = 30;
  private static final int VALIDATION_BATCH = 32;
  /** The ImageNet classifier inside the backbone file: unused by the features, zeroed so no original weight ships. */
  private static final long IMAGENET_CLASSES = 1001;

  /** How to fine-tune; {@code maxMinutes} stops early (keeping the best epoch) when time runs out. */
  public record Options(int epochs, int seed, int inputSize, int batchSize, int outlierPhotosPerBatch,
                        int nonPlantsPerBatch, float headLearningRate, float backboneLearningRate,
                        float weightDecay, double maxMinutes) {
    public static Options defaults() {
      return new Options(12, 42, 160, 32, 8, 2, 1e-3f, 2e-4f, 1e-4f, 50);
    }

    public Options with(int newEpochs, int newSeed, int newInputSize, double newMaxMinutes) {
      return new Options(newEpochs, newSeed, newInputSize, batchSize, outlierPhotosPerBatch, nonPlantsPerBatch,
          headLearningRate, backboneLearningRate, weightDecay, newMaxMinutes);
    }
  }

  /** The outcome: the best epoch, the history ({epoch, loss, accuracy, val accuracy}), and the best head's parameters. */
  public record Result(int bestEpoch, int epochsRun, List<double[]> history, double seconds,
                       float[] headWeight, float[] headBias) {
  }

  private final Options options;
  private final TrainingData data;
  private final OutlierPhotos outliers;
  private final int classes;

  public FineTuner(Options options, TrainingData data, OutlierPhotos outliers) {
    this.options = options;
    this.data = data;
    this.outliers = outliers;
    this.classes = data.classes.size();
  }

  /** Trains and writes the best epoch's backbone as {@code <out>/<name>.pt}. */
  public Result train(Path backbone, Path out, String name) throws IOException {
    Engine.getInstance().setRandomSeed(options.seed());
    int threadsBefore = JniUtils.getNumThreads();
    JniUtils.setNumThreads(1);
    ExecutorService augmenter = Executors.newSingleThreadExecutor(r -> new Thread(r, "augment"));
    try (Model model = Model.newInstance(name, "PyTorch")) {
      model.load(backbone.getParent(), baseName(backbone), Map.of("trainParam", "true"));
      PtSymbolBlock features = (PtSymbolBlock) model.getBlock();
      Set<String> imagenetClassifier = zeroImageNetClassifier(features);
      Linear head = Linear.builder().setUnits(classes).build();
      model.setBlock(new SequentialBlock().add(features)
          .add(new LambdaBlock(list -> new NDList(list.get(0)), "pooled_features")).add(head));
      int batchesPerEpoch = Math.max(1, data.trainImages.size() / options.batchSize());
      try (Trainer trainer = model.newTrainer(config(batchesPerEpoch, head, imagenetClassifier))) {
        trainer.initialize(PlantModel.inputShape(1, options.inputSize()));
        return new Loop(trainer, features, head, batchesPerEpoch, augmenter, out.resolve(name + ".pt")).run();
      }
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException("cannot load backbone " + backbone + ": " + e.getMessage(), e);
    } finally {
      augmenter.shutdownNow();
      JniUtils.setNumThreads(threadsBefore);
    }
  }

  /** One training run's state: the epochs, validation, and saving the best. */
  private final class Loop {
    private final Trainer trainer;
    private final PtSymbolBlock features;
    private final Linear head;
    private final int batchesPerEpoch;
    private final ExecutorService augmenter;
    private final Path file;
    private final TrainingBatches batches;
    private float[] bestWeight;
    private float[] bestBias;

    Loop(Trainer trainer, PtSymbolBlock features, Linear head, int batchesPerEpoch, ExecutorService augmenter, Path file) {
      this.trainer = trainer;
      this.features = features;
      this.head = head;
      this.batchesPerEpoch = batchesPerEpoch;
      this.augmenter = augmenter;
      this.file = file;
      this.batches = new TrainingBatches(data, outliers, options, classes);
    }

    Result run() throws IOException {
      long started = System.nanoTime();
      List<double[]> history = new ArrayList<>();
      int bestEpoch = -1;
      double bestAccuracy = -1;
      int epoch = 0;
      while (epoch < options.epochs()) {
        epoch++;
        double[] trainStats = trainEpoch(epoch, started);
        if (!Double.isFinite(trainStats[0])) {
          throw new IllegalStateException("training diverged in epoch " + epoch + ": the loss is " + trainStats[0]);
        }
        double accuracy = validate();
        history.add(new double[] {epoch, trainStats[0], trainStats[1], accuracy});
        boolean better = accuracy > bestAccuracy;
        if (better) {
          bestEpoch = epoch;
          bestAccuracy = accuracy;
          saveBest();
        }
        double elapsed = seconds(started);
        double perEpoch = elapsed / epoch;
        LOG.info("epoch {}/{}  loss {}  acc {}  val_acc {}{}  {}s/epoch  ETA {}s", epoch, options.epochs(),
            fmt(trainStats[0]), fmt(trainStats[1]), fmt(accuracy), better ? " *" : "", Math.round(perEpoch),
            Math.round(perEpoch * (options.epochs() - epoch)));
        if (epoch < options.epochs() && elapsed + perEpoch > options.maxMinutes() * 60) {
          LOG.warn("Stopping after epoch {}: the next epoch would pass the {} minute budget", epoch, options.maxMinutes());
          break;
        }
      }
      return new Result(bestEpoch, epoch, history, seconds(started), bestWeight, bestBias);
    }

    /** One pass over the shuffled photos; returns {loss, accuracy on the plant photos}. */
    private double[] trainEpoch(int epoch, long started) {
      List<List<Integer>> order = batches.epochOrder(epoch, batchesPerEpoch);
      CompletableFuture<TrainingBatches.Batch> next = prepare(epoch, 0, order);
      double lossSum = 0;
      int correct = 0;
      int seen = 0;
      for (int b = 0; b < batchesPerEpoch; b++) {
        TrainingBatches.Batch batch = next.join();
        next = b + 1 < batchesPerEpoch ? prepare(epoch, b + 1, order) : null;
        try (NDManager manager = trainer.getManager().newSubManager()) {
          NDArray input = manager.create(batch.inputs(), PlantModel.inputShape(batch.rows(), options.inputSize()));
          NDArray target = manager.create(batch.targets(), new Shape(batch.rows(), classes));
          try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray logits = trainer.forward(new NDList(input)).singletonOrThrow();
            NDArray loss = trainer.getLoss().evaluate(new NDList(target), new NDList(logits));
            collector.backward(loss);
            lossSum += loss.getFloat();
            correct += batch.countCorrect(logits.toFloatArray(), classes);
            seen += batch.photos();
          }
          trainer.step();
        }
        if ((b + 1) % 10 == 0) {
          LOG.info("epoch {} batch {}/{}  {}s elapsed", epoch, b + 1, batchesPerEpoch, Math.round(seconds(started)));
        }
      }
      return new double[] {lossSum / batchesPerEpoch, correct / (double) Math.max(1, seen)};
    }

    private CompletableFuture<TrainingBatches.Batch> prepare(int epoch, int index, List<List<Integer>> order) {
      return CompletableFuture.supplyAsync(() -> batches.batch(epoch, index, order.get(index)), augmenter);
    }

    /** Top-1 on the validation photos, in inference mode. */
    private double validate() {
      boolean gradMode = JniUtils.isGradMode();
      // the backbone's eval-mode forward returns inference tensors, which autograd must not try to save
      JniUtils.setGradMode(false);
      try {
        int n = data.valInputs.size();
        int correct = 0;
        for (int start = 0; start < n; start += VALIDATION_BATCH) {
          int rows = Math.min(VALIDATION_BATCH, n - start);
          try (NDManager manager = trainer.getManager().newSubManager()) {
            float[] logits = trainer.evaluate(new NDList(manager.create(data.valBatch(start, rows),
                PlantModel.inputShape(rows, options.inputSize())))).singletonOrThrow().toFloatArray();
            for (int r = 0; r < rows; r++) {
              correct += TrainingBatches.argmax(logits, r, classes) == data.valLabels.get(start + r) ? 1 : 0;
            }
          }
        }
        return correct / (double) n;
      } finally {
        JniUtils.setGradMode(gradMode);
      }
    }

    private void saveBest() throws IOException {
      try (OutputStream stream = Files.newOutputStream(file)) {
        JniUtils.writeModule(features, stream, false);
      }
      bestWeight = head.getParameters().get("weight").getArray().toFloatArray();
      bestBias = head.getParameters().get("bias").getArray().toFloatArray();
    }
  }

  /**
   * Zeroes the backbone's own ImageNet classifier: the features do not use it, so training would
   * leave it a verbatim copy of the original weights. Returns its parameter ids (kept frozen).
   */
  private static Set<String> zeroImageNetClassifier(PtSymbolBlock block) {
    Set<String> ids = new HashSet<>();
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      for (Pair<String, Parameter> parameter : block.getParameters()) {
        NDArray array = parameter.getValue().getArray();
        if (array.getShape().dimension() > 0 && array.getShape().get(0) == IMAGENET_CLASSES) {
          array.muli(0);
          ids.add(parameter.getValue().getId());
        }
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
    return ids;
  }

  private DefaultTrainingConfig config(int batchesPerEpoch, Linear head, Set<String> frozen) {
    int totalSteps = batchesPerEpoch * options.epochs();
    TimeBudgetSchedule schedule = new TimeBudgetSchedule(1f, 0.01f, Math.min(WARM_UP_STEPS, totalSteps / 4),
        totalSteps, options.maxMinutes());
    Set<String> headIds = new HashSet<>();
    head.getParameters().forEach(p -> headIds.add(p.getValue().getId()));
    // learning rate per part: the new head learns faster than the pretrained layers
    ParameterTracker rates = (parameterId, step) -> frozen.contains(parameterId) ? 0f
        : schedule.getNewValue(step) * (headIds.contains(parameterId) ? options.headLearningRate() : options.backboneLearningRate());
    return new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss("loss", 1f, -1, false, true))
        .optOptimizer(Optimizer.adamW().optLearningRateTracker(rates).optWeightDecays(options.weightDecay()).build());
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
