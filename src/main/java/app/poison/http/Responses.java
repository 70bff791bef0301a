package app.poison.http;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON responses and the single mapping of failures to HTTP statuses. */
public final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
  private static final String JSON = "application/json; charset=utf-8";
  static final String DEFAULT_RETRY_AFTER_SECONDS = "2";
  /** What Vert.x Web and Netty report by status alone, as the codes clients see. */
  private static final Map<Integer, ErrorCode> WEB_STATUSES = Map.ofEntries(
      Map.entry(400, ErrorCode.INVALID_BODY), Map.entry(401, ErrorCode.UNAUTHORIZED),
      Map.entry(403, ErrorCode.FORBIDDEN), Map.entry(404, ErrorCode.NOT_FOUND),
      Map.entry(405, ErrorCode.METHOD_NOT_ALLOWED), Map.entry(408, ErrorCode.REQUEST_TIMEOUT),
      Map.entry(413, ErrorCode.PAYLOAD_TOO_LARGE), Map.entry(414, ErrorCode.URI_TOO_LONG),
      Map.entry(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE), Map.entry(416, ErrorCode.RANGE_NOT_SATISFIABLE),
      Map.entry(431, ErrorCode.HEADERS_TOO_LARGE));

  private Responses() {
  }

  /** {@code body}: a JSON object, JSON already encoded in a {@link Buffer}, or a JSON text. */
  public static void json(RoutingContext ctx, int status, Object body) {
    json(ctx.response(), status, body);
  }

  private static void json(HttpServerResponse response, int status, Object body) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
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
    if (!ctx.request().isEnded()) { // refused before the whole body arrived: drained, and the connection not reused
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      ctx.request().resume();
    }
    send(ctx.response(), failure);
  }

  public static void fail(RoutingContext ctx, ErrorCode code, String wireCode, String message) {
    fail(ctx, new ServiceException(code, wireCode, message, null));
  }

  /** Writes a failure where there is no routing context (a request refused before the router). */
  static void send(HttpServerResponse response, ServiceException failure) {
    int status = failure.code().httpStatus();
    if (status == 429 || status == 503) {
      JsonObject detail = failure.detail();
      Object retryAfter = detail == null ? null : detail.getValue("retry_after");
      response.putHeader(HttpHeaders.RETRY_AFTER, retryAfter == null ? DEFAULT_RETRY_AFTER_SECONDS : retryAfter.toString());
    }
    json(response, status, new JsonObject().put("error", failure.toJson()));
  }

  /**
   * Vert.x Web reports what it cannot accept as an HttpException with a status, Netty's form
   * decoder throws for forms it will not decode, and an IllegalArgumentException means input that
   * cannot be decoded (a query string with "%ZZ"): all are the client's errors, not ours.
   */
  private static Throwable fromWebFailure(Throwable error) {
    if (error instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
      return new ServiceException(ErrorCode.INVALID_BODY, "too_many_form_fields", "폼 필드가 너무 많아요.", null);
    }
    if (error instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
      return new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, "form_field_too_large", "폼 필드 값이 너무 길어요.", null);
    }
    if (error instanceof HttpPostRequestDecoder.ErrorDataDecoderException) {
      return Multipart.invalid();
    }
    int status = error instanceof HttpException http ? http.getStatusCode()
        : error instanceof IllegalArgumentException ? 400 : -1;
    ErrorCode code = WEB_STATUSES.get(status);
    if (code == null) {
      return error;
    }
    return new ServiceException(code, code == ErrorCode.INVALID_BODY ? "invalid_request" : code.wireName(),
        "요청을 처리할 수 없어요 (" + status + ").", null);
  }
}
