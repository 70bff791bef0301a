package app.poison;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw-WebSocket client of the SockJS event-bus bridge, as an app would use it. */
public final class EventBusSocket {
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  private EventBusSocket(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
  }

  public static Future<EventBusSocket> connect(Vertx vertx, int port) {
    return vertx.createWebSocketClient().connect(port, "127.0.0.1", "/eventbus/websocket").map(EventBusSocket::new);
  }

  public Future<Void> register(String address) {
    return socket.writeTextMessage(new JsonObject().put("type", "register").put("address", address).encode());
  }

  public Future<Void> send(String address, JsonObject body) {
    return socket.writeTextMessage(new JsonObject().put("type", "send").put("address", address).put("body", body).encode());
  }

  /** The next frame, or null after the timeout. Blocking: call from the test thread only. */
  public JsonObject next(long timeout, TimeUnit unit) throws InterruptedException {
    return frames.poll(timeout, unit);
  }

  public Future<Void> close() {
    return socket.close();
  }
}
