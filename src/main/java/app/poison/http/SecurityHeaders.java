package app.poison.http;

import app.poison.config.ConfigKeys;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * The headers every response carries, routed or refused before the router: a Content-Security-
 * Policy the web app satisfies without {@code unsafe-inline} (scripts, styles and connections from
 * this origin only; photos also from {@code blob:} previews and, with S3, the presigned-URL host;
 * no framing), {@code nosniff} and a referrer policy.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
  private final String policy;

  SecurityHeaders(JsonObject config) {
    String s3 = config.getString(ConfigKeys.S3_ENDPOINT);
    String images = "'self' blob: data:" + (s3 == null ? "" : " " + origin(s3));
    this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images
        + "; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  @Override
  public void handle(RoutingContext ctx) {
    apply(ctx.response());
    ctx.next();
  }

  void apply(HttpServerResponse response) {
    response.putHeader("Content-Security-Policy", policy)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
  }

  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
