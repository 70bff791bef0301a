package app.poison.catalog;

import app.poison.messaging.Limits;
import app.poison.messaging.ServiceException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One page of the catalog list, parsed from the client's query parameters. The cursor is opaque
 * to clients: the sort key (Korean name, id) of the last plant they saw, so that the next page
 * starts strictly after it whatever was added or deleted in between.
 */
record PageRequest(int limit, SortKey after, Boolean poisonous, Boolean identifiable) {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final int MAX_CURSOR_LENGTH = 512;

  /** {@code query}: {@code limit}, {@code cursor}, {@code poisonous}, {@code identifiable} as strings, each optional. */
  static PageRequest parse(JsonObject query) {
    return new PageRequest(Limits.parse(query.getValue("limit"), DEFAULT_LIMIT, MAX_LIMIT), after(query.getValue("cursor")),
        flag("poisonous", query.getValue("poisonous")), flag("identifiable", query.getValue("identifiable")));
  }

  static String cursor(SortKey last) {
    byte[] json = new JsonArray().add(last.nameKo()).add(last.id()).encode().getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }


  private static SortKey after(Object value) {
    if (value == null) {
      return null;
    }
    try {
      String cursor = value.toString();
      if (cursor.length() <= MAX_CURSOR_LENGTH) {
        JsonArray key = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        if (key.size() == 2 && key.getValue(0) instanceof String name && key.getValue(1) instanceof String id) {
          return new SortKey(name, id);
        }
      }
    } catch (IllegalArgumentException | DecodeException ignored) {
      // reported below
    }
    throw ServiceException.invalidParameter("cursor", "cursor가 올바르지 않아요. 처음부터 다시 불러와 주세요.");
  }

  /** An optional true/false filter; null when absent. */
  private static Boolean flag(String name, Object value) {
    if (value == null) {
      return null;
    }
    return switch (value.toString()) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw ServiceException.invalidParameter(name, name + "는 true 또는 false여야 해요.");
    };
  }
}
