package app.poison.search;

import app.poison.messaging.Limits;
import app.poison.messaging.ServiceException;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;

/** A validated search command: the query as typed and how many plants to return. */
public record SearchRequest(String q, int limit) {
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 50;
  public static final int MAX_QUERY_LENGTH = 100;

  /** Validates raw parameters (limit may be null); fails with {@code invalid_q} or {@code invalid_limit}. */
  public static SearchRequest parse(String q, String limit) {
    return new SearchRequest(validQuery(q), Limits.parse(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  public static SearchRequest fromJson(JsonObject json) {
    Object limit = json.getValue("limit");
    return parse(json.getString("q"), limit == null ? null : String.valueOf(limit));
  }

  public JsonObject toJson() {
    return new JsonObject().put("q", q).put("limit", limit);
  }

  private static String validQuery(String q) {
    if (q == null || q.isBlank()) {
      throw ServiceException.invalidParameter("q", "검색어를 입력해 주세요.");
    }
    String composed = Normalizer.normalize(q, Normalizer.Form.NFC); // NFD input is up to 3 chars a syllable
    if (composed.codePointCount(0, composed.length()) > MAX_QUERY_LENGTH) {
      throw ServiceException.invalidParameter("q", "검색어는 " + MAX_QUERY_LENGTH + "자 이하로 입력해 주세요.");
    }
    return q;
  }

}
