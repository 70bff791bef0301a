package app.poison.http;

import app.poison.config.PoisonConfig;
import app.poison.messaging.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin access to the API or to the event-bus bridge: requests without {@code Origin}
 * (apps, curl) and from the service's own origin pass untouched; an origin on the allow-list gets
 * CORS headers (never credentials: the API authenticates with bearer tokens, not cookies) and its
 * preflight a 204; any other origin is refused with 403. The bridge's own CORS headers, which echo
 * any origin with credentials, never leave.
 */
final class CorsPolicy implements Handler<RoutingContext> {
  private static final String METHODS = "GET, HEAD, POST, PUT, DELETE";
  private static final String REQUEST_HEADERS = "Authorization, Content-Type, If-None-Match";
  private static final String EXPOSED_HEADERS = "Location, Retry-After, ETag";
  private final Set<String> allowed;

  /** {@code origins}: the validated, comma-separated allow-list of a config key (null: none). */
  CorsPolicy(String origins) {
    this.allowed = Set.copyOf(PoisonConfig.origins(origins));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    boolean listed = origin != null && allowed.contains(origin.toLowerCase(Locale.ROOT));
    ctx.addHeadersEndHandler(ignored -> keepOnlyOurs(ctx.response(), listed));
    if (origin == null || (!listed && sameOrigin(ctx, origin))) {
      ctx.next();
    } else if (!listed) {
      Responses.fail(ctx, ErrorCode.FORBIDDEN, "origin_not_allowed", "이 출처(Origin)에서는 사용할 수 없어요: " + origin);
    } else if (ctx.request().method() == HttpMethod.OPTIONS && ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
      allow(ctx.response(), origin).putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, REQUEST_HEADERS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
          .setStatusCode(204).end();
    } else {
      allow(ctx.response(), origin).putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
      ctx.next();
    }
  }

  private static HttpServerResponse allow(HttpServerResponse response, String origin) {
    return response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin).putHeader(HttpHeaders.VARY, "Origin");
  }

  /** Handlers further down (SockJS) may have set CORS headers of their own: only ours stay. */
  private static void keepOnlyOurs(HttpServerResponse response, boolean listed) {
    response.headers().remove(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
    if (!listed) {
      response.headers().remove(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN).remove(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS);
    }
  }

  /** The page was served by this host: its Origin names the authority the request was sent to. */
  private static boolean sameOrigin(RoutingContext ctx, String origin) {
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.HOST));
    } catch (IllegalArgumentException notAnOrigin) {
      return false;
    }
  }
}
