package app.poison.training;

import app.poison.inference.ClassifierRunner;
import app.poison.inference.FeatureHead;
import app.poison.inference.ImagePreprocessor;
import app.poison.inference.ModelSpec;
import app.poison.inference.PlantModel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train --backbone}: fine-tune a pretrained backbone into an open-set classifier, fit its
 * head's class means and its calibration on held-out data, and write the model directory
 * ({@code model.json}, {@code <name>.pt}, {@code head.bin}, {@code confusion_matrix.json}).
 */
public final class ModelFineTuning {
  /** The backbones take raw 0-255 RGB and normalise inside the graph. */
  static final float[] RAW_MEAN = {0f, 0f, 0f};
  static final float[] RAW_STD = {1 / 255f, 1 / 255f, 1 / 255f};
  private static final Logger LOG = LoggerFactory.getLogger(ModelFineTuning.class);

  /** What to fine-tune from and with. {@code outliers} may be null (no outlier photos). */
  public record Setup(Path backbone, Path outliers, Set<String> leaveOut, FineTuner.Options options) {
  }

  private ModelFineTuning() {
  }

  public static ModelSpec run(Path data, Path out, Setup setup, Map<String, JsonObject> plants) throws IOException {
    FineTuner.Options options = setup.options();
    TrainingData training = TrainingData.load(data, options.inputSize(), RAW_MEAN, RAW_STD, setup.leaveOut());
    OutlierPhotos outliers = OutlierPhotos.load(setup.outliers(), training, options.inputSize());
    String name = out.toAbsolutePath().normalize().getFileName().toString();
    Files.createDirectories(out);
    FineTuner.Result result = new FineTuner(options, training, outliers).train(setup.backbone(), out, name);
    int identical = BackboneCopyCheck.identicalTensors(setup.backbone(), out.resolve(name + ".pt"));
    if (identical > 0) {
      throw new IllegalStateException(identical + " tensors of the trained model are verbatim copies of the backbone's");
    }
    ModelSpec initial = new ModelSpec(name, ModelTraining.VERSION, ModelSpec.TORCHSCRIPT_FEATURES, options.inputSize(),
        RAW_MEAN, RAW_STD, training.classes, 1.0, 0.5, 0.05, null, new JsonObject());
    Calibrated calibrated = fitHeadAndCalibrate(out, initial, result, training, outliers, plants);
    ModelSpec spec = calibrated.spec();
    int[] valLabels = training.valLabelArray();
    Evaluation.Scored val = calibrated.val().scored(spec.temperature(), spec.openSet());
    JsonObject metrics = Evaluation.metrics(spec, val, valLabels, plants).put("calibration_outliers",
        Evaluation.openSet(spec, calibrated.outliers().scored(spec.temperature(), spec.openSet()), plants));
    ModelSpec finished = spec.withInfo(info(data, setup, training, outliers, result, metrics));
    finished.write(out);
    Files.writeString(out.resolve(ModelTraining.CONFUSION_MATRIX),
        Evaluation.confusionMatrix(finished, val.probabilities(), valLabels).encodePrettily() + "\n", StandardCharsets.UTF_8);
    LOG.info("Model written to {}: validation {}", out, metrics.encode());
    return finished;
  }

  /** The calibrated spec, and the validation and calibration-outlier photos as its head sees them. */
  private record Calibrated(ModelSpec spec, OpenSetData val, OpenSetData outliers) {
  }

