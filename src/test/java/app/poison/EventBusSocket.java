package app.poison;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw-WebSocket client of the SockJS event-bus bridge, as an app would use it. */
public final class EventBusSocket {
  private final WebSocketClient client; // held: Vert.x closes a client that is garbage collected
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  private EventBusSocket(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    // The bridge sends its frames as binary WebSocket messages.
    socket.handler(data -> frames.add(new JsonObject(data)));
  }

  /** Connects as a native app does: no {@code Origin} header. */
  public static Future<EventBusSocket> connect(Vertx vertx, int port) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/eventbus/websocket").setAllowOriginHeader(false);
    WebSocketClient client = vertx.createWebSocketClient();
    return client.connect(options).map(socket -> new EventBusSocket(client, socket));
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
    return socket.close().eventually(client::close);
  }
}
