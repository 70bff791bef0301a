package app.poison.search;

import io.vertx.core.json.JsonObject;

/**
 * How a query term matched one name, and how well (higher is better, at most 1). A partial match
 * (a prefix, 초성) covers the start of the name only: the term may be a name still being typed.
 */
record NameMatch(NameEntry entry, String kind, double score, boolean partial) {
  static final String EXACT = "exact";
  static final String PREFIX = "prefix";
  static final String TYPO = "typo";
  static final String INITIALS = "initials";
  static final String KEYBOARD = "keyboard";
  static final String ALIAS = "alias";
  static final String ENGLISH = "english";
  static final String SCIENTIFIC = "scientific";
  static final String FAMILY = "family";

  static NameMatch whole(NameEntry entry, String kind, double score) {
    return new NameMatch(entry, kind, score, false);
  }

  static NameMatch partial(NameEntry entry, String kind, double score) {
    return new NameMatch(entry, kind, score, true);
  }

  JsonObject toJson() {
    return new JsonObject().put("field", entry.field()).put("value", entry.value()).put("kind", kind);
  }
}
