package app.poison.search;

/**
 * Decides whether a query term matches a name and scores it: exact (1) > keyboard-exact > prefix
 * and initials (0.75–0.95, more for covering more of the name) > typo (0.3–0.7, less for more
 * edits). A name too far from the term is no match at all, so unrelated queries find nothing.
 */
final class NameMatcher {
  private static final double EXACT_SCORE = 1.0;
  private static final double KEYBOARD_EXACT_SCORE = 0.97;
  private static final double PREFIX_BASE = 0.75;
  private static final double INITIALS_BASE = 0.8;
  private static final double TYPO_BEST = 0.7;
  private static final double TYPO_RANGE = 0.4;
  /** Shorter Latin prefixes (and keys typed in the wrong mode) say too little to match. */
  private static final int MIN_LATIN_PREFIX = 3;

  private NameMatcher() {
  }

  /** The match of {@code term} on {@code name}, or null when they are not close. */
  static NameMatch match(SearchTerm term, NameEntry name) {
    if (term.korean() == name.korean()) {
      return name.korean() ? koreanOnKorean(term, name) : latinOnLatin(term, name);
    }
    return wrongKeyboardMode(term, name);
  }

  private static NameMatch koreanOnKorean(SearchTerm term, NameEntry name) {
    boolean alias = name.field().equals(NameEntry.ALIASES_KO);
    if (term.norm().equals(name.norm())) {
      return new NameMatch(name, alias ? NameMatch.ALIAS : NameMatch.EXACT, alias ? KEYBOARD_EXACT_SCORE + 0.01 : EXACT_SCORE);
    }
    if (term.initialsOnly() && name.initials().startsWith(term.norm())) {
      return new NameMatch(name, NameMatch.INITIALS, covering(INITIALS_BASE, term.norm(), name.initials()));
    }
    if (name.keys().startsWith(term.keys())) {
      return new NameMatch(name, NameMatch.PREFIX, covering(PREFIX_BASE, term.keys(), name.keys()));
    }
    int[][] typed = term.syllables();
    double allowed = allowedKoreanCost(Math.max(typed.length, name.syllables().length));
    if (Math.abs(typed.length - name.syllables().length) * EditDistance.SYLLABLE_REPEAT > allowed) {
      return null; // too many syllables apart for any alignment
    }
    double cost = EditDistance.korean(typed, name.syllables());
    return cost <= allowed ? new NameMatch(name, NameMatch.TYPO, typoScore(cost, allowed)) : null;
  }

  private static NameMatch latinOnLatin(SearchTerm term, NameEntry name) {
    String kind = name.field().equals(NameEntry.SCIENTIFIC_NAME) ? NameMatch.SCIENTIFIC : NameMatch.ENGLISH;
    if (term.norm().equals(name.norm())) {
      return new NameMatch(name, kind, EXACT_SCORE);
    }
    if (term.norm().length() >= MIN_LATIN_PREFIX && name.norm().startsWith(term.norm())) {
      return new NameMatch(name, kind, covering(PREFIX_BASE, term.norm(), name.norm()));
    }
    return latinTypo(term.norm(), name.norm(), name, NameMatch.TYPO);
  }

  /** Korean typed in English mode (wlsekffo → 진달래), or English typed in Korean mode. */
  private static NameMatch wrongKeyboardMode(SearchTerm term, NameEntry name) {
    if (term.keys().length() < MIN_LATIN_PREFIX) {
      return null;
    }
    if (term.keys().equals(name.keys())) {
      return new NameMatch(name, NameMatch.KEYBOARD, KEYBOARD_EXACT_SCORE);
    }
    if (name.keys().startsWith(term.keys())) {
      return new NameMatch(name, NameMatch.KEYBOARD, covering(PREFIX_BASE, term.keys(), name.keys()) - 0.01);
    }
    return latinTypo(term.keys(), name.keys(), name, NameMatch.KEYBOARD);
  }

  private static NameMatch latinTypo(String typed, String target, NameEntry name, String kind) {
    int allowed = allowedLatinEdits(Math.max(typed.length(), target.length()));
    if (allowed == 0 || Math.abs(typed.length() - target.length()) > allowed) {
      return null;
    }
    int edits = EditDistance.latin(typed, target);
    return edits <= allowed ? new NameMatch(name, kind, typoScore(edits, allowed)) : null;
  }

  private static double covering(double base, String typed, String target) {
    return base + 0.2 * typed.length() / target.length();
  }

  private static double typoScore(double cost, double allowed) {
    return TYPO_BEST - TYPO_RANGE * cost / (allowed + 0.01);
  }

  /** One syllable-sized edit from three syllables on; less below, where one edit is half a name. */
  static double allowedKoreanCost(int syllables) {
    return switch (syllables) {
      case 0, 1 -> 0.45;
      case 2 -> 0.75;
      case 3 -> 1.05;
      default -> Math.min(1.05 + 0.35 * (syllables - 3), 2.2);
    };
  }

  static int allowedLatinEdits(int length) {
    if (length <= 3) {
      return 0;
    }
    return length <= 5 ? 1 : length <= 10 ? 2 : 3;
  }
}
