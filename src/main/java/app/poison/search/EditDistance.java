package app.poison.search;

/**
 * Weighted edit distances. Korean text is compared syllable by syllable, and two syllables by
 * their jamo, so a vowel confusion (ㅐ/ㅔ) or a tense consonant (ㄱ/ㄲ) costs far less than a
 * wrong syllable, while a dropped, added or swapped syllable still counts as one edit.
 */
final class EditDistance {
  static final double SYLLABLE_EDIT = 1.0;
  static final double SYLLABLE_SWAP = 0.6;
  /** A syllable typed twice (미미나리) is a slip of the finger, cheaper than any other extra one. */
  static final double SYLLABLE_REPEAT = 0.7;
  /**
   * A syllable replaced by one that shares little with it (소 for 옻) costs more than a dropped
   * one: a slip changes one or two jamo of a syllable, not the syllable (소나무 is not 옻나무).
   */
  private static final double SYLLABLE_REPLACED = 1.3;
  private static final double SIMILAR = 0.3;
  private static final double MISSING_FINAL = 0.4;
  private static final double MISSING_PART = 0.6;
  private static final double OTHER_CONSONANT = 0.8;
  private static final double OTHER_VOWEL = 0.8;
  private static final double OTHER_FINAL = 0.6;
  /** Consonants that differ only in being plain, tense or aspirated. */
  private static final String[] CONSONANT_SERIES = {"ㄱㄲㅋ", "ㄷㄸㅌ", "ㅂㅃㅍ", "ㅅㅆ", "ㅈㅉㅊ"};
  /** Final consonants that sound alike at the end of a syllable. */
  private static final String[] FINAL_SOUNDS = {"ㄱㄲㅋㄳㄺ", "ㄷㅅㅆㅈㅊㅌㅎ", "ㅂㅍㅄㄿ", "ㄴㄵㄶ", "ㄹㄼㄽㄾㅀ", "ㅁㄻ"};
  /** Vowels that people confuse when they type or spell, as pairs. */
  private static final String[] SIMILAR_VOWELS = {"ㅐㅔ", "ㅒㅖ", "ㅚㅙ", "ㅚㅞ", "ㅙㅞ", "ㅓㅗ", "ㅏㅓ", "ㅕㅛ",
      "ㅗㅜ", "ㅜㅡ", "ㅢㅣ", "ㅢㅡ", "ㅟㅣ", "ㅘㅏ", "ㅝㅓ", "ㅑㅏ", "ㅕㅓ", "ㅛㅗ", "ㅠㅜ", "ㅐㅒ", "ㅔㅖ"};

  private static final double[][] INITIAL_COST = table(Hangul.CHO, EditDistance::initialCost);
  private static final double[][] VOWEL_COST = table(Hangul.JUNG, EditDistance::vowelCost);
  private static final double[][] FINAL_COST = table(Hangul.JONG, EditDistance::finalCost);

  private EditDistance() {
  }

  private interface PairCost {
    double of(char x, char y);
  }

  /** Costs between every two jamo of one position, computed once: matching runs per candidate. */
  private static double[][] table(String jamo, PairCost cost) {
    double[][] table = new double[jamo.length()][jamo.length()];
    for (int i = 0; i < jamo.length(); i++) {
      for (int j = 0; j < jamo.length(); j++) {
        table[i][j] = i == j ? 0 : cost.of(jamo.charAt(i), jamo.charAt(j));
      }
    }
    return table;
  }

  /** Distance from typed text {@code a} to name {@code b}, both as decomposed by {@link Hangul#syllables}. */
  static double korean(int[][] a, int[][] b) {
    double[][] sub = new double[a.length][b.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        sub[i][j] = syllable(a[i], b[j]);
      }
    }
    double[][] d = new double[a.length + 1][b.length + 1];
    for (int i = 0; i <= a.length; i++) {
      d[i][0] = i * SYLLABLE_EDIT;
    }
    for (int j = 0; j <= b.length; j++) {
      d[0][j] = j * SYLLABLE_EDIT;
    }
    for (int i = 1; i <= a.length; i++) {
      boolean repeated = i > 1 && syllable(a[i - 1], a[i - 2]) == 0;
      for (int j = 1; j <= b.length; j++) {
        double best = Math.min(d[i - 1][j] + (repeated ? SYLLABLE_REPEAT : SYLLABLE_EDIT), d[i][j - 1] + SYLLABLE_EDIT);
        best = Math.min(best, d[i - 1][j - 1] + sub[i - 1][j - 1]);
        if (i > 1 && j > 1 && sub[i - 1][j - 2] == 0 && sub[i - 2][j - 1] == 0) {
          best = Math.min(best, d[i - 2][j - 2] + SYLLABLE_SWAP);
        }
        d[i][j] = best;
      }
    }
    return d[a.length][b.length];
  }

  /** Optimal string alignment distance (Damerau: adjacent swaps count once), unit costs. */
  static int latin(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j], d[i][j - 1]) + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }

  /** Cost of typing syllable {@code b} instead of {@code a}; never more than {@link #SYLLABLE_REPLACED}. */
  static double syllable(int[] a, int[] b) {
    if (a[0] == b[0] && a[1] == b[1] && a[2] == b[2]) {
      return 0;
    }
    if (a[0] < -1 || b[0] < -1) {
      return SYLLABLE_EDIT; // not Korean: equal or not, nothing in between
    }
    double cost = initial(a[0], b[0]) + vowel(a[1], b[1]) + fin(a[2], b[2]);
    return Math.min(cost, SYLLABLE_REPLACED);
  }

  private static double initial(int a, int b) {
    return a == b ? 0 : a < 0 || b < 0 ? MISSING_PART : INITIAL_COST[a][b];
  }

  private static double vowel(int a, int b) {
    return a == b ? 0 : a < 0 || b < 0 ? MISSING_PART : VOWEL_COST[a][b];
  }

  private static double fin(int a, int b) {
    return a == b ? 0 : a <= 0 || b <= 0 ? MISSING_FINAL : FINAL_COST[a][b];
  }

  private static double initialCost(char x, char y) {
    return sameGroup(CONSONANT_SERIES, x, y) ? SIMILAR : OTHER_CONSONANT;
  }

  private static double vowelCost(char x, char y) {
    for (String pair : SIMILAR_VOWELS) {
      if (pair.indexOf(x) >= 0 && pair.indexOf(y) >= 0) {
        return SIMILAR;
      }
    }
    return OTHER_VOWEL;
  }

  private static double finalCost(char x, char y) {
    boolean similar = sameGroup(FINAL_SOUNDS, x, y) || sameGroup(CONSONANT_SERIES, x, y);
    return similar ? SIMILAR : OTHER_FINAL;
  }

  private static boolean sameGroup(String[] groups, char x, char y) {
    for (String group : groups) {
      if (group.indexOf(x) >= 0 && group.indexOf(y) >= 0) {
        return true;
      }
    }
    return false;
  }
}
