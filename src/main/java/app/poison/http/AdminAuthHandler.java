package app.poison.http;

import app.poison.config.ConfigKeys;
import app.poison.messaging.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin routes with the bearer token {@code admin.token}: unset → 403
 * {@code admin_disabled}; missing or wrong → 401. A security-policy handler, so that Vert.x Web
 * runs it before the body handler: a request without the token is refused unread.
 */
final class AdminAuthHandler implements SecurityPolicyHandler {
  private static final String BEARER = "Bearer ";
  private final byte[] token;

  AdminAuthHandler(JsonObject config) {
    String configured = config.getString(ConfigKeys.ADMIN_TOKEN);
    this.token = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token == null) {
      Responses.fail(ctx, ErrorCode.FORBIDDEN, "admin_disabled", "관리자 기능이 꺼져 있어요.");
      return;
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    // constant-time comparison: the response time must not tell how much of a guess was right
    if (bearer && MessageDigest.isEqual(token, header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"poison-admin\"");
    Responses.fail(ctx, ErrorCode.UNAUTHORIZED, "unauthorized", "관리자 토큰이 없거나 올바르지 않아요.");
  }
}
