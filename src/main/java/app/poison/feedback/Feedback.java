package app.poison.feedback;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A user's feedback on one answer, as sent: {@code {"verdict", "plant_id"?, "contribute_photos",
 * "comment"?}}. The comment is kept as plain text (clients must show it as text, never as HTML).
 */
record Feedback(String verdict, String plantId, boolean contributePhotos, String comment) {
  static final String CORRECT = "correct";
  static final String WRONG = "wrong";
  static final String UNSURE = "unsure";
  static final Set<String> VERDICTS = Set.of(CORRECT, WRONG, UNSURE);
  static final int MAX_COMMENT = 500;
  private static final int MAX_PLANT_ID = 100;
  private static final Set<String> FIELDS = Set.of("verdict", "plant_id", "contribute_photos", "comment");

  static Feedback parse(JsonObject body) {
    for (String name : body.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw new ServiceException(ErrorCode.INVALID_BODY, "unknown_field", "알 수 없는 항목이에요: " + name, null);
      }
    }
    Object verdict = body.getValue("verdict");
    if (!(verdict instanceof String v) || !VERDICTS.contains(v)) {
      throw invalid("verdict", "verdict는 correct, wrong, unsure 중 하나여야 해요.");
    }
    Object contribute = body.getValue("contribute_photos", false);
    if (!(contribute instanceof Boolean photos)) {
      throw invalid("contribute_photos", "contribute_photos는 true 또는 false여야 해요.");
    }
    return new Feedback(v, plantId(body.getValue("plant_id")), photos, comment(body.getValue("comment")));
  }

  private static String plantId(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String id) || id.isBlank() || id.length() > MAX_PLANT_ID) {
      throw invalid("plant_id", "plant_id는 도감에 있는 식물의 id여야 해요.");
    }
    return id;
  }

  private static String comment(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw invalid("comment", "comment는 문자열이어야 해요.");
    }
    String stripped = text.strip();
    if (stripped.codePointCount(0, stripped.length()) > MAX_COMMENT) {
      throw invalid("comment", "comment는 " + MAX_COMMENT + "자까지 쓸 수 있어요.");
    }
    // control characters other than line breaks have no place in a comment
    if (stripped.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      throw invalid("comment", "comment에 쓸 수 없는 문자가 있어요.");
    }
    return stripped.isEmpty() ? null : stripped;
  }

  static ServiceException invalid(String field, String message) {
    return new ServiceException(ErrorCode.INVALID_BODY, "invalid_" + field, message,
        new JsonObject().put("fields", new JsonObject().put(field, message)));
  }
}
