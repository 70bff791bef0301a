package app.poison.identify;

import app.poison.catalog.PlantSummaries;
import app.poison.inference.ModelSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Turns a classification into the Identification result: the safety rules decide match and warning,
 * then every candidate is shown as a PlantSummary.
 */
final class ResultAssembler {
  private ResultAssembler() {
  }

  static JsonObject assemble(double[] probabilities, double knownScore, ModelSpec spec, Map<String, JsonObject> plants) {
    JsonObject assessment = SafetyRules.assess(probabilities, knownScore, spec, plants);
    JsonArray candidates = new JsonArray();
    for (Object item : assessment.getJsonArray("candidates")) {
      JsonObject candidate = (JsonObject) item;
      String id = candidate.getString("catalog_id");
      JsonObject plant = plants.get(id);
      JsonObject summary = plant == null ? new JsonObject().put("id", id) : PlantSummaries.of(plant);
      candidates.add(new JsonObject().put("plant", summary).put("score", candidate.getDouble("score")));
    }
    return new JsonObject()
        .put("candidates", candidates)
        .put("match", assessment.getString("match"))
        .put("warning", assessment.getJsonObject("warning"));
  }
}
