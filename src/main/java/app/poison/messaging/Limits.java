package app.poison.messaging;

/** The {@code limit} query parameter shared by every list endpoint: absent → default, else 1..max. */
public final class Limits {
  private Limits() {
  }

  public static int parse(Object raw, int defaultLimit, int maxLimit) {
    if (raw == null) {
      return defaultLimit;
    }
    try {
      int value = Integer.parseInt(raw.toString().trim());
      if (value >= 1 && value <= maxLimit) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, like an out-of-range number
    }
    throw ServiceException.invalidParameter("limit", "limit은 1부터 " + maxLimit + " 사이의 정수여야 해요.");
  }
}
