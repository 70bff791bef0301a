package app.poison.training;

import app.poison.inference.Calibration;
import app.poison.inference.ClassifierRunner;
import app.poison.inference.ImagePreprocessor;
import app.poison.inference.ModelClass;
import app.poison.inference.ModelSpec;
import app.poison.inference.PlantModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.identify.PlantFacts;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the tiny model with the real trainer, then loads, predicts and checks what was written. */
class ModelTrainingTest {
  @TempDir
  static Path dir;
  static Path modelDir;

  @BeforeAll
  static void train() {
    modelDir = TinyModels.trainTiny(dir);
  }

  @Test
  void writesTheModelDirectory() throws Exception {
    ModelSpec spec = ModelSpec.read(modelDir);
    assertEquals("model", spec.name());
    assertEquals(TinyModels.INPUT_SIZE, spec.inputSize());
    assertEquals(List.of("conium-maculatum", "tulipa-gesneriana", "taraxacum-officinale"),
        spec.classes().stream().map(ModelClass::catalogId).toList());
    assertTrue(spec.temperature() > 0);
    assertTrue(spec.confidentThreshold() > 0 && spec.confidentThreshold() < 1);
    assertTrue(spec.warningThreshold() > 0 && spec.warningThreshold() < spec.confidentThreshold());
    JsonObject info = spec.info();
    assertEquals(TinyModels.OPTIONS.seed(), info.getJsonObject("training").getInteger("seed"));
    assertEquals(45, info.getJsonObject("data").getInteger("train_images"));
    assertEquals(9, info.getJsonObject("data").getInteger("validation_images"));
    assertTrue(info.getJsonObject("metrics").getJsonObject("validation").containsKey("top1"));
    assertTrue(Files.isRegularFile(modelDir.resolve("model-0000.params")));
    JsonObject confusion = new JsonObject(Files.readString(modelDir.resolve(ModelTraining.CONFUSION_MATRIX)));
    assertEquals(3, confusion.getJsonArray("matrix").size());
  }

  @Test
  void specSurvivesARoundTrip() throws Exception {
    ModelSpec spec = ModelSpec.read(modelDir);
    ModelSpec again = ModelSpec.fromJson(new JsonObject(spec.toJson().encode()));
    assertEquals(spec.toJson(), again.toJson());
    assertArrayEquals(ModelTraining.MEAN, again.mean());
  }

  @Test
  void predictsFreshlyDrawnPlants() throws Exception {
    try (PlantModel model = PlantModel.load(modelDir); ClassifierRunner runner = model.newRunner()) {
      Random random = new Random(99);
      List<float[]> inputs = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 4; i++) {
          inputs.add(ImagePreprocessor.toInput(TinyModels.draw(c, random, 48), model.spec()));
          labels.add(c);
        }
      }
      float[][] logits = runner.logits(inputs);
      assertEquals(inputs.size(), logits.length);
      int correct = 0;
      for (int i = 0; i < logits.length; i++) {
        double[] p = Calibration.probabilities(logits[i], model.spec().temperature());
        correct += Calibration.argmax(p) == labels.get(i) ? 1 : 0;
      }
      assertTrue(correct >= 10, "tiny model got " + correct + "/12 right");
      // batching must not change a row's answer
      assertArrayEquals(logits[5], runner.logits(List.of(inputs.get(5)))[0], 1e-4f);
    }
  }

  /** A run whose GradientGuard skipped a step may differ (that step is not reproducible): compare clean runs. */
  @Test
  void sameSeedAndDataGiveTheSameWeights() throws Exception {
    List<Path> clean = new ArrayList<>();
    if (skippedSteps(modelDir) == 0) {
      clean.add(modelDir);
    }
    for (int run = 0; clean.size() < 2 && run < 4; run++) {
      Path again = dir.resolve("again-" + run).resolve("model");
      ModelTraining.run(dir.resolve("data"), again, TinyModels.OPTIONS, PlantFacts.loadDefault());
      if (skippedSteps(again) == 0) {
        clean.add(again);
      }
    }
    assertEquals(2, clean.size(), "two runs without a skipped step");
    assertArrayEquals(Files.readAllBytes(clean.get(0).resolve("model-0000.params")),
        Files.readAllBytes(clean.get(1).resolve("model-0000.params")));
  }

  private static int skippedSteps(Path model) throws Exception {
    return ModelSpec.read(model).info().getJsonObject("training").getInteger("skipped_steps");
  }

  @Test
  void skipsABrokenImageAndReportsIt() throws Exception {
    Path data = TinyModels.drawDataset(dir.resolve("broken-data"), 6, 3);
    Path broken = data.resolve("tulip").resolve("tulip_999.jpg");
    Files.write(broken, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4});
    ModelSpec spec = ModelTraining.run(data, dir.resolve("broken-model"), TinyModels.OPTIONS.withEpochs(1),
        PlantFacts.loadDefault());
    assertEquals(List.of(broken.toString()),
        spec.info().getJsonObject("data").getJsonArray("skipped_images").getList());
  }
}
