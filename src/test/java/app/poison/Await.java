package app.poison;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Blocking waits for tests that drive several services, each with its own Vert.x. */
public final class Await {
  private Await() {
  }

  /** A condition checked again and again; an exception ends the wait. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }

  /** Checks {@code condition} every 50 ms until it holds; fails with {@code what} when it does not within the timeout. */
  public static void until(Condition condition, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** Waits until something (a process the test started) accepts connections on the loopback {@code port}. */
  public static void listening(int port, Duration timeout) throws Exception {
    until(() -> accepts(port), timeout, "nothing listens on " + port);
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
