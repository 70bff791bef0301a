package app.poison.search;

/**
 * One searchable name of a plant: its Korean name, an alias, its English or scientific name, or
 * the name of its family (Latin or Korean).
 */
record NameEntry(long id, String plantId, String field, String value, NameForms forms) {
  static final String NAME_KO = "name_ko";
  static final String ALIASES_KO = "aliases_ko";
  static final String NAME_EN = "name_en";
  static final String SCIENTIFIC_NAME = "scientific_name";
  static final String FAMILY = "family";
  static final String FAMILY_KO = "family_ko";

  static NameEntry of(long id, String plantId, String field, String value) {
    return new NameEntry(id, plantId, field, value, NameForms.of(value));
  }

  /** The plant's family rather than the plant's own name. */
  boolean family() {
    return field.equals(FAMILY) || field.equals(FAMILY_KO);
  }
}
