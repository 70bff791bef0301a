package app.poison.http;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
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
    ServiceException failure = ServiceException.from(error);
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

  public static void fail(RoutingContext ctx, ErrorCode code, String wireCode, String message) {
    fail(ctx, new ServiceException(code, wireCode, message, null));
  }
}
