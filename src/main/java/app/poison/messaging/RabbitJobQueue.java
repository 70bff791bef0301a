package app.poison.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs on durable RabbitMQ queues named {@code <namespace>.<queue>}: persistent messages confirmed by
 * the broker before {@link #send} succeeds, and manual acks after the handler's work is stored, so
 * a job survives the death of any process. Consumers are re-created on every (re)connection.
 */
final class RabbitJobQueue implements JobQueue {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitJobQueue.class);
  private static final long CONFIRM_TIMEOUT_MS = 5000;
  private static final BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder()
      .contentType("application/json").deliveryMode(2).build();

  private final Vertx vertx;
  private final RabbitMQClient publisher;
  private final RabbitMQClient consumerClient;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final String namespace;
  /** Queues declared on the publisher's current connection: declared once, not on every send. */
  private final Set<String> declared = ConcurrentHashMap.newKeySet();

  /** {@code consuming}: the client re-creates a started consumer by itself after a reconnection. */
  private static final class Subscription {
    final String queue;
    final int prefetch;
    final Function<JsonObject, Future<Void>> handler;
    boolean consuming;

    Subscription(String queue, int prefetch, Function<JsonObject, Future<Void>> handler) {
      this.queue = queue;
      this.prefetch = prefetch;
      this.handler = handler;
    }
  }

  RabbitJobQueue(Vertx vertx, String uri, String namespace) {
    this.vertx = vertx;
    this.namespace = namespace;
    this.publisher = RabbitClients.create(vertx, uri, "poison-publisher");
    this.consumerClient = RabbitClients.create(vertx, uri, "poison-consumer");
    publisher.addConnectionEstablishedCallback(promise -> {
      declared.clear();
      publisher.confirmSelect().onComplete(promise);
    });
    consumerClient.addConnectionEstablishedCallback(promise -> subscribeAll().onComplete(promise));
    publisher.start().onFailure(error -> LOG.warn("RabbitMQ publisher not connected yet: {}", error.getMessage()));
  }

  private String queueName(String queue) {
    return namespace + "." + queue;
  }

  @Override
  public Future<Void> send(String queue, JsonObject job) {
    if (!publisher.isConnected()) {
      return Future.failedFuture(JobQueue.unavailable("메시지 브로커에 연결할 수 없어요. 잠시 후 다시 시도해 주세요."));
    }
    String name = queueName(queue);
    Future<Void> ready = declared.contains(name) ? Future.succeededFuture()
        : publisher.queueDeclare(name, true, false, false).onSuccess(ok -> declared.add(name)).mapEmpty();
    return ready
        .compose(ok -> publisher.basicPublish("", name, PERSISTENT, job.toBuffer()))
        .compose(ok -> publisher.waitForConfirms(CONFIRM_TIMEOUT_MS))
        .recover(error -> {
          LOG.warn("Job not confirmed by RabbitMQ: {}", error.getMessage());
          return Future.failedFuture(JobQueue.unavailable("작업을 큐에 넣지 못했어요. 잠시 후 다시 시도해 주세요."));
        });
  }

  @Override
  public Future<Void> consume(String queue, int prefetch, Function<JsonObject, Future<Void>> handler) {
    Subscription subscription = new Subscription(queue, prefetch, handler);
    subscriptions.add(subscription);
    if (consumerClient.isConnected()) {
      return subscribe(subscription);
    }
    // The connection callback subscribes everything once the broker is reachable.
    Future<Void> started = consumerClient.start();
    started.onFailure(error -> LOG.warn("RabbitMQ consumer not connected yet: {}", error.getMessage()));
    return Future.succeededFuture();
  }

  private Future<Void> subscribeAll() {
    return Future.all(subscriptions.stream().map(this::subscribe).toList()).mapEmpty();
  }

  /** Declares the queue and sets the prefetch (per channel: again after each reconnection). */
  private Future<Void> subscribe(Subscription subscription) {
    String name = queueName(subscription.queue);
    Future<Void> declared = consumerClient.queueDeclare(name, true, false, false)
        .compose(ok -> consumerClient.basicQos(subscription.prefetch));
    if (subscription.consuming) {
      return declared;
    }
    subscription.consuming = true;
    return declared.compose(ok -> consumerClient.basicConsumer(name, new QueueOptions().setAutoAck(false)))
        // The handler is set inside onSuccess: set later, the client drops the first messages.
        .onSuccess(consumer -> consumer.handler(message -> handle(subscription, message)))
        .onFailure(error -> subscription.consuming = false)
        .mapEmpty();
  }

  private void handle(Subscription subscription, RabbitMQMessage message) {
    long tag = message.envelope().getDeliveryTag();
    Future<Void> work;
    try {
      work = subscription.handler.apply(new JsonObject(message.body()));
    } catch (RuntimeException badJob) {
      LOG.error("Dropping unreadable job on {}", subscription.queue, badJob);
      consumerClient.basicAck(tag, false);
      return;
    }
    work.onSuccess(ok -> consumerClient.basicAck(tag, false))
        .onFailure(error -> vertx.setTimer(1000, id -> consumerClient.basicNack(tag, false, true)));
  }


  @Override
  public Future<Void> close() {
    return Future.join(publisher.stop(), consumerClient.stop()).mapEmpty();
  }

}
