package app.poison.http;

import app.poison.messaging.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds every request body before a route reads it: a declared length over the largest body any
 * route takes is refused with 413 unread, and a body not fully received {@code timeoutMs} after
 * its headers is refused with 408 and its connection closed, however slowly it trickles in (the
 * server's idle timeout only catches a body that stops). A refusal answered while the body is still
 * arriving closes the connection once the rest is drained or the time is up.
 */
final class BodyLimits implements Handler<RoutingContext> {
  private final long maxBytes;
  private final long timeoutMs;

  BodyLimits(long maxBytes, long timeoutMs) {
    this.maxBytes = maxBytes;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaredOver(length)) {
      Responses.fail(ctx, ErrorCode.PAYLOAD_TOO_LARGE, "body_too_large", "요청 본문이 너무 커요 (최대 " + maxBytes + " 바이트).");
      return;
    }
    if (length != null || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
      long timer = ctx.vertx().setTimer(timeoutMs, id -> expire(ctx));
      ctx.addEndHandler(ended -> {
        if (request.isEnded()) {
          ctx.vertx().cancelTimer(timer);
        }
      });
    }
    ctx.next();
  }

  private boolean declaredOver(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException malformed) {
      return false; // the HTTP decoder refuses it
    }
  }

  private static void expire(RoutingContext ctx) {
    if (ctx.request().isEnded()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    ctx.addEndHandler(ended -> ctx.request().connection().close());
    Responses.fail(ctx, ErrorCode.REQUEST_TIMEOUT, "body_timeout", "요청 본문이 제시간에 도착하지 않았어요.");
  }
}
