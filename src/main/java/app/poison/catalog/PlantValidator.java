package app.poison.catalog;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a catalog document field by field. Seed lines and admin edits pass the same checks; a
 * failure names every bad field with a Korean message. {@code poisonous} and {@code toxicity}
 * must agree: a plant that is "not poisonous" with a toxicity would read as safe where it is not.
 */
public final class PlantValidator {
  private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
  private static final int MAX_ID_LENGTH = 80;
  /** Words of the routes under {@code /api/v1/plants/}: a plant with such an id could never be read. */
  private static final Set<String> RESERVED_IDS = Set.of("search");
  private static final List<String> TOXICITY = List.of("none", "mild", "moderate", "severe", "deadly");
  /** Fields the server maintains: accepted in a body (a client may send back a Plant) and ignored. */
  private static final Set<String> READ_ONLY = Set.of("images", "identifiable");
  private static final Set<String> REQUIRED_TEXT = Set.of(
      "name_ko", "scientific_name", "family_ko", "family", "habitat_ko", "description_ko");
  private static final Set<String> OPTIONAL_TEXT = Set.of(
      "name_en", "symptoms_ko", "distinguishing_ko", "edible_notes_ko", "flower_language_ko");
  private static final Set<String> TEXT_LISTS = Set.of("aliases_ko", "toxic_parts", "toxins");
  private static final int MAX_TEXT = 2000;

  private final Map<String, String> problems = new LinkedHashMap<>();

  private PlantValidator() {
  }

  /** The document to store (read-only fields dropped), or a {@code invalid_plant} failure. */
  public static JsonObject validate(JsonObject body) {
    PlantValidator validator = new PlantValidator();
    JsonObject plant = validator.check(body);
    if (!validator.problems.isEmpty()) {
      throw new ServiceException(ErrorCode.INVALID_BODY, "invalid_plant",
          "식물 정보가 올바르지 않아요: " + String.join(", ", validator.problems.keySet()),
          new JsonObject().put("fields", new JsonObject(new LinkedHashMap<>(validator.problems))));
    }
    return plant;
  }

  private JsonObject check(JsonObject body) {
    JsonObject plant = new JsonObject();
    for (String field : body.fieldNames()) {
      if (!READ_ONLY.contains(field)) {
        plant.put(field, body.getValue(field));
      }
    }
    String id = plant.getValue("id") instanceof String s ? s : null;
    if (id == null || id.length() > MAX_ID_LENGTH || !ID.matcher(id).matches()) {
      problem("id", "id는 영문 소문자, 숫자와 하이픈으로 된 " + MAX_ID_LENGTH + "자 이하의 문자열이어야 해요.");
    } else if (RESERVED_IDS.contains(id)) {
      problem("id", "'" + id + "'는 API 경로에 쓰이는 단어라 id로 쓸 수 없어요.");
    }
    REQUIRED_TEXT.forEach(field -> text(plant, field, true));
    OPTIONAL_TEXT.forEach(field -> text(plant, field, false));
    TEXT_LISTS.forEach(field -> textList(plant, field));
    checkToxicity(plant);
    checkLookalikes(plant, id);
    checkBloomMonths(plant);
    for (String field : plant.fieldNames()) {
      if (!knownField(field)) {
        problem(field, "알 수 없는 필드예요.");
      }
    }
    return plant;
  }

  private void text(JsonObject plant, String field, boolean required) {
    Object value = plant.getValue(field);
    if (value == null && !required) {
      plant.putNull(field);
    } else if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
      problem(field, required ? "비어 있지 않은 글이어야 해요." : "글 또는 null이어야 해요.");
    }
  }

  private void textList(JsonObject plant, String field) {
    Object value = plant.getValue(field);
    if (value == null && "toxins".equals(field)) {
      plant.putNull(field); // toxins may be unknown; the other lists are empty when there is nothing
    } else if (!(value instanceof JsonArray list) || !list.stream().allMatch(PlantValidator::isText)) {
      problem(field, "글의 목록이어야 해요.");
    }
  }

  private void checkToxicity(JsonObject plant) {
    Object poisonous = plant.getValue("poisonous");
    Object toxicity = plant.getValue("toxicity");
    if (!(poisonous instanceof Boolean)) {
      problem("poisonous", "true 또는 false여야 해요.");
    }
    if (!(toxicity instanceof String) || !TOXICITY.contains(toxicity)) { // List.of(...).contains(null) throws
      problem("toxicity", "none, mild, moderate, severe, deadly 중 하나여야 해요.");
    } else if (poisonous instanceof Boolean isPoisonous && isPoisonous == "none".equals(toxicity)) {
      problem("toxicity", isPoisonous ? "독성이 있는 식물은 none이 아닌 독성 등급이 있어야 해요." : "독성이 없는 식물의 등급은 none이어야 해요.");
    }
  }

  private void checkLookalikes(JsonObject plant, String id) {
    Object value = plant.getValue("lookalikes");
    if (!(value instanceof JsonArray list) || !list.stream().allMatch(v -> v instanceof String s && ID.matcher(s).matches())) {
      problem("lookalikes", "식물 id의 목록이어야 해요.");
    } else if (id != null && list.contains(id)) {
      problem("lookalikes", "자기 자신을 닮은 식물로 둘 수 없어요.");
    }
  }

  private void checkBloomMonths(JsonObject plant) {
    Object value = plant.getValue("bloom_months");
    if (value == null) {
      plant.putNull("bloom_months");
    } else if (!(value instanceof JsonArray months)
        || !months.stream().allMatch(m -> m instanceof Integer month && month >= 1 && month <= 12)) {
      problem("bloom_months", "1부터 12까지의 달 목록 또는 null이어야 해요.");
    }
  }

  private static boolean knownField(String field) {
    return "id".equals(field) || "poisonous".equals(field) || "toxicity".equals(field)
        || "lookalikes".equals(field) || "bloom_months".equals(field) || REQUIRED_TEXT.contains(field)
        || OPTIONAL_TEXT.contains(field) || TEXT_LISTS.contains(field);
  }

  private static boolean isText(Object value) {
    return value instanceof String s && !s.isBlank();
  }

  private void problem(String field, String message) {
    problems.putIfAbsent(field, message);
  }
}
