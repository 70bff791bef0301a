package app.poison.http;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The multipart routes' first check, before any of the body is read: the type must be
 * {@code multipart/form-data} (415 otherwise) with a boundary that RFC 2046 allows (1 to 70
 * characters; 400 otherwise: Netty's decoder fails on an empty one with an index error).
 */
final class Multipart implements SecurityPolicyHandler {
  /** A security-policy handler, so that Vert.x Web runs it before a body handler on the same route. */
  static final Multipart REQUIRED = new Multipart();
  private static final String TYPE = "multipart/form-data";
  private static final Pattern BOUNDARY = Pattern.compile(
      "(?i).*;\\s*boundary=(\"[0-9a-z'()+_,\\-./:=? ]{0,69}[0-9a-z'()+_,\\-./:=?]\"|[0-9a-z'()+_,\\-./:=?]{1,70})\\s*(;.*)?");

  private Multipart() {
  }

  @Override
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(TYPE)) {
      Responses.fail(ctx, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "not_multipart", "사진은 multipart/form-data의 image 필드로 보내 주세요.");
    } else if (!BOUNDARY.matcher(type).matches()) {
      Responses.fail(ctx, invalid());
    } else {
      ctx.next();
    }
  }

  static ServiceException invalid() {
    return new ServiceException(ErrorCode.INVALID_BODY, "invalid_multipart", "업로드 본문을 읽을 수 없어요.", null);
  }
}
