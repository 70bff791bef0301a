package app.poison.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.identify.PlantFacts;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluationCommandTest {
  @TempDir
  static Path dir;
  /** The tiny model the service tests share: trained once per test JVM. */
  static Path modelDir;

  @BeforeAll
  static void model() {
    modelDir = TestModels.tiny();
  }

  @Test
  void printsEveryMetric() throws Exception {
    Path data = TinyModels.drawDataset(dir.resolve("eval-data"), 5, 11);
    Path unknown = TinyModels.drawOutliers(dir.resolve("unknown"), 2, 4, 5);
    JsonObject report = ModelEvaluationCommand.run(data, modelDir, unknown, PlantFacts.loadDefault());
    assertEquals(15, report.getInteger("images"));
    for (String field : List.of("top1", "top3", "poison_warning_recall", "ece", "confident_share", "confident_top1")) {
      assertRate(report, field);
    }
    assertRate(report.getJsonObject("non_plants"), "uncertain_rate");
    assertRate(report.getJsonObject("non_plants"), "confident_none_rate");
    JsonObject neverSeen = report.getJsonObject("unknown_plants").getJsonObject("never_seen");
    assertEquals(8, neverSeen.getInteger("images"));
    assertRate(neverSeen, "uncertain_rate");
    assertRate(neverSeen, "confident_none_rate");
    assertEquals(0, report.getJsonObject("unknown_plants").getJsonObject("seen_in_training_or_calibration")
        .getInteger("images"));
    assertTrue(report.getDouble("top3") >= report.getDouble("top1"));
    assertEquals(3, report.getJsonObject("per_class_recall").size());
    JsonObject speed = report.getJsonObject("speed");
    assertTrue(speed.getDouble("images_per_second_batch1") > 0);
    assertTrue(speed.getDouble("images_per_second_batch8") > 0);
    assertTrue(speed.getDouble("preprocess_ms_4000x3000_jpeg_median") > 0);
  }

  @Test
  void countsPlantsTheModelDoesNotKnowAsOpenSet() throws Exception {
    Path data = TinyModels.drawDataset(dir.resolve("open-set"), 3, 12);
    Files.writeString(data.resolve(ImageFolder.LABELS),
        Files.readString(data.resolve(ImageFolder.LABELS)).replace("taraxacum-officinale", "helianthus-annuus"),
        StandardCharsets.UTF_8);
    JsonObject report = ModelEvaluationCommand.run(data, modelDir, null, PlantFacts.loadDefault());
    assertEquals(6, report.getInteger("images"));
    assertEquals(3, report.getInteger("unknown_plant_images"));
    assertRate(report, "unknown_plant_uncertain_rate");
    assertRate(report, "unknown_plant_confident_none_rate");
    assertTrue(!report.containsKey("unknown_plants"));
  }

  private static void assertRate(JsonObject report, String field) {
    Double value = report.getDouble(field);
    assertTrue(value != null && value >= 0 && value <= 1, field + " = " + value);
  }
}
