package app.poison.messaging;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The single-process queue: jobs travel on the event bus to a consumer that buffers them and
 * handles at most {@code prefetch} at once. Durability comes from the job state in Redis, which is
 * re-enqueued at start (see the identification verticle's recovery).
 */
final class LocalJobQueue implements JobQueue {
  private static final long RETRY_DELAY_MS = 1000;
  private final Vertx vertx;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final Deque<JsonObject> waiting = new ArrayDeque<>();

  LocalJobQueue(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> send(String queue, JsonObject job) {
    return vertx.eventBus().request(queue, job)
        .recover(error -> Future.failedFuture(JobQueue.unavailable("작업 큐에 넣지 못했어요.")))
        .mapEmpty();
  }

  @Override
  public Future<Void> consume(String queue, int prefetch, Function<JsonObject, Future<Void>> handler) {
    int[] inFlight = {0};
    Runnable[] drain = new Runnable[1];
    drain[0] = () -> {
      while (inFlight[0] < prefetch && !waiting.isEmpty()) {
        JsonObject job = waiting.poll();
        inFlight[0]++;
        handler.apply(job).onComplete(result -> {
          inFlight[0]--;
          if (result.failed()) {
            vertx.setTimer(RETRY_DELAY_MS, id -> {
              waiting.add(job);
              drain[0].run();
            });
          }
          drain[0].run();
        });
      }
    };
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(queue, message -> {
      waiting.add(message.body());
      message.reply(null);
      drain[0].run();
    });
    consumers.add(consumer);
    return consumer.completion();
  }

  @Override
  public Future<Long> depth(String queue) {
    return Future.succeededFuture((long) waiting.size());
  }

  @Override
  public Future<Void> close() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
