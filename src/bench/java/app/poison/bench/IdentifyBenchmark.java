package app.poison.bench;

import app.poison.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identification benchmark against a real in-process service (embedded stores, the served model).
 * {@code latency}: one job at a time, end to end and per stage; {@code throughput}: concurrent
 * uploaders of 3 MP photos for a while, against the model's raw batched rate measured in the
 * same run. Not a test: {@code java -cp target/poison-bench.jar app.poison.bench.IdentifyBenchmark
 * latency|throughput [seconds] [uploaders]}. For a cluster of processes see {@link LoadHarness}.
 */
public final class IdentifyBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(IdentifyBenchmark.class);
  private static final List<String> STAGES = List.of("poison_preprocess_time", "poison_inference_queue_time", "poison_inference_time");
  /** Status polls of one job: often enough to see its end within a few ms, not so often that they load a 2-core server. */
  private static final long POLL_MS = Long.getLong("poll.ms", 10);

  private final IdentifyClient client;
  private final byte[] photo;

  private IdentifyBenchmark(String baseUrl, byte[] photo) {
    this.client = new IdentifyClient(baseUrl);
    this.photo = photo;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    String mode = args.length > 0 ? args[0] : "latency";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int uploaders = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    JsonObject config = BenchService.config(Map.of(
        ConfigKeys.envName(ConfigKeys.RATE_UPLOADS_PER_MINUTE), "1000000",
        ConfigKeys.envName(ConfigKeys.JOBS_MAX_PENDING), "10000"));
    byte[] photo = BenchPhotos.synthetic();
    JsonObject raw = ModelSpeed.measure(config, photo);
    try (BenchService service = BenchService.start(config)) {
      IdentifyBenchmark bench = new IdentifyBenchmark(service.baseUrl(), photo);
      bench.client.awaitReady(Duration.ofMinutes(2));
      JsonObject report = "throughput".equals(mode) ? bench.throughput(seconds, uploaders) : bench.latency(30);
      LOG.info("Raw model speed (same run): {}", raw.encode());
      LOG.info("Result: {}", report.put("raw_model", raw).encodePrettily());
    }
  }

  private JsonObject latency(int jobs) throws Exception {
    for (int i = 0; i < 3; i++) {
      runJob(); // warm-up
    }
    Map<String, Double> before = client.stageSeconds();
    List<Double> upload = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      double[] times = runJob();
      upload.add(times[0]);
      endToEnd.add(times[1]);
    }
    Map<String, Double> after = client.stageSeconds();
    JsonObject stages = new JsonObject();
    for (String stage : STAGES) {
      double sum = after.getOrDefault(stage + "_sum", 0.0) - before.getOrDefault(stage + "_sum", 0.0);
      double count = after.getOrDefault(stage + "_count", 0.0) - before.getOrDefault(stage + "_count", 0.0);
      stages.put(stage + "_ms_mean", count == 0 ? null : LoadStats.round(1000 * sum / count));
    }
    return new JsonObject().put("jobs", jobs).put("photo", photoDescription())
        .put("upload_to_202_ms_median", LoadStats.percentile(upload, 50))
        .put("end_to_end_ms_median", LoadStats.percentile(endToEnd, 50))
        .put("end_to_end_ms_p95", LoadStats.percentile(endToEnd, 95))
        .put("server_stages", stages);
  }

  private JsonObject throughput(int seconds, int uploaders) throws InterruptedException {
    return new LoadRun(client, List.of(photo), uploaders, 0, Duration.ofMinutes(2), 20).run(Duration.ofSeconds(seconds))
        .put("photo", photoDescription())
        .put("rss_mb", LoadStats.rssMb("self"));
  }

  /** Upload, then poll until finished: {upload→202 ms, end-to-end ms}. */
  private double[] runJob() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = client.upload(photo);
    double uploaded = (System.nanoTime() - started) / 1e6;
    if (response.statusCode() != 202) {
      throw new IllegalStateException("upload refused: " + response.statusCode() + " " + response.body());
    }
    JsonObject job = client.awaitEnded(new JsonObject(response.body()).getString("id"), POLL_MS, Duration.ofMinutes(1));
    if (job == null || !"succeeded".equals(job.getString("status"))) {
      throw new IllegalStateException("job did not succeed: " + job);
    }
    return new double[] {uploaded, (System.nanoTime() - started) / 1e6};
  }

  private String photoDescription() {
    return BenchPhotos.WIDTH + "x" + BenchPhotos.HEIGHT + " JPEG, " + photo.length + " bytes";
  }
}
