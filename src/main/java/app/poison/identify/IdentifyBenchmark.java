package app.poison.identify;

import app.poison.PoisonService;
import app.poison.config.ConfigKeys;
import app.poison.config.PoisonConfig;
import app.poison.inference.ImagePreprocessor;
import app.poison.training.ModelEvaluationCommand;
import app.poison.inference.PlantModel;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identification benchmark against a real in-process service (embedded stores, the served model).
 * {@code latency}: one job at a time, end to end and per stage; {@code throughput}: concurrent
 * uploaders of 3 MP photos for a while, against the model's raw batched rate measured in the
 * same run. Not a test: {@code java -cp target/poison.jar app.poison.identify.IdentifyBenchmark
 * latency|throughput [seconds] [uploaders]}. For a cluster of processes see {@link LoadHarness}.
 */
public final class IdentifyBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(IdentifyBenchmark.class);
  private static final List<String> STAGES = List.of("poison_preprocess_time", "poison_inference_queue_time", "poison_inference_time");

  private final IdentifyClient client;
  private final byte[] photo;

  private IdentifyBenchmark(int port, byte[] photo) {
    this.client = new IdentifyClient("http://127.0.0.1:" + port);
    this.photo = photo;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    String mode = args.length > 0 ? args[0] : "latency";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int uploaders = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(ConfigKeys.envName(ConfigKeys.HTTP_PORT), String.valueOf(port));
    env.put(ConfigKeys.envName(ConfigKeys.DATA_DIR), Files.createTempDirectory("poison-bench").toString());
    env.put(ConfigKeys.envName(ConfigKeys.RATE_UPLOADS_PER_MINUTE), "1000000");
    env.put(ConfigKeys.envName(ConfigKeys.JOBS_MAX_PENDING), "10000");
    JsonObject config = PoisonConfig.load(env);
    PlantModel.useTorchThreads(config.getInteger(ConfigKeys.INFERENCE_TORCH_THREADS));
    byte[] photo = BenchPhotos.synthetic();
    JsonObject raw = rawModelSpeed(Path.of(config.getString(ConfigKeys.MODEL_DIR)), photo);
    PoisonService service = PoisonService.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    try {
      IdentifyBenchmark bench = new IdentifyBenchmark(port, photo);
      bench.client.awaitReady(Duration.ofMinutes(2));
      JsonObject report = "throughput".equals(mode) ? bench.throughput(seconds, uploaders) : bench.latency(30);
      LOG.info("Raw model speed (same run): {}", raw.encode());
      LOG.info("Result: {}", report.put("raw_model", raw).encodePrettily());
    } finally {
      service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static JsonObject rawModelSpeed(Path modelDir, byte[] photo) throws IOException {
    try (PlantModel model = PlantModel.load(modelDir)) {
      float[] input = ImagePreprocessor.toInput(photo, model.spec());
      return ModelEvaluationCommand.speed(model, List.of(input));
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
    JsonObject job = client.awaitEnded(new JsonObject(response.body()).getString("id"), 2, Duration.ofMinutes(1));
    if (job == null || !"succeeded".equals(job.getString("status"))) {
      throw new IllegalStateException("job did not succeed: " + job);
    }
    return new double[] {uploaded, (System.nanoTime() - started) / 1e6};
  }

  private String photoDescription() {
    return BenchPhotos.WIDTH + "x" + BenchPhotos.HEIGHT + " JPEG, " + photo.length + " bytes";
  }
}
