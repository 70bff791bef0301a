package app.poison.identify;

import app.poison.PoisonService;
import app.poison.config.ConfigKeys;
import app.poison.config.PoisonConfig;
import app.poison.inference.ImagePreprocessor;
import app.poison.inference.ModelEvaluationCommand;
import app.poison.inference.PlantModel;
import app.poison.inference.SyntheticImages;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identification benchmark against a real in-process service (embedded stores, the served model).
 * {@code latency}: one job at a time, end to end and per stage; {@code throughput}: concurrent
 * uploaders of 3 MP photos for a while, against the model's raw batched rate measured in the
 * same run. Not a test: {@code java -cp target/poison.jar app.poison.identify.IdentifyBenchmark
 * latency|throughput [seconds] [uploaders]}.
 */
public final class IdentifyBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(IdentifyBenchmark.class);
  private static final String BOUNDARY = "poison-bench-boundary";
  private static final Pattern METRIC = Pattern.compile("^(poison_[a-z_]+_seconds)_(sum|count)\\{?[^ ]*\\s+([0-9.eE+-]+)$");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final byte[] photo;
  private final AtomicInteger unique = new AtomicInteger();

  private IdentifyBenchmark(int port, byte[] photo) {
    this.base = "http://127.0.0.1:" + port;
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
    JsonObject raw = rawModelSpeed(Path.of(config.getString(ConfigKeys.MODEL_DIR)));
    PoisonService service = PoisonService.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    try {
      IdentifyBenchmark bench = new IdentifyBenchmark(port, threeMegapixelPhoto());
      bench.awaitReady();
      JsonObject report = "throughput".equals(mode) ? bench.throughput(seconds, uploaders) : bench.latency(30);
      LOG.info("Raw model speed (same run): {}", raw.encode());
      LOG.info("Result: {}", report.put("raw_model", raw).encodePrettily());
    } finally {
      service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static JsonObject rawModelSpeed(Path modelDir) throws IOException {
    try (PlantModel model = PlantModel.load(modelDir)) {
      byte[] photo = threeMegapixelPhoto();
      float[] input = ImagePreprocessor.toInput(ImagePreprocessor.decode(photo, model.spec().inputSize()), model.spec());
      return ModelEvaluationCommand.speed(model, List.of(input));
    }
  }

  private JsonObject latency(int jobs) throws Exception {
    for (int i = 0; i < 3; i++) {
      runJob(2); // warm-up
    }
    Map<String, Double> before = stageSeconds();
    List<Double> upload = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      double[] times = runJob(2);
      upload.add(times[0]);
      endToEnd.add(times[1]);
    }
    Map<String, Double> after = stageSeconds();
    JsonObject stages = new JsonObject();
    for (String stage : List.of("poison_preprocess_time", "poison_inference_queue_time", "poison_inference_time")) {
      double sum = after.getOrDefault(stage + "_sum", 0.0) - before.getOrDefault(stage + "_sum", 0.0);
      double count = after.getOrDefault(stage + "_count", 0.0) - before.getOrDefault(stage + "_count", 0.0);
      stages.put(stage + "_ms_mean", count == 0 ? null : round(1000 * sum / count));
    }
    return new JsonObject().put("jobs", jobs).put("photo", "2000x1500 JPEG, " + photo.length + " bytes")
        .put("upload_to_202_ms_median", percentile(upload, 50))
        .put("end_to_end_ms_median", percentile(endToEnd, 50))
        .put("end_to_end_ms_p95", percentile(endToEnd, 95))
        .put("server_stages", stages);
  }

  private JsonObject throughput(int seconds, int uploaders) throws Exception {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Map<String, Boolean> accepted = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < uploaders; u++) {
      Thread thread = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          try {
            long started = System.nanoTime();
            HttpResponse<String> response = upload();
            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() != 202) {
              Thread.sleep(200);
              continue;
            }
            String id = new JsonObject(response.body()).getString("id");
            accepted.put(id, false);
            if ("succeeded".equals(awaitDone(id, 20, TimeUnit.SECONDS.toNanos(120)).getString("status"))) {
              accepted.put(id, true);
              latencies.add((System.nanoTime() - started) / 1e6);
            }
          } catch (Exception e) {
            LOG.warn("uploader error: {}", e.toString());
          }
        }
      }, "uploader-" + u);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long lost = accepted.values().stream().filter(done -> !done).count();
    return new JsonObject().put("seconds", seconds).put("uploaders", uploaders)
        .put("photo", "2000x1500 JPEG, " + photo.length + " bytes")
        .put("completed", latencies.size())
        .put("jobs_per_second", round(latencies.size() / (double) seconds))
        .put("end_to_end_ms_p50", percentile(latencies, 50))
        .put("end_to_end_ms_p95", percentile(latencies, 95))
        .put("end_to_end_ms_p99", percentile(latencies, 99))
        .put("statuses", new JsonObject(new HashMap<>(statuses.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> (Object) e.getValue().get())))))
        .put("accepted_not_succeeded", lost)
        .put("rss_mb", rssMb());
  }

  /** Upload, then poll until finished: {upload→202 ms, end-to-end ms}. */
  private double[] runJob(long pollMs) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = upload();
    double uploaded = (System.nanoTime() - started) / 1e6;
    if (response.statusCode() != 202) {
      throw new IllegalStateException("upload refused: " + response.statusCode() + " " + response.body());
    }
    JsonObject job = awaitDone(new JsonObject(response.body()).getString("id"), pollMs, TimeUnit.SECONDS.toNanos(60));
    if (!"succeeded".equals(job.getString("status"))) {
      throw new IllegalStateException("job failed: " + job.encode());
    }
    return new double[] {uploaded, (System.nanoTime() - started) / 1e6};
  }

  /** The photo with unique trailing bytes after its end marker: same pixels, a new fingerprint. */
  private HttpResponse<String> upload() throws Exception {
    byte[] tail = ("bench-" + unique.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(photo);
    body.writeBytes(tail);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/identifications"))
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonObject awaitDone(String id, long pollMs, long timeoutNanos) throws Exception {
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      JsonObject job = new JsonObject(get("/api/v1/identifications/" + id).body());
      String status = job.getString("status");
      if ("succeeded".equals(status) || "failed".equals(status) || System.nanoTime() > deadline) {
        return job;
      }
      Thread.sleep(pollMs);
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (get("/ready").statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("service not ready: " + get("/ready").body());
      }
      Thread.sleep(200);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Map<String, Double> stageSeconds() throws Exception {
    Map<String, Double> values = new HashMap<>();
    for (String line : get("/metrics").body().split("\n")) {
      Matcher m = METRIC.matcher(line);
      if (m.matches()) {
        values.merge(m.group(1).replace("_seconds", "") + "_" + m.group(2), Double.parseDouble(m.group(3)), Double::sum);
      }
    }
    return values;
  }

  /** 2000×1500 with sensor-like noise, so the JPEG is as large as a phone photo of that size. */
  private static byte[] threeMegapixelPhoto() throws IOException {
    BufferedImage image = SyntheticImages.nonPlant(7, 2000).getSubimage(0, 0, 2000, 1500);
    BufferedImage noisy = new BufferedImage(2000, 1500, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < 1500; y++) {
      for (int x = 0; x < 2000; x++) {
        int rgb = image.getRGB(x, y);
        int n = random.nextInt(41) - 20;
        noisy.setRGB(x, y, (clamp((rgb >> 16 & 0xFF) + n) << 16) | (clamp((rgb >> 8 & 0xFF) + n) << 8) | clamp((rgb & 0xFF) + n));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(noisy, "jpg", out);
    return out.toByteArray();
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }

  private static long rssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return round(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1)));
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
