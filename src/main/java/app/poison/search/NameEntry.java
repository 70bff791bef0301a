package app.poison.search;

/**
 * One searchable name of a plant (its Korean name, an alias, its English or scientific name) in
 * every form the matcher compares.
 */
record NameEntry(long id, String plantId, String field, String value, String norm, boolean korean,
    String keys, String initials, int[][] syllables) {
  static final String NAME_KO = "name_ko";
  static final String ALIASES_KO = "aliases_ko";
  static final String NAME_EN = "name_en";
  static final String SCIENTIFIC_NAME = "scientific_name";

  static NameEntry of(long id, String plantId, String field, String value) {
    String norm = Hangul.normalize(value);
    boolean korean = Hangul.containsKorean(norm);
    return new NameEntry(id, plantId, field, value, norm, korean, korean ? Hangul.keys(norm) : norm,
        korean ? Hangul.initials(norm) : "", Hangul.syllables(norm));
  }
}
