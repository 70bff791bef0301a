package app.poison.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Samples the resident memory of the processes named by {@code <name>.pid} files in a cluster run
 * directory (see scripts/cluster.sh), every few seconds on a daemon thread. A process replaced
 * under the same name (a worker restarted) is a new series.
 */
final class RssSampler {
  private final Path runDir;
  private final long periodMs;
  private final Map<String, List<Long>> series = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  private RssSampler(Path runDir, long periodMs) {
    this.runDir = runDir;
    this.periodMs = periodMs;
  }

  static RssSampler start(Path runDir, long periodMs) {
    RssSampler sampler = new RssSampler(runDir, periodMs);
    Thread thread = new Thread(sampler::sampleUntilStopped, "rss-sampler");
    thread.setDaemon(true);
    thread.start();
    return sampler;
  }

  private void sampleUntilStopped() {
    while (running) {
      sampleOnce();
      try {
        Thread.sleep(periodMs);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sampleOnce() {
    try (Stream<Path> files = Files.list(runDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
        String name = file.getFileName().toString().replace(".pid", "");
        String pid = Files.readString(file).trim();
        long rss = LoadStats.rssMb(pid);
        if (rss >= 0) {
          series.computeIfAbsent(name + " (pid " + pid + ")", k -> new ArrayList<>()).add(rss);
        }
      }
    } catch (IOException raced) {
      // a pid file was removed while listing: the next sample sees the new state
    }
  }

  /**
   * Per process: RSS after warm-up (the sample at {@code warmupShare} of its series), at the end,
   * the maximum, and the growth from warm-up to end.
   */
  synchronized JsonObject stop(double warmupShare) {
    running = false;
    sampleOnce();
    JsonObject report = new JsonObject();
    new TreeMap<>(series).forEach((name, samples) -> {
      List<Long> copy = List.copyOf(samples);
      long warm = copy.get(Math.min(copy.size() - 1, (int) (copy.size() * warmupShare)));
      long last = copy.get(copy.size() - 1);
      report.put(name, new JsonObject().put("samples", copy.size()).put("after_warmup", warm).put("end", last)
          .put("max", copy.stream().mapToLong(Long::longValue).max().orElse(0))
          .put("growth_pct", warm == 0 ? null : LoadStats.round(100.0 * (last - warm) / warm)));
    });
    return report;
  }
}
