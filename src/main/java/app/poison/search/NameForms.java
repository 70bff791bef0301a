package app.poison.search;

/**
 * A name or a query term in every form the matcher compares: normalised text, whether it is
 * Korean, its 두벌식 keys, its 초성 and its syllables (see {@link Hangul}).
 */
record NameForms(String norm, boolean korean, String keys, String initials, int[][] syllables) {
  static NameForms of(String text) {
    String norm = Hangul.normalize(text);
    boolean korean = Hangul.containsKorean(norm);
    return new NameForms(norm, korean, korean ? Hangul.keys(norm) : norm, korean ? Hangul.initials(norm) : "",
        Hangul.syllables(norm));
  }

  boolean isEmpty() {
    return norm.isEmpty();
  }

  /** A 초성 query such as ㅈㄷㄹ. */
  boolean initialsOnly() {
    return Hangul.isInitialsOnly(norm);
  }
}
