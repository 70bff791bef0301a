package app.poison.http;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The one place for failures below the routes: requests the HTTP decoder could not read (line or
 * headers too long, garbage, an HTTP version other than 1.0/1.1), a request without {@code Host},
 * and a path whose percent-escapes do not decode. Each gets a JSON error and the security headers,
 * like every routed answer, and nothing is logged: these are the client's errors.
 */
final class ProtocolGuard implements Handler<HttpServerRequest> {
  private static final String DECODER = "httpDecoder";
  private static final String HEX = "0123456789abcdefABCDEF";
  private final Handler<HttpServerRequest> router;
  private final SecurityHeaders headers;

  ProtocolGuard(Handler<HttpServerRequest> router, SecurityHeaders headers) {
    this.router = router;
    this.headers = headers;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (request.getHeader(HttpHeaders.HOST) == null) {
      refuse(request, new ServiceException(ErrorCode.INVALID_PARAMETER, "missing_host", "Host 헤더가 필요해요.", null));
    } else if (!escapesDecode(request.path())) {
      refuse(request, new ServiceException(ErrorCode.INVALID_PARAMETER, "invalid_path", "주소의 경로를 읽을 수 없어요.", null));
    } else {
      router.handle(request);
    }
  }

  /** For {@code HttpServer.invalidRequestHandler}: the decoder's failure, as a JSON error. */
  void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ServiceException failure;
    if (cause instanceof TooLongHttpLineException) {
      failure = new ServiceException(ErrorCode.URI_TOO_LONG, "uri_too_long", "주소가 너무 길어요.", null);
    } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      failure = new ServiceException(ErrorCode.HEADERS_TOO_LARGE, "headers_too_large", "요청 헤더가 너무 커요.", null);
    } else if (cause instanceof UnsupportedVersion) {
      failure = new ServiceException(ErrorCode.HTTP_VERSION_NOT_SUPPORTED, "http_version_not_supported",
          "HTTP/1.1로 요청해 주세요.", null);
    } else {
      failure = new ServiceException(ErrorCode.INVALID_BODY, "bad_request", "요청을 읽을 수 없어요.", null);
    }
    refuse(request, failure);
  }

  /**
   * For {@code HttpServer.connectionHandler}: Vert.x answers an HTTP version it does not speak
   * with an empty 501 before any handler of ours runs. Marking such a request as undecodable
   * sends it to {@link #invalid} instead. This reaches into the connection's Netty pipeline
   * (Vert.x internals; it sees the first request only with h2c upgrades off, as the HTTP verticle
   * sets them); where that is not possible the empty 501 remains.
   */
  static void watchVersions(HttpConnection connection) {
    if (connection instanceof ConnectionBase base && base.channelHandlerContext().pipeline().get(DECODER) != null) {
      base.channelHandlerContext().pipeline().addAfter(DECODER, "poisonVersionCheck", new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()
              && !HttpVersion.HTTP_1_1.equals(request.protocolVersion()) && !HttpVersion.HTTP_1_0.equals(request.protocolVersion())) {
            request.setDecoderResult(DecoderResult.failure(new UnsupportedVersion()));
          }
          ctx.fireChannelRead(msg);
        }
      });
    }
  }

  private void refuse(HttpServerRequest request, ServiceException failure) {
    headers.apply(request.response());
    request.response().putHeader(HttpHeaders.CONNECTION, "close");
    Responses.send(request.response(), failure);
  }

  /** Every {@code %} starts two hex digits (what Vert.x Web's path normalisation requires). */
  static boolean escapesDecode(String path) {
    if (path == null) {
      return false;
    }
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length() || HEX.indexOf(path.charAt(i + 1)) < 0 || HEX.indexOf(path.charAt(i + 2)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static final class UnsupportedVersion extends RuntimeException {
    UnsupportedVersion() {
      super("unsupported HTTP version", null, false, false);
    }
  }
}
