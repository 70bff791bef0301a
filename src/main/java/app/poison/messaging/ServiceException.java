package app.poison.messaging;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * A failure a service reports to its caller. It travels over the event bus as a
 * {@link ReplyException} whose failure code is the {@link ErrorCode} and whose message is a JSON
 * object {@code {"code", "message", "detail"?}}, so the HTTP layer can rebuild it.
 */
public final class ServiceException extends RuntimeException {
  private final ErrorCode code;
  private final String wireCode;
  private final JsonObject detail;

  public ServiceException(ErrorCode code, String message) {
    this(code, code.wireName(), message, null);
  }

  /** {@code wireCode} is the specific code clients see, e.g. {@code invalid_limit}. */
  public ServiceException(ErrorCode code, String wireCode, String message, JsonObject detail) {
    super(message, null, false, false);
    this.code = code;
    this.wireCode = wireCode;
    this.detail = detail;
  }

  public static ServiceException invalidParameter(String parameter, String message) {
    return new ServiceException(ErrorCode.INVALID_PARAMETER, "invalid_" + parameter, message,
        new JsonObject().put("parameter", parameter));
  }

  public ErrorCode code() {
    return code;
  }

  public String wireCode() {
    return wireCode;
  }

  public JsonObject detail() {
    return detail;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("code", wireCode).put("message", getMessage());
    if (detail != null) {
      json.put("detail", detail);
    }
    return json;
  }

  /** Replies to {@code message} with this failure. */
  public void replyTo(Message<?> message) {
    message.fail(code.failureCode(), toJson().encode());
  }

  /** Replies with any failure: a {@code ServiceException} as itself, anything else as internal. */
  public static void fail(Message<?> message, Throwable error) {
    from(error).replyTo(message);
  }

  /**
   * A service's own failures pass through; anything else (a store that cannot be reached) is
   * temporary: 503 with Retry-After, never a 500 the client could not act on.
   */
  public static ServiceException orUnavailable(Throwable error) {
    if (error instanceof ServiceException se) {
      return se;
    }
    return new ServiceException(ErrorCode.UNAVAILABLE, "store_unavailable",
        "저장소에 일시적으로 연결할 수 없어요. 잠시 후 다시 시도해 주세요.", new JsonObject().put("retry_after", 5));
  }

  /** Rebuilds the exception on the caller's side from whatever the bus delivered. */
  public static ServiceException from(Throwable error) {
    if (error instanceof ServiceException se) {
      return se;
    }
    if (error instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        return new ServiceException(ErrorCode.TIMEOUT, "service_timeout", "서비스 응답이 늦어지고 있어요. 잠시 후 다시 시도해 주세요.", null);
      }
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return new ServiceException(ErrorCode.UNAVAILABLE, "service_unavailable", "서비스를 사용할 수 없어요. 잠시 후 다시 시도해 주세요.", null);
      }
      ErrorCode code = ErrorCode.fromFailureCode(re.failureCode());
      try {
        JsonObject json = new JsonObject(re.getMessage());
        return new ServiceException(code, json.getString("code", code.wireName()),
            json.getString("message", ""), json.getJsonObject("detail"));
      } catch (RuntimeException notJson) {
        return new ServiceException(code, re.getMessage());
      }
    }
    return new ServiceException(ErrorCode.INTERNAL, "internal_error", "내부 오류가 발생했어요.", null);
  }
}
