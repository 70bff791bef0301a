package app.poison.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load against a running service (one node or a cluster from scripts/cluster.sh): concurrent
 * uploaders of 3 MP photos, every accepted job followed to its end, RSS of every cluster process,
 * and after the run: do the rankings count each confident job exactly once, and is the service
 * ready. Used by bench/cluster-load.sh, bench/faults.sh and bench/soak.sh.
 *
 * <pre>java -cp target/poison-bench.jar app.poison.bench.LoadHarness --url http://127.0.0.1:8080
 *   [--seconds 60] [--uploaders 16] [--rate 0 (uploads/s, 0 = closed loop)] [--photos DIR]
 *   [--run-dir run/cluster] [--job-timeout 120] [--poll-ms 100] [--report FILE]</pre>
 */
public final class LoadHarness {
  private static final Logger LOG = LoggerFactory.getLogger(LoadHarness.class);
  private static final Path DEFAULT_PHOTOS = Path.of("../shared/plant-images/val");
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private LoadHarness() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    IdentifyClient client = new IdentifyClient(options.getOrDefault("url", "http://127.0.0.1:8080"));
    List<byte[]> photos = photos(options.get("photos"));
    Duration length = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "60")));
    LoadRun load = new LoadRun(client, photos, Integer.parseInt(options.getOrDefault("uploaders", "16")),
        Double.parseDouble(options.getOrDefault("rate", "0")),
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("job-timeout", "120"))),
        Long.parseLong(options.getOrDefault("poll-ms", "100")));

    client.awaitReady(Duration.ofMinutes(2));
    long rankedBefore = client.rankedTotal();
    RssSampler rss = options.containsKey("run-dir") ? RssSampler.start(Path.of(options.get("run-dir")), 2000) : null;
    LOG.info("Load: {} s, {} photos of {} bytes on average", length.toSeconds(), photos.size(),
        photos.stream().mapToInt(p -> p.length).sum() / photos.size());
    JsonObject report = load.run(length);
    report.put("rss_mb", rss == null ? new JsonObject().put("harness", LoadStats.rssMb("self")) : rss.stop(0.2));
    report.put("rankings", rankingsCheck(client, rankedBefore, report.getInteger("confident")));
    report.put("ready_after_seconds", client.secondsUntilReady(SETTLE));
    LOG.info("Result: {}", report.encodePrettily());
    if (options.containsKey("report")) {
      Files.writeString(Path.of(options.get("report")), report.encodePrettily());
    }
  }

  /** Rankings are counted asynchronously: wait until they settle on the confident jobs, or report the gap. */
  private static JsonObject rankingsCheck(IdentifyClient client, long before, int confident) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    long counted = -1;
    while (System.nanoTime() < deadline) {
      try {
        counted = client.rankedTotal() - before;
        if (counted == confident) {
          break;
        }
      } catch (IOException notYet) {
        LOG.debug("rankings not readable yet: {}", notYet.getMessage());
      }
      Thread.sleep(500);
    }
    return new JsonObject().put("confident_jobs", confident).put("counted", counted)
        .put("exactly_once", counted == confident);
  }

  private static List<byte[]> photos(String dir) throws IOException {
    Path folder = dir != null ? Path.of(dir) : DEFAULT_PHOTOS;
    if (Files.isDirectory(folder)) {
      return BenchPhotos.fromClassFolders(folder, 8);
    }
    if (dir != null) {
      throw new IOException("no such folder: " + dir);
    }
    LOG.info("{} not found: uploading a generated photo (results will be uncertain, not ranked)", DEFAULT_PHOTOS);
    return List.of(BenchPhotos.synthetic());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
