package app.poison.identify;

import app.poison.messaging.ServiceException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Per-client token buckets in Redis, shared by every api node: {@code per_minute} tokens, refilled
 * continuously. One Lua step refills, takes a token and stores the bucket, so concurrent requests
 * on any number of nodes never take more than there are. Answers {@code rates.take}.
 */
final class ClientRates {
  private static final String KEY = "poison:rate:";
  /** KEYS: the bucket; ARGV: tokens per minute, now (ms). Returns 0 when granted, else ms until a token. */
  private static final String TAKE = """
      local capacity = tonumber(ARGV[1])
      local now = tonumber(ARGV[2])
      local perMs = capacity / 60000
      local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
      local tokens = tonumber(state[1]) or capacity
      local at = tonumber(state[2]) or now
      tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
      local wait = 0
      if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / perMs) end
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
      redis.call('PEXPIRE', KEYS[1], 60000)
      return wait
      """;
  private final Redis redis;

  ClientRates(Redis redis) {
    this.redis = redis;
  }

  /** {@code {"bucket", "client", "per_minute"}} → {@code {"retry_after_ms"}} (0: granted). */
  void take(Message<JsonObject> message) {
    JsonObject body = message.body();
    redis.send(Request.cmd(Command.EVAL).arg(TAKE).arg(1)
            .arg(KEY + body.getString("bucket") + ":" + body.getString("client"))
            .arg(body.getInteger("per_minute")).arg(System.currentTimeMillis()))
        .onSuccess(wait -> message.reply(new JsonObject().put("retry_after_ms", wait.toLong())))
        .onFailure(error -> ServiceException.orUnavailable(error).replyTo(message));
  }
}
