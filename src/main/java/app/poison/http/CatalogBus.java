package app.poison.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Requests to the catalog verticle; a failure arrives as the catalog's {@code ServiceException}. */
final class CatalogBus {
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);
  private final EventBus bus;

  CatalogBus(EventBus bus) {
    this.bus = bus;
  }

  /** The reply body: a JSON object, or JSON already encoded as a {@code Buffer} (catalog pages). */
  <T> Future<T> request(String address, JsonObject body) {
    return bus.<T>request(address, body, TIMEOUT).map(Message::body);
  }
}
