package app.poison.http;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-client token bucket for uploads (by remote address): {@code perMinute} tokens, refilled
 * continuously. Runs on the HTTP verticle's event loop only, so plain maps suffice. A security-policy
 * handler, so that it runs before any body handler: a client over its rate is refused unread.
 */
final class UploadRateLimiter implements SecurityPolicyHandler {
  private static final int MAX_TRACKED_CLIENTS = 100_000;
  private final double capacity;
  private final double tokensPerNano;
  private final Map<String, double[]> buckets = new HashMap<>(); // client → {tokens, lastRefillNanos}

  UploadRateLimiter(int perMinute) {
    this.capacity = perMinute;
    this.tokensPerNano = perMinute / 60e9;
  }

  @Override
  public void handle(RoutingContext ctx) {
    double waitSeconds = take(clientOf(ctx), System.nanoTime());
    if (waitSeconds <= 0) {
      ctx.next();
      return;
    }
    Responses.fail(ctx, new ServiceException(ErrorCode.RATE_LIMITED, "rate_limited",
        "요청이 너무 잦아요. 잠시 후 다시 시도해 주세요.",
        new JsonObject().put("retry_after", (long) Math.ceil(waitSeconds))));
  }

  /** The client key of rate limits and of "the same client" (its feedback on a job replaces the earlier one). */
  static String clientOf(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }

  /** Takes a token; returns 0 when granted, else the seconds until one is available. */
  double take(String client, long now) {
    if (buckets.size() > MAX_TRACKED_CLIENTS) {
      buckets.clear(); // bounded memory; forgetting clients only grants them a fresh bucket
    }
    double[] bucket = buckets.computeIfAbsent(client, c -> new double[] {capacity, now});
    bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) * tokensPerNano);
    bucket[1] = now;
    if (bucket[0] >= 1) {
      bucket[0] -= 1;
      return 0;
    }
    return (1 - bucket[0]) / tokensPerNano / 1e9;
  }
}
