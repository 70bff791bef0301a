package app.poison.identify;

import app.poison.inference.ModelSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * DESIGN.md's safety rules for one identification, as a pure function of calibrated probabilities
 * and the photos' known score: confident only when the top probability reaches the model's confident
 * threshold and the photos look like plants the model knows ({@link ModelSpec#knows}).
 * Order of precedence: {@code danger} (a deadly or severe plant above the warning threshold), then
 * {@code caution} (a mild or moderate one; a confident edible match with poisonous look-alikes; or
 * an uncertain result, where we cannot rule poison out), else {@code none}. No message ever says a
 * plant is safe to eat, and every uncertain result says not to eat it.
 */
public final class SafetyRules {
  public static final int CANDIDATES = 5;
  public static final String DANGER = "danger";
  public static final String CAUTION = "caution";
  public static final String NONE = "none";
  public static final String CONFIDENT = "confident";
  public static final String UNCERTAIN = "uncertain";

  static final String DO_NOT_EAT = "정확히 알아볼 수 없는 식물이에요. 독초일 수 있으니 절대 먹지 마세요.";
  private static final Set<String> SEVERE = Set.of("deadly", "severe");
  private static final Set<String> MILD = Set.of("moderate", "mild");

  private SafetyRules() {
  }

  public static JsonObject assess(double[] probabilities, double knownScore, ModelSpec spec,
                                  Map<String, JsonObject> plantsById) {
    int[] ranked = IntStream.range(0, probabilities.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed())
        .mapToInt(Integer::intValue).toArray();
    JsonArray candidates = new JsonArray();
    for (int i = 0; i < Math.min(CANDIDATES, ranked.length); i++) {
      candidates.add(new JsonObject()
          .put("catalog_id", spec.classes().get(ranked[i]).catalogId())
          .put("score", probabilities[ranked[i]]));
    }
    boolean confident = ranked.length > 0 && isConfident(probabilities[ranked[0]], knownScore, spec);
    List<String> aboveWarning = new ArrayList<>();
    for (int index : ranked) {
      if (probabilities[index] >= spec.warningThreshold()) {
        aboveWarning.add(spec.classes().get(index).catalogId());
      }
    }
    String best = ranked.length > 0 ? spec.classes().get(ranked[0]).catalogId() : null;
    return new JsonObject()
        .put("candidates", candidates)
        .put("match", confident ? CONFIDENT : UNCERTAIN)
        .put("warning", warning(aboveWarning, best, confident, plantsById));
  }

  public static boolean isConfident(double topProbability, double knownScore, ModelSpec spec) {
    return topProbability >= spec.confidentThreshold() && spec.knows(knownScore);
  }

  private static JsonObject warning(List<String> aboveWarning, String best, boolean confident,
                                    Map<String, JsonObject> plants) {
    String suffix = confident ? "" : " " + DO_NOT_EAT;
    List<String> severe = withToxicity(aboveWarning, plants, SEVERE);
    if (!severe.isEmpty()) {
      return warning(DANGER, "맹독성 또는 강한 독성이 있는 식물일 수 있어요: " + names(severe, plants)
          + ". 절대 먹거나 만지지 말고, 먹었다면 바로 119나 병원에 연락하세요." + suffix, severe);
    }
    List<String> mild = withToxicity(aboveWarning, plants, MILD);
    if (!mild.isEmpty()) {
      return warning(CAUTION, "독성이 있는 식물일 수 있어요: " + names(mild, plants) + ". 먹지 마세요." + suffix, mild);
    }
    if (!confident) {
      return warning(CAUTION, DO_NOT_EAT, List.of());
    }
    List<String> poisonousLookalikes = poisonousLookalikes(best, plants);
    if (!poisonousLookalikes.isEmpty()) {
      return warning(CAUTION, "독성이 알려지지 않은 식물로 보이지만, 닮은 독초가 있어요: " + names(poisonousLookalikes, plants)
          + ". 전문가 확인 없이 먹지 마세요.", poisonousLookalikes);
    }
    return warning(NONE, "가장 비슷한 식물(" + names(List.of(best), plants) + ")은 알려진 독성이 없어요. "
        + "그래도 먹어도 된다는 뜻은 아니니 전문가 확인 없이 먹지 마세요.", List.of(best));
  }

  /** Plants whose toxicity is in {@code levels}; a plant missing from the catalog counts as severe. */
  private static List<String> withToxicity(List<String> ids, Map<String, JsonObject> plants, Set<String> levels) {
    return ids.stream().filter(id -> levels.contains(toxicity(id, plants))).toList();
  }

  /** Whether a plant warrants a warning: any toxicity but none; missing from the catalog counts as severe. */
  public static boolean isPoisonous(String id, Map<String, JsonObject> plants) {
    return !NONE.equals(toxicity(id, plants));
  }

  private static String toxicity(String id, Map<String, JsonObject> plants) {
    JsonObject plant = plants.get(id);
    return plant == null ? "severe" : plant.getString("toxicity", "severe");
  }

  private static List<String> poisonousLookalikes(String id, Map<String, JsonObject> plants) {
    JsonObject plant = plants.get(id);
    Set<String> poisonous = new LinkedHashSet<>();
    for (Object lookalike : plant == null ? new JsonArray() : plant.getJsonArray("lookalikes", new JsonArray())) {
      if (isPoisonous(lookalike.toString(), plants)) {
        poisonous.add(lookalike.toString());
      }
    }
    return List.copyOf(poisonous);
  }

  private static String names(List<String> ids, Map<String, JsonObject> plants) {
    return String.join(", ", ids.stream()
        .map(id -> plants.containsKey(id) ? plants.get(id).getString("name_ko", id) : id)
        .toList());
  }

  private static JsonObject warning(String level, String message, List<String> plantIds) {
    return new JsonObject().put("level", level).put("message", message).put("plant_ids", new JsonArray(plantIds));
  }
}
