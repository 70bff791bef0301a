package app.poison.storage;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The embedded MongoDB-protocol server on its own, so that several POISON processes on one
 * machine can share one database: {@code java -cp poison.jar app.poison.storage.MongoServerMain
 * --port P --dir D [--host H]}. Port 0 picks a free one; the bound address is logged. SIGTERM
 * shuts it down (flushing the H2 store) and exits 0.
 */
public final class MongoServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(MongoServerMain.class);
  private static final int EXIT_USAGE = 2;

  private MongoServerMain() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    String host = "127.0.0.1";
    Integer port = null;
    Path dir = null;
    try {
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--host" -> host = value;
          case "--port" -> port = Integer.parseInt(value);
          case "--dir" -> dir = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (port == null || dir == null) {
        throw new IllegalArgumentException("--port and --dir are required");
      }
    } catch (RuntimeException e) { // a bad option, value or port number
      LOG.error("{}. Usage: MongoServerMain --port P --dir D [--host H]", e.getMessage());
      System.exit(EXIT_USAGE);
      return;
    }
    serve(host, port, Files.createDirectories(dir));
  }

  private static void serve(String host, int port, Path dir) throws InterruptedException {
    MongoServer server = EmbeddedStores.mongoServer(dir);
    server.bind(host, port);
    InetSocketAddress address = server.getLocalAddress();
    LOG.info("MongoDB-protocol server listening on {}:{} (data under {})", host, address.getPort(), dir);
    CountDownLatch signalled = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), received -> signalled.countDown());
    Signal.handle(new Signal("INT"), received -> signalled.countDown());
    signalled.await();
    server.shutdown();
    LOG.info("MongoDB-protocol server stopped");
    System.exit(0);
  }
}
