package app.poison.feedback;

import app.poison.messaging.ServiceException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque cursor of the contributions list: the sort key of the last item a client saw. */
record ListCursor(long createdMs, String id) {
  private static final int MAX_LENGTH = 256;

  String encode() {
    byte[] json = new JsonArray().add(createdMs).add(id).encode().getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  /** Null for no cursor; a cursor this service did not write → 400 {@code invalid_cursor}. */
  static ListCursor parse(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      if (cursor.length() <= MAX_LENGTH) {
        JsonArray key = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        if (key.size() == 2 && key.getValue(0) instanceof Number ms && key.getValue(1) instanceof String id) {
          return new ListCursor(ms.longValue(), id);
        }
      }
    } catch (IllegalArgumentException | DecodeException ignored) {
      // reported below
    }
    throw ServiceException.invalidParameter("cursor", "cursor가 올바르지 않아요. 처음부터 다시 불러와 주세요.");
  }
}
