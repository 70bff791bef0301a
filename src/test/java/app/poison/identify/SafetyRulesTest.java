package app.poison.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.inference.ModelClass;
import app.poison.inference.ModelSpec;
import app.poison.inference.OpenSetScore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SafetyRulesTest {
  // hemlock: deadly; tulip: mild; dandelion: edible with coltsfoot (moderate) as look-alike;
  // sunflower: edible without look-alikes; pansy: edible without look-alikes
  static final ModelSpec SPEC = new ModelSpec("t", "1", "poisonnet-4", 32, new float[3], new float[3], List.of(
      new ModelClass("hemlock", "conium-maculatum"),
      new ModelClass("tulip", "tulipa-gesneriana"),
      new ModelClass("dandelion", "taraxacum-officinale"),
      new ModelClass("sunflower", "helianthus-annuus"),
      new ModelClass("pansy", "viola-wittrockiana"),
      new ModelClass("daisy", "bellis-perennis")), 1, 0.6, 0.1, null, new JsonObject());
  static Map<String, JsonObject> plants;

  @BeforeAll
  static void loadCatalog() throws IOException {
    plants = PlantFacts.loadDefault();
  }

  @Test
  void aDeadlyCandidateAboveTheWarningThresholdIsDanger() {
    JsonObject result = assess(0.02, 0.0, 0.0, 0.83, 0.0, 0.15);
    assertEquals("confident", result.getString("match"));
    assertEquals("none", level(result), "deadly hemlock is below the warning threshold here");
    result = assess(0.12, 0.0, 0.0, 0.8, 0.0, 0.08);
    assertEquals("danger", level(result));
    assertEquals(new JsonArray().add("conium-maculatum"), result.getJsonObject("warning").getJsonArray("plant_ids"));
  }

  @Test
  void aMildCandidateIsCaution() {
    JsonObject result = assess(0.0, 0.2, 0.0, 0.7, 0.0, 0.1);
    assertEquals("caution", level(result));
    assertTrue(result.getJsonObject("warning").getJsonArray("plant_ids").contains("tulipa-gesneriana"));
  }

  @Test
  void aConfidentEdibleMatchWithPoisonousLookalikesIsCautionNamingThem() {
    JsonObject result = assess(0.0, 0.0, 0.9, 0.05, 0.05, 0.0);
    assertEquals("confident", result.getString("match"));
    assertEquals("caution", level(result));
    assertTrue(result.getJsonObject("warning").getJsonArray("plant_ids").contains("tussilago-farfara"));
    assertTrue(message(result).contains("머위") || message(result).contains("관동"), message(result));
  }

  @Test
  void anUncertainResultAlwaysSaysDoNotEat() {
    JsonObject uncertainEdible = assess(0.0, 0.0, 0.0, 0.4, 0.35, 0.25);
    assertEquals("uncertain", uncertainEdible.getString("match"));
    assertEquals("caution", level(uncertainEdible));
    assertTrue(message(uncertainEdible).contains("먹지 마세요"));
    JsonObject uncertainDeadly = assess(0.45, 0.0, 0.0, 0.4, 0.15, 0.0);
    assertEquals("danger", level(uncertainDeadly));
    assertTrue(message(uncertainDeadly).contains(SafetyRules.DO_NOT_EAT));
  }

  @Test
  void noneOnlyForAConfidentEdibleMatchAndNeverSaysSafe() {
    JsonObject result = assess(0.0, 0.0, 0.0, 0.95, 0.05, 0.0);
    assertEquals("none", level(result));
    assertEquals(new JsonArray().add("helianthus-annuus"), result.getJsonObject("warning").getJsonArray("plant_ids"));
    assertFalse(message(result).contains("안전"));
    assertTrue(message(result).contains("먹어도 된다는 뜻은 아니"));
  }

  @Test
  void listsTheTopFiveCandidatesBestFirst() {
    JsonArray candidates = assess(0.05, 0.1, 0.15, 0.2, 0.3, 0.2).getJsonArray("candidates");
    assertEquals(5, candidates.size());
    assertEquals("viola-wittrockiana", candidates.getJsonObject(0).getString("catalog_id"));
    for (int i = 1; i < candidates.size(); i++) {
      assertTrue(candidates.getJsonObject(i - 1).getDouble("score") >= candidates.getJsonObject(i).getDouble("score"));
    }
  }

  @Test
  void aConfidentLookingPhotoOfAPlantTheModelDoesNotKnowIsUncertainAndSaysNotToEat() {
    ModelSpec openSet = SPEC.withOpenSet(new OpenSetScore(0.5, 0, 1, 0, 1, -1.0));
    double[] sureSunflower = {0.0, 0.0, 0.0, 0.97, 0.02, 0.01};
    JsonObject known = SafetyRules.assess(sureSunflower, 0.5, openSet, plants);
    assertEquals(SafetyRules.CONFIDENT, known.getString("match"));
    assertEquals(SafetyRules.NONE, level(known));
    for (double lowOrMissing : new double[] {-1.5, Double.NaN}) {
      JsonObject unknown = SafetyRules.assess(sureSunflower, lowOrMissing, openSet, plants);
      assertEquals(SafetyRules.UNCERTAIN, unknown.getString("match"));
      assertEquals(SafetyRules.CAUTION, level(unknown));
      assertTrue(message(unknown).contains(SafetyRules.DO_NOT_EAT), message(unknown));
    }
  }

  private static JsonObject assess(double... p) {
    return SafetyRules.assess(p, Double.NaN, SPEC, plants);
  }

  private static String level(JsonObject result) {
    return result.getJsonObject("warning").getString("level");
  }

  private static String message(JsonObject result) {
    return result.getJsonObject("warning").getString("message");
  }
}
