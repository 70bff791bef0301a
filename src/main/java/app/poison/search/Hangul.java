package app.poison.search;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Korean text forms used by search: normalisation, syllable decomposition into jamo, initial
 * consonants (초성) and the keys a 두벌식 keyboard types for a text.
 */
public final class Hangul {
  static final String CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
  static final String JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
  /** Index 0 is "no final consonant". */
  static final String JONG = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
  private static final String TENSE_OR_ASPIRATED = "ㄲㅋㄸㅌㅃㅍㅆㅉㅊ";
  private static final String PLAIN = "ㄱㄱㄷㄷㅂㅂㅅㅈㅈ";
  private static final char FIRST_SYLLABLE = '가';
  private static final char LAST_SYLLABLE = '힣';
  private static final String COMPAT_JAMO = "ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
      + "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
  /** 두벌식 keys of each compatibility jamo above, space separated, in the same order. */
  private static final String[] COMPAT_KEYS = ("r R rt s sw sg e E f fr fa fq ft fx fv fg a q Q qt t T d w W c z x v g "
      + "k o i O j p u P h hk ho hl y n nj np nl b m ml l").split(" ");
  /** Unicode conjoining jamo (what NFD leaves when it cannot recompose) to compatibility jamo. */
  private static final String CONJOINING_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
  private static final String CONJOINING_JONG = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

  private Hangul() {
  }

  /**
   * The comparable form of a name or query: NFC (macOS sends NFD), lower case, letters and digits
   * only (spaces, hyphens, dots and the like are dropped).
   */
  public static String normalize(String text) {
    String composed = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(composed.length());
    composed.codePoints().map(Hangul::toCompatJamo).filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static int toCompatJamo(int c) {
    if (c >= 0x1100 && c <= 0x1112) {
      return CONJOINING_CHO.charAt(c - 0x1100);
    }
    if (c >= 0x1161 && c <= 0x1175) {
      return JUNG.charAt(c - 0x1161);
    }
    if (c >= 0x11A8 && c <= 0x11C2) {
      return CONJOINING_JONG.charAt(c - 0x11A8);
    }
    return c;
  }

  public static boolean isSyllable(char c) {
    return c >= FIRST_SYLLABLE && c <= LAST_SYLLABLE;
  }

  public static boolean isJamo(char c) {
    return COMPAT_JAMO.indexOf(c) >= 0;
  }

  public static boolean isKorean(char c) {
    return isSyllable(c) || isJamo(c);
  }

  /** Whether the text contains any Hangul syllable or jamo. */
  public static boolean containsKorean(String text) {
    return text.chars().anyMatch(c -> isKorean((char) c));
  }

  /** Whether the text is made only of consonant jamo, as in a 초성 query (ㅈㄷㄹ). */
  public static boolean isInitialsOnly(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> CHO.indexOf(c) >= 0);
  }

  /** 초성 of every syllable; other characters are kept as they are. */
  public static String initials(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(isSyllable(c) ? CHO.charAt((c - FIRST_SYLLABLE) / (21 * 28)) : c);
    }
    return out.toString();
  }

  /**
   * The keys typed on a 두벌식 keyboard in English mode, lower-cased (so ㄲ and ㄱ share a key):
   * 진달래 → wlsekffo. Other characters are kept as they are.
   */
  public static String keys(String text) {
    StringBuilder out = new StringBuilder(text.length() * 3);
    for (char c : text.toCharArray()) {
      if (isSyllable(c)) {
        int index = c - FIRST_SYLLABLE;
        appendKeys(out, CHO.charAt(index / (21 * 28)));
        appendKeys(out, JUNG.charAt(index / 28 % 21));
        if (index % 28 != 0) {
          appendKeys(out, JONG.charAt(index % 28));
        }
      } else if (isJamo(c)) {
        appendKeys(out, c);
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The consonants only, plain, tense and aspirated folded together (ㄱㄲㅋ → ㄱ), as upper-case
   * keys so they never equal {@link #keys}: 부추 and 브주 share "QW", so short names with a
   * vowel and a consonant slip still share something with what was typed.
   */
  public static String consonantSkeleton(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (isSyllable(c)) {
        int index = c - FIRST_SYLLABLE;
        appendKeys(out, plain(CHO.charAt(index / (21 * 28))));
        if (index % 28 != 0) {
          appendKeys(out, plain(JONG.charAt(index % 28)));
        }
      } else if (isJamo(c) && JUNG.indexOf(c) < 0) {
        appendKeys(out, plain(c));
      }
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  private static char plain(char consonant) {
    int index = TENSE_OR_ASPIRATED.indexOf(consonant);
    return index < 0 ? consonant : PLAIN.charAt(index);
  }

  private static void appendKeys(StringBuilder out, char jamo) {
    out.append(COMPAT_KEYS[COMPAT_JAMO.indexOf(jamo)]);
  }

  /**
   * Each character as {@code [cho, jung, jong]}: indexes into {@link #CHO}, {@link #JUNG} and
   * {@link #JONG}, -1 where a lone jamo lacks a part (jong 0 means no final consonant). A
   * character that is not Korean becomes {@code [-2 - c, -1, 0]} so that it only equals itself.
   */
  public static int[][] syllables(String text) {
    int[][] out = new int[text.length()][];
    for (int i = 0; i < text.length(); i++) {
      out[i] = syllable(text.charAt(i));
    }
    return out;
  }

  private static int[] syllable(char c) {
    if (isSyllable(c)) {
      int index = c - FIRST_SYLLABLE;
      return new int[] {index / (21 * 28), index / 28 % 21, index % 28};
    }
    if (CHO.indexOf(c) >= 0) {
      return new int[] {CHO.indexOf(c), -1, 0};
    }
    if (JUNG.indexOf(c) >= 0) {
      return new int[] {-1, JUNG.indexOf(c), 0};
    }
    if (JONG.indexOf(c) > 0) {
      return new int[] {-1, -1, JONG.indexOf(c)};
    }
    return new int[] {-2 - c, -1, 0};
  }
}
