package app.poison.bench;

import app.poison.PoisonService;
import app.poison.identify.PlantFacts;
import app.poison.messaging.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rankings under load, against the service started on a free port with its embedded stores.
 * {@code counting}: identification events at 500/s, each delivered twice (as after a redelivery),
 * then a burst; reports the backlog and the counting rate. {@code http}: wrk at 64 connections on
 * {@code GET /api/v1/rankings?window=hour}, idle and while 500 identifications/s are counted.
 * See README, "Rankings".
 */
public final class RankingBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(RankingBenchmark.class);
  private static final int RATE = 500;
  private static final int BURST = 20_000;

  private final PoisonService service;
  private final String base;
  private final IdentifyClient client;
  private final List<String> plants;
  private final AtomicLong sent = new AtomicLong();

  private RankingBenchmark(BenchService running, List<String> plants) {
    this.service = running.service();
    this.base = running.baseUrl();
    this.client = new IdentifyClient(base);
    this.plants = plants;
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "counting";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<String> plants = List.copyOf(PlantFacts.loadDefault().keySet());
    try (BenchService service = BenchService.start(BenchService.config(Map.of()))) {
      RankingBenchmark benchmark = new RankingBenchmark(service, plants);
      benchmark.awaitCounted(0);
      if (mode.equals("http")) {
        benchmark.http(seconds);
      } else {
        benchmark.counting(seconds);
      }
    }
  }

  private void counting(int seconds) throws Exception {
    long feeder = feed();
    long maxBacklog = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      Thread.sleep(250);
      maxBacklog = Math.max(maxBacklog, sent.get() - counted());
    }
    service.vertx().cancelTimer(feeder);
    long stopped = System.nanoTime();
    long total = sent.get();
    awaitCounted(total);
    LOG.info("Counting at {}/s (each event twice): {} identifications in {} s, largest backlog {}, all counted {} ms after the last",
        RATE, total, seconds, maxBacklog, (System.nanoTime() - stopped) / 1_000_000);

    long burstStart = System.nanoTime();
    publish(BURST);
    awaitCounted(total + BURST);
    double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
    LOG.info("Burst: {} identifications counted in {} s ({} /s)", BURST, String.format("%.2f", burstSeconds),
        Math.round(BURST / burstSeconds));
  }

  private void http(int seconds) throws Exception {
    publish(5_000);
    awaitCounted(5_000);
    wrk("/health, for comparison on this machine", "/health", seconds);
    wrk("idle (no identifications)", "/api/v1/rankings?window=hour", seconds);
    long feeder = feed();
    wrk("while counting " + RATE + " identifications/s", "/api/v1/rankings?window=hour", seconds);
    service.vertx().cancelTimer(feeder);
  }

  /** Publishes {@link #RATE} identifications a second, in ticks of 10 ms; returns the timer. */
  private long feed() {
    return service.vertx().setPeriodic(10, id -> publish(RATE / 100));
  }

  private void publish(int count) {
    Vertx vertx = service.vertx();
    for (int i = 0; i < count; i++) {
      long n = sent.incrementAndGet();
      JsonObject event = identification("bench-" + n, plants.get((int) (n * 7 % plants.size())));
      vertx.eventBus().publish(Addresses.IDENTIFICATION_EVENTS, event);
      vertx.eventBus().publish(Addresses.IDENTIFICATION_EVENTS, event); // a redelivery: must not count
    }
  }

  private static JsonObject identification(String id, String plant) {
    JsonObject candidate = new JsonObject().put("plant", new JsonObject().put("id", plant)).put("score", 0.9);
    return new JsonObject().put("id", id).put("status", "succeeded").put("finished_at", Instant.now().toString())
        .put("result", new JsonObject().put("match", "confident").put("candidates", new JsonArray().add(candidate)));
  }

  /** Identifications counted all time, or -1 while the rankings cannot answer. */
  private long counted() throws InterruptedException {
    try {
      return client.rankedTotal();
    } catch (IOException notReadable) {
      return -1;
    }
  }

  private void awaitCounted(long expected) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    long counted;
    while ((counted = counted()) != expected) {
      if (System.nanoTime() > deadline || counted > expected) {
        throw new IllegalStateException("counted " + counted + ", expected " + expected);
      }
      Thread.sleep(20);
    }
  }

  private void wrk(String label, String path, int seconds) throws Exception {
    Wrk.run(label, base + path, seconds + "s", null);
  }
}
