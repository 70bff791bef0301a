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
    Subscription subscription = new Subscription(prefetch, handler);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(queue, message -> {
      message.reply(null); // received: the sender's job is now this process's to run
      subscription.offer(message.body());
    });
    consumers.add(consumer);
    return consumer.completion();
  }


  @Override
  public Future<Void> close() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** Jobs waiting for one handler, run at most {@code prefetch} at a time; failed ones come back later. */
  private final class Subscription {
    final int prefetch;
    final Function<JsonObject, Future<Void>> handler;
    final Deque<JsonObject> waiting = new ArrayDeque<>();
    int inFlight;

    Subscription(int prefetch, Function<JsonObject, Future<Void>> handler) {
      this.prefetch = prefetch;
      this.handler = handler;
    }

    void offer(JsonObject job) {
      waiting.add(job);
      drain();
    }

    void drain() {
      while (inFlight < prefetch && !waiting.isEmpty()) {
        JsonObject job = waiting.poll();
        inFlight++;
        handler.apply(job).onComplete(result -> {
          inFlight--;
          if (result.failed()) {
            vertx.setTimer(RETRY_DELAY_MS, id -> offer(job));
          }
          drain();
        });
      }
    }
  }
}
