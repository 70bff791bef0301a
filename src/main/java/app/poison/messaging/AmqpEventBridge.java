package app.poison.messaging;

import app.poison.config.ConfigKeys;
import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.UUID;

/**
 * Fans the {@link Addresses#FANNED_OUT} facts out to every node: local publications go to a
 * RabbitMQ fanout exchange; each node's own queue on it is re-published on the local bus. A node
 * skips its own messages (it already delivered them locally). Facts published while the broker is
 * unreachable are lost, so a node whose connection comes back asks every node, itself included,
 * to resync the catalog. Also answers the AMQP readiness check.
 */
public class AmqpEventBridge extends VerticleBase {
  /** Header on facts re-published from another node, so consumers can tell them from local ones. */
  public static final String RELAYED = "poison-relayed";
  private final String nodeId = UUID.randomUUID().toString();
  private RabbitMQClient client;
  private String exchange;
  private boolean connectedBefore;

  @Override
  public Future<?> start() {
    exchange = config().getString(ConfigKeys.AMQP_NAMESPACE) + ".events";
    client = RabbitClients.create(vertx, config().getString(ConfigKeys.AMQP_URI), "poison-events-" + nodeId);
    client.addConnectionEstablishedCallback(promise -> bindOwnQueue().onSuccess(ok -> askForResyncIfReconnected()).onComplete(promise));
    for (String address : Addresses.FANNED_OUT) {
      vertx.eventBus().<JsonObject>consumer(address, message -> {
        if (!message.headers().contains(RELAYED) && client.isConnected()) {
          forward(address, message.body());
        }
      });
    }
    vertx.eventBus().consumer(Addresses.READY_AMQP, message -> message.reply(new JsonObject()
        .put("status", client.isConnected() ? "UP" : "DOWN")));
    client.start(); // keeps reconnecting; readiness reports DOWN meanwhile
    return Future.succeededFuture();
  }

  private void forward(String address, JsonObject body) {
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
        .appId(nodeId).type(address).contentType("application/json").build();
    client.basicPublish(exchange, "", properties, body.toBuffer());
  }

  private Future<Void> bindOwnQueue() {
    String queue = exchange + "." + nodeId;
    return client.exchangeDeclare(exchange, "fanout", true, false)
        .compose(ok -> client.queueDeclare(queue, false, true, true))
        .compose(ok -> client.queueBind(queue, exchange, ""))
        .compose(ok -> client.basicConsumer(queue, new QueueOptions().setAutoAck(true)))
        .onSuccess(consumer -> consumer.handler(this::relay))
        .mapEmpty();
  }

  private void askForResyncIfReconnected() {
    if (connectedBefore) {
      vertx.eventBus().publish(Addresses.CATALOG_RESYNC, new JsonObject().put("node", nodeId));
    }
    connectedBefore = true;
  }

  private void relay(RabbitMQMessage message) {
    if (nodeId.equals(message.properties().getAppId()) || message.properties().getType() == null) {
      return;
    }
    vertx.eventBus().publish(message.properties().getType(), new JsonObject(message.body()),
        new DeliveryOptions().addHeader(RELAYED, "true"));
  }

  @Override
  public Future<?> stop() {
    return client.stop();
  }
}
