package app.poison.ranking;

import app.poison.messaging.Limits;
import app.poison.messaging.ServiceException;
import io.vertx.core.json.JsonObject;

/**
 * A validated rankings read: {@code window} and {@code limit} for the board, or {@code plant} and a
 * rolling {@code window} for one plant's series. Fails with {@code invalid_window},
 * {@code invalid_limit} or {@code invalid_plant}.
 */
public record RankingQuery(RankingWindow window, int limit, String plant) {
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 100;

  public static RankingQuery board(String window, String limit) {
    return new RankingQuery(RankingWindow.parse(window, false), Limits.parse(limit, DEFAULT_LIMIT, MAX_LIMIT), null);
  }

  public static RankingQuery series(String plant, String window) {
    if (plant == null || plant.isBlank() || plant.length() > 200) {
      throw ServiceException.invalidParameter("plant", "plant에 식물 id를 넣어 주세요.");
    }
    return new RankingQuery(RankingWindow.parse(window, true), 0, plant.trim());
  }

  public static RankingQuery fromJson(JsonObject json) {
    String window = json.getString("window");
    return json.getString("plant") != null
        ? series(json.getString("plant"), window)
        : board(window, String.valueOf(json.getInteger("limit", DEFAULT_LIMIT)));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("window", window.wireName());
    return plant == null ? json.put("limit", limit) : json.put("plant", plant);
  }

}
