package app.poison;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP proxy in front of a real server (RabbitMQ, Redis): stopping it cuts every connection and
 * refuses new ones, as if the server were down; starting it again on the same port brings it back.
 */
public final class TcpProxy {
  private final Vertx vertx;
  private final int port;
  private final int targetPort;
  private final Set<NetSocket> sockets = new HashSet<>();
  private NetServer server;

  public TcpProxy(Vertx vertx, int port, int targetPort) {
    this.vertx = vertx;
    this.port = port;
    this.targetPort = targetPort;
  }

  public int port() {
    return port;
  }

  public Future<Void> start() {
    NetClient client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(inbound -> {
      inbound.pause();
      client.connect(targetPort, "127.0.0.1").onSuccess(outbound -> {
        track(inbound);
        track(outbound);
        inbound.handler(outbound::write);
        outbound.handler(inbound::write);
        inbound.closeHandler(v -> outbound.close());
        outbound.closeHandler(v -> inbound.close());
        inbound.resume();
      }).onFailure(error -> inbound.close());
    });
    return server.listen(port, "127.0.0.1").mapEmpty();
  }

  private synchronized void track(NetSocket socket) {
    sockets.add(socket);
  }

  public Future<Void> stop() {
    Future<Void> closed = server.close();
    synchronized (this) {
      sockets.forEach(NetSocket::close);
      sockets.clear();
    }
    return closed;
  }
}
