package app.poison.http;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON responses and the single mapping of failures to HTTP statuses. */
public final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
  private static final String JSON = "application/json; charset=utf-8";
  static final String DEFAULT_RETRY_AFTER_SECONDS = "2";

  private Responses() {
  }

  /** {@code body}: a JSON object, JSON already encoded in a {@link Buffer}, or a JSON text. */
  public static void json(RoutingContext ctx, int status, Object body) {
    HttpServerResponse response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    if (body instanceof Buffer encoded) {
      response.end(encoded);
    } else {
      response.end(body instanceof JsonObject json ? json.encode() : String.valueOf(body));
    }
  }

  public static void ok(RoutingContext ctx, JsonObject body) {
    json(ctx, 200, body);
  }

  /** Sends any failure as {@code {"error": {...}}} with the status its code maps to. */
  public static void fail(RoutingContext ctx, Throwable error) {
    if (ctx.response().ended()) {
      return;
    }
    ServiceException failure = ServiceException.from(fromWebFailure(error));
    if (failure.code() == ErrorCode.INTERNAL) {
      LOG.error("Internal error on {} {}", ctx.request().method(), ctx.request().path(), error);
    }
    int status = failure.code().httpStatus();
    if (status == 429 || status == 503) {
      JsonObject detail = failure.detail();
      Object retryAfter = detail == null ? null : detail.getValue("retry_after");
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER,
          retryAfter == null ? DEFAULT_RETRY_AFTER_SECONDS : retryAfter.toString());
    }
    json(ctx, status, new JsonObject().put("error", failure.toJson()));
  }

  /**
   * Vert.x Web reports what it cannot accept as an HttpException with a status, or throws an
   * IllegalArgumentException for input it cannot decode (a query string with "%ZZ"): both are
   * the client's errors, not ours.
   */
  private static Throwable fromWebFailure(Throwable error) {
    int status = error instanceof HttpException http ? http.getStatusCode()
        : error instanceof IllegalArgumentException ? 400 : -1;
    ErrorCode code = switch (status) {
      case 400 -> ErrorCode.INVALID_BODY;
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      default -> null;
    };
    if (code == null) {
      return error;
    }
    return new ServiceException(code, code == ErrorCode.INVALID_BODY ? "invalid_request" : code.wireName(),
        "요청을 처리할 수 없어요 (" + status + ").", null);
  }

  public static void fail(RoutingContext ctx, ErrorCode code, String wireCode, String message) {
    fail(ctx, new ServiceException(code, wireCode, message, null));
  }
}
