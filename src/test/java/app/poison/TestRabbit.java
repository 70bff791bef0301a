package app.poison;

import static app.poison.Await.await;

import app.poison.messaging.Addresses;
import io.vertx.core.Vertx;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.util.List;
import java.util.UUID;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest/guest) as tests use it: each test in an AMQP
 * namespace of its own, deleted afterwards.
 */
public final class TestRabbit {
  public static final int PORT = 5672;
  public static final String URI = uri(PORT);

  private TestRabbit() {
  }

  /** The broker, or a proxy in front of it, on {@code port}. */
  public static String uri(int port) {
    return "amqp://guest:guest@127.0.0.1:" + port;
  }

  public static String newNamespace() {
    return "poison-test-" + UUID.randomUUID();
  }

  /** Deletes the namespace's job queues and event exchange; what does not exist is skipped. */
  public static void deleteNamespace(String namespace) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      RabbitMQClient admin = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(URI));
      await(admin.start());
      for (String queue : List.of(Addresses.QUEUE_INFERENCE, Addresses.QUEUE_RESULTS)) {
        await(admin.queueDelete(namespace + "." + queue).recover(error -> null));
      }
      await(admin.exchangeDelete(namespace + ".events").recover(error -> null));
      await(admin.stop());
    } finally {
      await(vertx.close());
    }
  }
}
