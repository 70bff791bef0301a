package app.poison.messaging;

import app.poison.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * A work queue of JSON jobs. Without {@code amqp.uri} it runs on the local event bus; with it, on
 * a durable RabbitMQ queue (persistent messages, publisher confirms, manual acks).
 */
public interface JobQueue {

  /** Enqueues durably; fails with {@link ErrorCode#UNAVAILABLE} when the queue cannot take it. */
  Future<Void> send(String queue, JsonObject job);

  /**
   * Delivers jobs to {@code handler}, at most {@code prefetch} at a time. A job whose future
   * succeeds is acknowledged; one whose future fails is delivered again later (the job's own
   * attempt count decides when to give up).
   */
  Future<Void> consume(String queue, int prefetch, Function<JsonObject, Future<Void>> handler);


  Future<Void> close();

  static JobQueue create(Vertx vertx, JsonObject config) {
    String amqpUri = config.getString(ConfigKeys.AMQP_URI);
    return amqpUri == null ? new LocalJobQueue(vertx) : new RabbitJobQueue(vertx, amqpUri, config.getString(ConfigKeys.AMQP_NAMESPACE));
  }

  static ServiceException unavailable(String message) {
    return new ServiceException(ErrorCode.UNAVAILABLE, "queue_unavailable", message, new JsonObject().put("retry_after", 5));
  }
}
