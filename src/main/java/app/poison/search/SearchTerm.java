package app.poison.search;

/** One query term in the forms the matcher compares (see {@link NameEntry}). */
record SearchTerm(String norm, boolean korean, boolean initialsOnly, String keys, int[][] syllables) {
  static SearchTerm of(String text) {
    String norm = Hangul.normalize(text);
    boolean korean = Hangul.containsKorean(norm);
    return new SearchTerm(norm, korean, Hangul.isInitialsOnly(norm), korean ? Hangul.keys(norm) : norm,
        Hangul.syllables(norm));
  }

  boolean isEmpty() {
    return norm.isEmpty();
  }
}
