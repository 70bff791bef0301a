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
  private static final String MARKER = "_registration_marker";
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  /** Frames that arrived while waiting for a registration, in order. */
  private final java.util.Deque<JsonObject> early = new java.util.ArrayDeque<>();

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

  /**
   * Waits until a registration has taken effect on the server (it is asynchronous): publishes
   * marker messages on {@code address} through the service's own bus until one comes back. Markers
   * are never returned by {@link #next}. Blocking: call from the test thread only.
   */
  public void awaitRegistered(Vertx service, String address) throws InterruptedException {
    long publishing = service.setPeriodic(100, id -> service.eventBus().publish(address, new JsonObject().put(MARKER, true)));
    try {
      JsonObject frame;
      do {
        frame = frames.poll(90, TimeUnit.SECONDS);
        if (frame == null) {
          throw new AssertionError("the registration on " + address + " never took effect");
        }
        if (!isMarker(frame)) {
          early.add(frame);
        }
      } while (!isMarker(frame));
    } finally {
      service.cancelTimer(publishing);
    }
  }

  /** The next frame (markers skipped), or null after the timeout. Blocking: call from the test thread only. */
  public JsonObject next(long timeout, TimeUnit unit) throws InterruptedException {
    if (!early.isEmpty()) {
      return early.poll();
    }
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    JsonObject frame;
    do {
      frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } while (frame != null && isMarker(frame));
    return frame;
  }

  private static boolean isMarker(JsonObject frame) {
    return frame.getValue("body") instanceof JsonObject body && body.getBoolean(MARKER, false); // error frames carry a text
  }

  public Future<Void> close() {
    return socket.close().eventually(client::close);
  }
}