  /**
   * Reads features through the serving path (a provisional head without class means), fits the
   * class means on the training photos, then the calibration on validation, outlier and generated
   * non-plant images; writes {@code head.bin}.
   */
  private static Calibrated fitHeadAndCalibrate(Path out, ModelSpec initial, FineTuner.Result result,
                                               TrainingData training, OutlierPhotos outliers,
                                               Map<String, JsonObject> plants) throws IOException {
    int classes = training.classes.size();
    int dim = result.headWeight().length / classes;
    new FeatureHead(classes, dim, result.headWeight(), result.headBias(), new float[dim], new float[classes * dim])
        .write(out.resolve(FeatureHead.FILE_NAME));
    initial.write(out);
    try (PlantModel model = PlantModel.load(out); ClassifierRunner runner = model.newRunner()) {
      List<float[]> trainInputs = new ArrayList<>();
      training.trainImages.forEach(image -> trainInputs.add(ImagePreprocessor.toInput(image, initial)));
      FeatureHead head = FeatureHead.fit(result.headWeight(), result.headBias(), Evaluation.forward(runner, trainInputs),
          training.trainLabels.stream().mapToInt(Integer::intValue).toArray(), classes);
      head.write(out.resolve(FeatureHead.FILE_NAME));
      OpenSetData val = OpenSetData.of(head, Evaluation.forward(runner, training.valInputs));
      OpenSetData calibrationOutliers = OpenSetData.of(head, Evaluation.forward(runner, outliers.calibration));
      OpenSetData nonPlants = OpenSetData.of(head, Evaluation.forward(runner,
          SyntheticImages.nonPlantInputs(Calibrator.NON_PLANT_SEED, Calibrator.NON_PLANT_IMAGES, initial)));
      ModelSpec spec = Calibrator.fitOpenSet(initial, val, training.valLabelArray(), calibrationOutliers, nonPlants, plants);
      return new Calibrated(spec, val, calibrationOutliers);
    }
  }

  private static JsonObject info(Path data, Setup setup, TrainingData training, OutlierPhotos outliers,
                                 FineTuner.Result result, JsonObject metrics) throws IOException {
    FineTuner.Options o = setup.options();
    JsonArray history = new JsonArray();
    result.history().forEach(h -> history.add(new JsonObject().put("epoch", (int) h[0])
        .put("loss", Evaluation.round(h[1])).put("accuracy", Evaluation.round(h[2])).put("val_accuracy", Evaluation.round(h[3]))));
    return new JsonObject()
        .put("training", new JsonObject()
            .put("command", "train --data " + data + " --backbone " + setup.backbone() + " --epochs " + o.epochs()
                + " --seed " + o.seed() + " --input-size " + o.inputSize()
                + (setup.leaveOut().isEmpty() ? "" : " --leave-out " + String.join(",", setup.leaveOut())))
            .put("engine", "DJL 0.36.0, PyTorch 2.7.1, CPU, 1 intra-op thread")
            .put("fine_tuned", "every layer of the backbone and a new linear head; the backbone's ImageNet classifier zeroed")
            .put("seed", o.seed()).put("epochs_planned", o.epochs()).put("epochs_run", result.epochsRun())
            .put("best_epoch", result.bestEpoch()).put("batch_size", o.batchSize())
            .put("outlier_photos_per_batch", o.outlierPhotosPerBatch())
            .put("generated_non_plants_per_batch", o.nonPlantsPerBatch())
            .put("optimizer", "AdamW, head lr " + o.headLearningRate() + ", backbone lr " + o.backboneLearningRate()
                + ", wd " + o.weightDecay() + ", warm-up then cosine decay by step or time budget (" + o.maxMinutes() + " min)")
            .put("augmentation", "random resized crop (area 0.30-1, ratio 3/4-4/3), horizontal flip, "
                + "brightness/contrast/saturation +-30%; outlier exposure (flat targets) with outlier photos and generated non-plants")
            .put("seconds", Math.round(result.seconds()))
            .put("history", history))
        .put("backbone", BackboneCopyCheck.provenance(setup.backbone()))
        .put("data", new JsonObject()
            .put("source", data.toString())
            .put("train_images", training.trainImages.size())
            .put("validation_images", training.valInputs.size())
            .put("left_out_classes", new JsonArray(List.copyOf(setup.leaveOut())))
            .put("skipped_images", new JsonArray(training.skipped))
            .put("outliers", new JsonObject()
                .put("source", String.valueOf(setup.outliers()))
                .put(OutlierPhotos.TRAINING, new JsonArray(outliers.trainingLabels))
                .put(OutlierPhotos.CALIBRATION, new JsonArray(outliers.calibrationLabels))
                .put(OutlierPhotos.HELD_OUT, new JsonArray(outliers.heldOutLabels))))
        .put("metrics", new JsonObject().put("validation", metrics));
  }
}
