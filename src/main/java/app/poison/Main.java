package app.poison;

import app.poison.config.ConfigException;
import app.poison.config.PoisonConfig;
import app.poison.feedback.TrainingExport;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/** Command line: {@code serve} (default), {@code train}, {@code eval}, {@code export-training}. */
public final class Main {
  static final int EXIT_USAGE = 2;
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    // DJL must never reach the network: the native library ships in the jar.
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
    String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
    int exit = switch (command) {
      case "serve" -> serve();
      case "train" -> ModelCommands.train(rest);
      case "eval" -> ModelCommands.eval(rest);
      case "export-training" -> exportTraining(rest);
      default -> {
        LOG.error("Unknown command '{}'. Usage: java -jar poison.jar [serve|train|eval|export-training] [options]", command);
        yield EXIT_USAGE;
      }
    };
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /** Reads the same configuration (conf file and environment) as {@code serve}. */
  private static int exportTraining(String[] args) {
    Map<String, String> options = ModelCommands.parse(args);
    if (options == null || !options.containsKey("out") || options.size() != 1) {
      LOG.error("Usage: export-training --out DIR");
      return EXIT_USAGE;
    }
    try {
      TrainingExport.run(PoisonConfig.load(System.getenv()), Path.of(options.get("out")));
      return 0;
    } catch (ConfigException e) {
      LOG.error(e.getMessage());
      return EXIT_USAGE;
    } catch (Exception e) {
      LOG.error("export-training failed: {}", e.getMessage(), e);
      return 1;
    }
  }

  private static int serve() {
    JsonObject config;
    try {
      config = PoisonConfig.load(System.getenv());
    } catch (ConfigException e) {
      LOG.error(e.getMessage());
      return EXIT_USAGE;
    }
    long started = System.nanoTime();
    PoisonService service;
    try {
      service = PoisonService.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("POISON failed to start", e);
      return 1;
    }
    LOG.info("POISON ready on port {} in {} ms", service.httpPort(), (System.nanoTime() - started) / 1_000_000);
    AtomicBoolean stopping = new AtomicBoolean();
    stopOnSignal(service, "TERM", stopping);
    stopOnSignal(service, "INT", stopping);
    return 0;
  }

  /**
   * SIGTERM drains and stops the service, then exits 0 (a JVM killed by the signal exits 143).
   * Only the first signal stops it: a second (TERM then INT) must not close the stores twice.
   */
  private static void stopOnSignal(PoisonService service, String signal, AtomicBoolean stopping) {
    Signal.handle(new Signal(signal), received -> {
      if (!stopping.compareAndSet(false, true)) {
        LOG.info("SIG{} received, already shutting down", signal);
        return;
      }
      LOG.info("SIG{} received, shutting down", signal);
      Thread stopper = new Thread(() -> {
        try {
          service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
          LOG.info("POISON stopped");
        } catch (Exception e) {
          LOG.warn("Shutdown did not complete cleanly", e);
        }
        Runtime.getRuntime().halt(0);
      }, "poison-shutdown");
      stopper.start();
    });
  }
}
