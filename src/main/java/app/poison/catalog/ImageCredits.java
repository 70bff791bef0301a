package app.poison.catalog;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.json.JsonObject;

/**
 * Who made a catalog photo and under which licence: every plant image carries {@code credit},
 * {@code license} and {@code source} (how it came: an admin upload or a user's contribution).
 */
public final class ImageCredits {
  public static final String SOURCE_ADMIN = "admin";
  public static final String SOURCE_CONTRIBUTION = "contribution";
  public static final int MAX_LENGTH = 200;
  private static final String DEFAULT_CREDIT = "POISON";

  private ImageCredits() {
  }

  /** {@code {"credit", "license", "source"}}; blank values count as absent; too long → 400. */
  public static JsonObject attribution(String credit, String license, String source) {
    String given = text("credit", credit);
    return new JsonObject().put("credit", given == null ? DEFAULT_CREDIT : given)
        .put("license", text("license", license)).put("source", source);
  }

  /** A string field of a JSON body: absent/null → null, any other type → 400. */
  public static String field(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value != null && !(value instanceof String)) {
      throw invalid(name, name + "은(는) 문자열이어야 해요.");
    }
    return (String) value;
  }

  private static String text(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > MAX_LENGTH || stripped.chars().anyMatch(Character::isISOControl)) {
      throw invalid(name, name + "은(는) 줄바꿈 없이 " + MAX_LENGTH + "자까지 쓸 수 있어요.");
    }
    return stripped;
  }

  private static ServiceException invalid(String name, String message) {
    return new ServiceException(ErrorCode.INVALID_BODY, "invalid_" + name, message,
        new JsonObject().put("fields", new JsonObject().put(name, message)));
  }
}
