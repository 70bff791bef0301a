package app.poison.http;

import app.poison.messaging.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/**
 * The SockJS event-bus bridge at {@code /eventbus}: outbound only, to {@code identifications.<id>}
 * and {@code rankings.updated}; clients cannot send anything into the bus. Job events (which may
 * come from another node through RabbitMQ) are relayed to each job's own address here.
 */
final class EventBusBridge {
  static final String PATH = "/eventbus/*";

  private EventBusBridge() {
  }

  static Router create(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTIFICATION_EVENTS, event ->
        vertx.eventBus().publish(Addresses.identification(event.body().getString("id")), event.body()));
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex("identifications\\.[0-9a-f\\-]{36}"))
        .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.RANKINGS_UPDATED));
    return SockJSHandler.create(vertx).bridge(options);
  }
}
