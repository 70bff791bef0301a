package app.poison.messaging;

import java.util.regex.Pattern;

/** The {@code limit} query parameter shared by every list endpoint: absent → default, else 1..max. */
public final class Limits {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private Limits() {
  }

  public static int parse(Object raw, int defaultLimit, int maxLimit) {
    if (raw == null) {
      return defaultLimit;
    }
    // Plain ASCII digits only: Integer.parseInt also takes "+5", Arabic-Indic and full-width digits.
    String text = raw.toString();
    if (DIGITS.matcher(text).matches()) {
      int value = Integer.parseInt(text);
      if (value >= 1 && value <= maxLimit) {
        return value;
      }
    }
    throw ServiceException.invalidParameter("limit", "limit은 1부터 " + maxLimit + " 사이의 정수여야 해요.");
  }
}
