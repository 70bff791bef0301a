package app.poison.http;

import app.poison.messaging.Addresses;
import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * Per-client rate limit (by remote address): {@code perMinute} requests, refilled continuously,
 * counted by the identification service in Redis so that every api node shares one bucket per
 * client and concurrent requests cannot overdraw it. A security-policy handler, so that it runs
 * before any body handler: a client over its rate is refused unread (the body waits, paused).
 */
final class UploadRateLimiter implements SecurityPolicyHandler {
  private final JsonObject bucket;

  /** {@code bucket}: the name of the limit ({@code uploads}, {@code feedback}), counted apart. */
  UploadRateLimiter(String bucket, int perMinute) {
    this.bucket = new JsonObject().put("bucket", bucket).put("per_minute", perMinute);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.request().pause();
    ctx.vertx().eventBus().<JsonObject>request(Addresses.RATE_TAKE, bucket.copy().put("client", clientOf(ctx)))
        .map(Message::body)
        .onSuccess(reply -> {
          long waitMs = reply.getLong("retry_after_ms", 0L);
          if (waitMs <= 0) {
            ctx.next();
          } else {
            Responses.fail(ctx, new ServiceException(ErrorCode.RATE_LIMITED, "rate_limited",
                "요청이 너무 잦아요. 잠시 후 다시 시도해 주세요.", new JsonObject().put("retry_after", (waitMs + 999) / 1000)));
          }
        })
        .onFailure(error -> Responses.fail(ctx, error));
  }

  /** The client key of rate limits and of "the same client" (its feedback on a job replaces the earlier one). */
  static String clientOf(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
