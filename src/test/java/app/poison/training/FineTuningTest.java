package app.poison.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.HttpTestClient;
import app.poison.PoisonService;
import app.poison.TestImages;
import app.poison.TestServices;
import app.poison.identify.PlantFacts;
import app.poison.identify.SafetyRules;
import app.poison.inference.ClassifierRunner;
import app.poison.inference.FeatureHead;
import app.poison.inference.ImagePreprocessor;
import app.poison.inference.ModelSpec;
import app.poison.inference.PhotoScores;
import app.poison.inference.PlantModel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tunes the real pretrained backbone (from {@code ../shared/backbones}, never part of the
 * repository) on drawn plants and drawn outliers at a small input size: seconds, not minutes.
 */
@Tag("slow")
class FineTuningTest {
  static final Path BACKBONE = Path.of("..", "shared", "backbones", "mobilenet_v2_imagenet.pt");
  static final FineTuner.Options OPTIONS = new FineTuner.Options(5, 11, 64, 12, 4, 2, 2e-3f, 5e-4f, 1e-4f, 10);
  @TempDir
  static Path dir;
  static Path data;
  static Path outliers;
  static Path modelDir;
  static ModelSpec spec;

  @BeforeAll
  static void fineTune() throws Exception {
    assertTrue(Files.isRegularFile(BACKBONE), "the pretrained backbone is missing: " + BACKBONE.toAbsolutePath());
    data = TinyModels.drawDataset(dir.resolve("data"), 14, 3);
    outliers = TinyModels.drawOutliers(dir.resolve("outliers"), 5, 6, 4);
    modelDir = dir.resolve("fine-tuned");
    spec = train(modelDir);
  }

  static ModelSpec train(Path out) throws Exception {
    return ModelFineTuning.run(data, out, new ModelFineTuning.Setup(BACKBONE, outliers, Set.of(), OPTIONS),
        PlantFacts.loadDefault());
  }

  @Test
  void writesAServableModelWithItsProvenanceAndNoCopiedBackboneWeights() throws Exception {
    assertEquals(ModelSpec.TORCHSCRIPT_FEATURES, spec.architecture());
    assertTrue(Files.isRegularFile(modelDir.resolve("fine-tuned.pt")));
    assertTrue(Files.isRegularFile(modelDir.resolve(FeatureHead.FILE_NAME)));
    assertNotNull(spec.openSet(), "an open-set score and threshold");
    JsonObject backbone = spec.info().getJsonObject("backbone");
    assertEquals("Apache-2.0", backbone.getString("license"));
    assertEquals(64, backbone.getString("sha256").length());
    assertEquals(0, BackboneCopyCheck.identicalTensors(BACKBONE, modelDir.resolve("fine-tuned.pt")));
    JsonObject split = spec.info().getJsonObject("data").getJsonObject("outliers");
    assertEquals(new JsonArray(List.of("other__00")), split.getJsonArray(OutlierPhotos.CALIBRATION));
    assertEquals(new JsonArray(List.of("other__01")), split.getJsonArray(OutlierPhotos.HELD_OUT));
    assertEquals(3, split.getJsonArray(OutlierPhotos.TRAINING).size());
    assertEquals(spec.toJson(), ModelSpec.read(modelDir).toJson());
  }

