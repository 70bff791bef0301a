package app.poison.training;

import app.poison.inference.Architectures;
import app.poison.inference.ModelSpec;
import app.poison.inference.PlantModel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole {@code train} command: load data, train, calibrate on validation, write the model directory. */
public final class ModelTraining {
  public static final String CONFUSION_MATRIX = "confusion_matrix.json";
  static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  static final float[] STD = {0.229f, 0.224f, 0.225f};
  static final String VERSION = "1.0.0";
  private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);

  private ModelTraining() {
  }

  public static ModelSpec run(Path data, Path out, PlantTrainer.Options options, Map<String, JsonObject> plants)
      throws IOException {
    TrainingData training = TrainingData.load(data, options.inputSize(), MEAN, STD);
    String name = out.toAbsolutePath().normalize().getFileName().toString();
    ModelSpec initial = new ModelSpec(name, VERSION, Architectures.name(options.width()), options.inputSize(),
        MEAN, STD, training.classes, 1.0, 0.5, 0.05, null, new JsonObject());
    Files.createDirectories(out);
    PlantTrainer.Result result = new PlantTrainer(options, training, initial).train(out);
    initial.write(out);
    try (PlantModel model = PlantModel.load(out)) {
      int[] valLabels = training.valLabelArray();
      float[][] valLogits = Evaluation.logits(model, training.valInputs);
      float[][] nonPlantLogits = Evaluation.logits(model,
          SyntheticImages.nonPlantInputs(Calibrator.NON_PLANT_SEED, Calibrator.NON_PLANT_IMAGES, initial));
      ModelSpec calibrated = Calibrator.fit(initial, valLogits, valLabels, nonPlantLogits, plants);
      Evaluation.Scored val = Evaluation.withoutKnownScore(valLogits, calibrated.temperature());
      double[][] valP = val.probabilities();
      JsonObject metrics = Evaluation.metrics(calibrated, val, valLabels, plants);
      ModelSpec finished = calibrated.withInfo(info(data, options, training, result, metrics));
      finished.write(out);
      Files.writeString(out.resolve(CONFUSION_MATRIX),
          Evaluation.confusionMatrix(finished, valP, valLabels).encodePrettily() + "\n", StandardCharsets.UTF_8);
      LOG.info("Model written to {}: validation {}", out, metrics.encode());
      return finished;
    }
  }

  private static JsonObject info(Path data, PlantTrainer.Options options, TrainingData training,
                                 PlantTrainer.Result result, JsonObject metrics) {
    JsonArray history = new JsonArray();
    result.history().forEach(h -> history.add(new JsonObject()
        .put("epoch", (int) h[0]).put("loss", Evaluation.round(h[1])).put("accuracy", Evaluation.round(h[2]))
        .put("val_loss", Evaluation.round(h[3])).put("val_accuracy", Evaluation.round(h[4]))));
    return new JsonObject()
        .put("training", new JsonObject()
            .put("command", "train --data " + data + " --epochs " + options.epochs() + " --seed " + options.seed())
            .put("engine", "DJL 0.36.0, PyTorch 2.7.1, CPU")
            .put("from_scratch", true)
            .put("seed", options.seed())
            .put("epochs_planned", options.epochs())
            .put("epochs_run", result.epochsRun())
            .put("best_epoch", result.bestEpoch())
            .put("skipped_steps", result.skippedSteps())
            .put("batch_size", options.batchSize())
            .put("generated_non_plants_per_batch", options.outliersPerBatch())
            .put("optimizer", "AdamW lr " + options.learningRate() + " wd " + options.weightDecay()
                + ", warm-up then cosine decay by step or time budget (" + options.maxMinutes() + " min)")
            .put("augmentation", "random resized crop (area 0.30-1, ratio 3/4-4/3), horizontal flip, "
                + "brightness/contrast/saturation +-30%; outlier exposure with generated non-plant images")
            .put("seconds", Math.round(result.seconds()))
            .put("history", history))
        .put("data", new JsonObject()
            .put("source", data.toString())
            .put("train_images", training.trainImages.size())
            .put("validation_images", training.valInputs.size())
            .put("skipped_images", new JsonArray(training.skipped)))
        .put("metrics", new JsonObject().put("validation", metrics));
  }
}
