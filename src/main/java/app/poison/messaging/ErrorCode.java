package app.poison.messaging;

/**
 * The one failure model: every service fails with one of these codes, and the HTTP layer maps it
 * to a status here and nowhere else.
 */
public enum ErrorCode {
  INVALID_PARAMETER(400),
  INVALID_BODY(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  RATE_LIMITED(429),
  UNAVAILABLE(503),
  TIMEOUT(503),
  INTERNAL(500),
  // Appended after INTERNAL, so that the failure codes of the ones above stay what they were on the bus.
  REQUEST_TIMEOUT(408),
  RANGE_NOT_SATISFIABLE(416),
  URI_TOO_LONG(414),
  HEADERS_TOO_LARGE(431),
  HTTP_VERSION_NOT_SUPPORTED(505);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Failure code carried by an event-bus {@code ReplyException}: stable, distinct per code. */
  public int failureCode() {
    return 1000 + ordinal();
  }

  public static ErrorCode fromFailureCode(int failureCode) {
    int index = failureCode - 1000;
    ErrorCode[] values = values();
    return index >= 0 && index < values.length ? values[index] : INTERNAL;
  }

  /** The snake_case code clients see, e.g. {@code invalid_parameter}. */
  public String wireName() {
    return name().toLowerCase();
  }
}
