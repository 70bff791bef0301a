package app.poison.messaging;

import io.vertx.core.Vertx;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

/** RabbitMQ connections that keep trying to reconnect while the broker is away. */
final class RabbitClients {
  private RabbitClients() {
  }

  static RabbitMQClient create(Vertx vertx, String uri, String connectionName) {
    RabbitMQOptions options = new RabbitMQOptions()
        .setUri(uri)
        .setConnectionName(connectionName)
        .setConnectionTimeout(3000)
        .setRequestedHeartbeat(10)
        .setAutomaticRecoveryEnabled(false)
        .setReconnectAttempts(Integer.MAX_VALUE)
        .setReconnectInterval(1000);
    return RabbitMQClient.create(vertx, options);
  }
}