  @Test
  void reloadsAndTellsKnownPlantsFromPlantsItNeverSaw() throws Exception {
    Random random = new Random(99);
    List<float[]> plants = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      plants.add(ImagePreprocessor.toInput(TinyModels.draw(i % 3, random, 48), spec));
    }
    List<float[]> neverSeen = new ArrayList<>();
    for (Path file : ImageFolder.imagesIn(outliers.resolve("other__01"))) {
      neverSeen.add(ImagePreprocessor.toInput(Files.readAllBytes(file), spec));
    }
    try (PlantModel model = PlantModel.load(modelDir); ClassifierRunner runner = model.newRunner()) {
      PhotoScores[] known = runner.run(plants);
      PhotoScores[] unknown = runner.run(neverSeen);
      int correct = 0;
      for (int i = 0; i < known.length; i++) {
        assertEquals(3, known[i].logits().length);
        assertTrue(Double.isFinite(known[i].knownScore()));
        correct += TrainingBatches.argmax(known[i].logits(), 0, 3) == i % 3 ? 1 : 0;
      }
      assertTrue(correct >= 9, correct + " of 12 drawn plants recognised (chance: 4)");
      for (PhotoScores photo : unknown) {
        assertTrue(!spec.knows(photo.knownScore()), "a held-out outlier passes the open-set threshold: " + photo.knownScore());
      }
    }
  }

  @Test
  void evalReportsTheOpenSetFiguresOfTheFineTunedModel() throws Exception {
    JsonObject report = ModelEvaluationCommand.run(data, modelDir, outliers, PlantFacts.loadDefault());
    JsonObject unknown = report.getJsonObject("unknown_plants");
    assertEquals(6, unknown.getJsonObject("never_seen").getInteger("images"));
    assertEquals(24, unknown.getJsonObject("seen_in_training_or_calibration").getInteger("images"));
    assertEquals(1.0, unknown.getJsonObject("never_seen").getDouble("uncertain_rate"));
    assertEquals(1.0, report.getJsonObject("non_plants").getDouble("uncertain_rate"));
  }

  @Test
  void theServiceAnswersAPlantItNeverSawAsUncertainAndSaysNotToEatIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    PoisonService service = await(TestServices.start(Map.of("POISON_MODEL_DIR", modelDir.toString())));
    try {
      HttpTestClient http = new HttpTestClient(vertx, service.httpPort());
      await(http.awaitOk("/ready", Duration.ofSeconds(60)));
      byte[] neverSeen = Files.readAllBytes(ImageFolder.imagesIn(outliers.resolve("other__01")).get(0));
      JsonObject unknown = identified(http, neverSeen);
      assertEquals(SafetyRules.UNCERTAIN, unknown.getString("match"), unknown.encodePrettily());
      assertTrue(unknown.getJsonObject("warning").getString("message").contains("먹지 마세요"), unknown.encodePrettily());
      byte[] tulip = TestImages.encode(TinyModels.draw(1, new Random(5), 48), "jpg");
      JsonObject served = identified(http, tulip);
      assertEquals(topClassOf(tulip), served.getJsonArray("candidates").getJsonObject(0).getJsonObject("plant").getString("id"),
          "the service ranks as the model does: " + served.encodePrettily());
    } finally {
      await(service.stop());
      await(vertx.close());
    }
  }

  private static String topClassOf(byte[] photo) throws Exception {
    try (PlantModel model = PlantModel.load(modelDir); ClassifierRunner runner = model.newRunner()) {
      float[] logits = runner.logits(List.of(ImagePreprocessor.toInput(photo, spec)))[0];
      return spec.classes().get(TrainingBatches.argmax(logits, 0, logits.length)).catalogId();
    }
  }

  private static JsonObject identified(HttpTestClient http, byte[] photo) throws Exception {
    HttpResponse<Buffer> accepted = await(http.identify(photo));
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    JsonObject job = await(http.awaitFinished(accepted.bodyAsJsonObject().getString("id")));
    assertEquals("succeeded", job.getString("status"), job.encodePrettily());
    return job.getJsonObject("result");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
  }

  @Test
  void theSameSeedAndDataGiveTheSameModel() throws Exception {
    Path again = dir.resolve("again");
    train(again);
    assertArrayEquals(Files.readAllBytes(modelDir.resolve(FeatureHead.FILE_NAME)),
        Files.readAllBytes(again.resolve(FeatureHead.FILE_NAME)));
    assertEquals(spec.toJson().getJsonObject("open_set"), ModelSpec.read(again).toJson().getJsonObject("open_set"));
  }
}
