package app.poison.catalog;

import static app.poison.catalog.CatalogHttp.await;
import static app.poison.catalog.CatalogHttp.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.poison.Await;
import app.poison.PoisonService;
import app.poison.TcpProxy;
import app.poison.TestRabbit;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two api nodes on one MongoDB and the machine's RabbitMQ (own namespace per run): an edit made
 * on one node reaches the other node's in-memory view through the relayed change event, or through
 * the resync when the event was lost to a broker outage.
 */
@Tag("amqp")
class CatalogNodesTest {
  @Test
  void changesOnOneNodeReachTheOthersView() throws Exception {
    try (Nodes nodes = new Nodes(TestRabbit.URI)) {
      CatalogHttp one = nodes.one;
      CatalogHttp other = nodes.other;
      assertEquals(ids(one.walk("limit=100", page -> { })), ids(other.walk("limit=100", page -> { })));

      assertEquals(201, one.admin(HttpMethod.POST, "/api/v1/plants", CatalogHttp.plant("node-test", "노드풀")).statusCode());
      awaitTrue(() -> other.get("/api/v1/plants/node-test").statusCode() == 200);
      assertEquals(204, one.admin(HttpMethod.DELETE, "/api/v1/plants/node-test", null).statusCode());
      awaitTrue(() -> other.get("/api/v1/plants/node-test").statusCode() == 404);
      assertFalse(ids(other.walk("limit=100", page -> { })).contains("node-test"));
    }
  }

  /** The change event is lost while the first node cannot reach the broker; the resync on reconnection brings it. */
  @Test
  void aChangeMadeWhileANodeWasCutOffReachesTheOthersOnceItReconnects() throws Exception {
    Vertx vertx = Vertx.vertx();
    TcpProxy broker = new TcpProxy(vertx, TestServices.freePort(), TestRabbit.PORT);
    await(broker.start());
    try (Nodes nodes = new Nodes(TestRabbit.uri(broker.port()))) {
      await(broker.stop());
      awaitTrue(() -> nodes.one.get("/ready").statusCode() == 503);
      assertEquals(201, nodes.one.admin(HttpMethod.POST, "/api/v1/plants", CatalogHttp.plant("cut-off-test", "끊긴풀")).statusCode());
      Thread.sleep(1000);
      assertEquals(404, nodes.other.get("/api/v1/plants/cut-off-test").statusCode(), "the change event was lost");

      await(broker.start());
      awaitTrue(() -> nodes.other.get("/api/v1/plants/cut-off-test").statusCode() == 200);
      awaitTrue(() -> nodes.other.get("/api/v1/plants/search?q=" + URLEncoder.encode("끊긴풀", StandardCharsets.UTF_8)).bodyAsString().contains("cut-off-test"));
    } finally {
      await(vertx.close());
    }
  }

  /** Two api nodes on one MongoDB and Redis; the first reaches RabbitMQ at {@code firstBroker}. */
  private static final class Nodes implements AutoCloseable {
    final String namespace = TestRabbit.newNamespace();
    final PoisonService first;
    final PoisonService second;
    final CatalogHttp one;
    final CatalogHttp other;

    Nodes(String firstBroker) throws Exception {
      Map<String, String> env = new HashMap<>(Map.of(
          ConfigKeys.envName(ConfigKeys.ROLE), "api",
          ConfigKeys.envName(ConfigKeys.AMQP_URI), firstBroker,
          ConfigKeys.envName(ConfigKeys.AMQP_NAMESPACE), namespace,
          ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), CatalogHttp.TOKEN));
      first = await(TestServices.start(env));
      env.put(ConfigKeys.envName(ConfigKeys.AMQP_URI), TestRabbit.URI);
      env.put(ConfigKeys.envName(ConfigKeys.MONGO_URI), first.config().getString(ConfigKeys.MONGO_URI));
      env.put(ConfigKeys.envName(ConfigKeys.REDIS_URI), first.config().getString(ConfigKeys.REDIS_URI));
      second = await(TestServices.start(env));
      one = new CatalogHttp(first.httpPort());
      other = new CatalogHttp(second.httpPort());
      awaitTrue(() -> other.get("/ready").statusCode() == 200 && one.get("/ready").statusCode() == 200);
    }

    @Override
    public void close() throws Exception {
      one.close();
      other.close();
      await(second.stop());
      await(first.stop());
      TestRabbit.deleteNamespace(namespace);
    }
  }

  private static void awaitTrue(Await.Condition condition) throws Exception {
    Await.until(condition, Duration.ofSeconds(20), "the nodes agree");
  }
}
