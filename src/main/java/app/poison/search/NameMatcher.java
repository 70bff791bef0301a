package app.poison.search;

/**
 * Decides whether a query term matches a name and scores it: exact (1) > alias and keyboard
 * exact > family (0.9) > prefix and initials (0.75–0.95, more for covering more of the name) >
 * typo (0.3–0.7, less for more edits). A name too far from the term is no match at all, so
 * unrelated queries find nothing. A family name matches only when typed in full.
 */
final class NameMatcher {
  private static final double EXACT_SCORE = 1.0;
  private static final double ALIAS_SCORE = 0.98;
  private static final double KEYBOARD_EXACT_SCORE = 0.97;
  private static final double FAMILY_SCORE = 0.9;
  private static final double PREFIX_BASE = 0.75;
  private static final double INITIALS_BASE = 0.8;
  /** Typing in the wrong keyboard mode ranks just below typing the same thing in the right one. */
  private static final double WRONG_MODE_PENALTY = 0.01;
  private static final double TYPO_BEST = 0.7;
  private static final double TYPO_RANGE = 0.4;
  /** Shorter Latin prefixes (and keys typed in the wrong mode) say too little to match. */
  private static final int MIN_LATIN_PREFIX = 3;

  private NameMatcher() {
  }

  /** The match of {@code term} on {@code entry}, or null when they are not close. */
  static NameMatch match(NameForms term, NameEntry entry) {
    if (entry.family()) {
      return term.norm().equals(entry.forms().norm()) ? NameMatch.whole(entry, NameMatch.FAMILY, FAMILY_SCORE) : null;
    }
    if (term.korean() != entry.forms().korean()) {
      return wrongKeyboardMode(term, entry);
    }
    return term.korean() ? koreanOnKorean(term, entry) : latinOnLatin(term, entry);
  }

  private static NameMatch koreanOnKorean(NameForms term, NameEntry entry) {
    NameForms name = entry.forms();
    if (term.norm().equals(name.norm())) {
      boolean alias = entry.field().equals(NameEntry.ALIASES_KO);
      return NameMatch.whole(entry, alias ? NameMatch.ALIAS : NameMatch.EXACT, alias ? ALIAS_SCORE : EXACT_SCORE);
    }
    if (term.initialsOnly() && name.initials().startsWith(term.norm())) {
      return NameMatch.partial(entry, NameMatch.INITIALS, covering(INITIALS_BASE, term.norm(), name.initials()));
    }
    if (name.keys().startsWith(term.keys())) {
      return NameMatch.partial(entry, NameMatch.PREFIX, covering(PREFIX_BASE, term.keys(), name.keys()));
    }
    double allowed = allowedKoreanCost(Math.max(term.syllables().length, name.syllables().length));
    if (Math.abs(term.syllables().length - name.syllables().length) * EditDistance.SYLLABLE_REPEAT > allowed) {
      return null; // too many syllables apart for any alignment
    }
    double cost = EditDistance.korean(term.syllables(), name.syllables());
    return cost <= allowed ? NameMatch.whole(entry, NameMatch.TYPO, typoScore(cost, allowed)) : null;
  }

  private static NameMatch latinOnLatin(NameForms term, NameEntry entry) {
    String kind = entry.field().equals(NameEntry.SCIENTIFIC_NAME) ? NameMatch.SCIENTIFIC : NameMatch.ENGLISH;
    String name = entry.forms().norm();
    if (term.norm().equals(name)) {
      return NameMatch.whole(entry, kind, EXACT_SCORE);
    }
    if (term.norm().length() >= MIN_LATIN_PREFIX && name.startsWith(term.norm())) {
      return NameMatch.partial(entry, kind, covering(PREFIX_BASE, term.norm(), name));
    }
    return latinTypo(term.norm(), name, entry, NameMatch.TYPO);
  }

  /** Korean typed in English mode (wlsekffo → 진달래), or English typed in Korean mode. */
  private static NameMatch wrongKeyboardMode(NameForms term, NameEntry entry) {
    String keys = entry.forms().keys();
    if (term.keys().length() < MIN_LATIN_PREFIX) {
      return null;
    }
    if (term.keys().equals(keys)) {
      return NameMatch.whole(entry, NameMatch.KEYBOARD, KEYBOARD_EXACT_SCORE);
    }
    if (keys.startsWith(term.keys())) {
      return NameMatch.partial(entry, NameMatch.KEYBOARD, covering(PREFIX_BASE, term.keys(), keys) - WRONG_MODE_PENALTY);
    }
    return latinTypo(term.keys(), keys, entry, NameMatch.KEYBOARD);
  }

  private static NameMatch latinTypo(String typed, String target, NameEntry entry, String kind) {
    int allowed = allowedLatinEdits(Math.max(typed.length(), target.length()));
    if (allowed == 0 || Math.abs(typed.length() - target.length()) > allowed) {
      return null;
    }
    int edits = EditDistance.latin(typed, target);
    return edits <= allowed ? NameMatch.whole(entry, kind, typoScore(edits, allowed)) : null;
  }

  private static double covering(double base, String typed, String target) {
    return base + 0.2 * typed.length() / target.length();
  }

  private static double typoScore(double cost, double allowed) {
    return TYPO_BEST - TYPO_RANGE * cost / (allowed + 0.01);
  }

  /**
   * One syllable-sized edit from three syllables on; less below, where one edit is half a name.
   * Longer names allow a little more, not a second syllable: 대나무 is not 때죽나무.
   */
  static double allowedKoreanCost(int syllables) {
    return switch (syllables) {
      case 0, 1 -> 0.45;
      case 2 -> 0.75;
      case 3 -> 1.05;
      default -> Math.min(1.05 + 0.2 * (syllables - 3), 2.2);
    };
  }

  /**
   * Letter edits (a swap counting once) allowed in a Latin name of {@code length} letters: one
   * slip in a short word, but not two (tomato is not potato), up to three in a long name.
   */
  static int allowedLatinEdits(int length) {
    if (length <= 3) {
      return 0;
    }
    return length <= 7 ? 1 : length <= 11 ? 2 : 3;
  }
}
