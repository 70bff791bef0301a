package app.poison.search;

import io.vertx.core.json.JsonObject;

/** How a query term matched one name, and how well (higher is better, at most 1). */
record NameMatch(NameEntry entry, String kind, double score) {
  static final String EXACT = "exact";
  static final String PREFIX = "prefix";
  static final String TYPO = "typo";
  static final String INITIALS = "initials";
  static final String KEYBOARD = "keyboard";
  static final String ALIAS = "alias";
  static final String ENGLISH = "english";
  static final String SCIENTIFIC = "scientific";

  JsonObject toJson() {
    return new JsonObject().put("field", entry.field()).put("value", entry.value()).put("kind", kind);
  }
}
