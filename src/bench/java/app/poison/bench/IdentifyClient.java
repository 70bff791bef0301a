package app.poison.bench;

import app.poison.identify.Jobs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blocking client of a running service's identification API (and its readiness, rankings and
 * metrics), for the benchmarks, the load harness and the tests that drive a service from outside.
 */
public final class IdentifyClient {
  private static final String BOUNDARY = "poison-bench-boundary";
  private static final int RANKING_PAGE = 100;
  private static final Pattern METRIC = Pattern.compile("^(poison_[a-z_]+_seconds)_(sum|count)\\{?[^ ]*\\s+([0-9.eE+-]+)$");
  /** Shared by every client in the JVM so two harness runs never send the same bytes. */
  private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() * 1000);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public IdentifyClient(String base) {
    this.base = base.replaceAll("/+$", "");
  }

  /**
   * Uploads the photo with unique bytes after its end marker: the same pixels, a new fingerprint,
   * so the service never answers from an earlier job with the same photo.
   */
  public HttpResponse<String> upload(byte[] photo) throws IOException, InterruptedException {
    byte[] tail = ("bench-" + UNIQUE.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream body = new ByteArrayOutputStream(photo.length + 256);
    body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(photo);
    body.writeBytes(tail);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/identifications"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Polls the job until it ended or the timeout passed; the last state seen, or {@code null} when
   * the job was never found. Errors while polling (a store restarting) are waited out.
   */
  public JsonObject awaitEnded(String id, long pollMs, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = get("/api/v1/identifications/" + id);
        if (response.statusCode() == 200) {
          last = new JsonObject(response.body());
          if (Jobs.hasEnded(last)) {
            return last;
          }
        }
      } catch (IOException unreachable) {
        // the api node is restarting or overloaded: keep polling until the deadline
      }
      Thread.sleep(pollMs);
    }
    return last;
  }

  public void awaitReady(Duration timeout) throws InterruptedException {
    awaitOk("/ready", timeout);
  }

  /** Polls {@code path} until it answers 200; fails naming the last answer when it does not within the timeout. */
  public void awaitOk(String path, Duration timeout) throws InterruptedException {
    if (secondsUntilOk(path, timeout) == null) {
      throw new IllegalStateException(path + " did not answer 200 within " + timeout + ": " + lastAnswer(path));
    }
  }

  private String lastAnswer(String path) throws InterruptedException {
    try {
      HttpResponse<String> response = get(path);
      return response.statusCode() + " " + response.body();
    } catch (IOException unreachable) {
      return unreachable.toString();
    }
  }

  /** Seconds until {@code /ready} answered 200, or {@code null} when it did not within the timeout. */
  public Double secondsUntilReady(Duration timeout) throws InterruptedException {
    return secondsUntilOk("/ready", timeout);
  }

  private Double secondsUntilOk(String path, Duration timeout) throws InterruptedException {
    long started = System.nanoTime();
    while (System.nanoTime() - started < timeout.toNanos()) {
      try {
        if (get(path).statusCode() == 200) {
          return LoadStats.round((System.nanoTime() - started) / 1e9);
        }
      } catch (IOException notYet) {
        // not listening yet, or restarting
      }
      Thread.sleep(200);
    }
    return null;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sum and count of every {@code poison_*_seconds} timer in {@code /metrics}. */
  public Map<String, Double> stageSeconds() throws IOException, InterruptedException {
    Map<String, Double> values = new HashMap<>();
    for (String line : get("/metrics").body().split("\n")) {
      Matcher m = METRIC.matcher(line);
      if (m.matches()) {
        values.merge(m.group(1).replace("_seconds", "") + "_" + m.group(2), Double.parseDouble(m.group(3)), Double::sum);
      }
    }
    return values;
  }

  /**
   * Identifications counted in the all-time ranking. It lists at most {@value #RANKING_PAGE} plants
   * and has no paging: a full page may leave plants out, so it is refused rather than undercounted.
   */
  public long rankedTotal() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/v1/rankings?window=all&limit=" + RANKING_PAGE);
    if (response.statusCode() != 200) {
      throw new IOException("rankings answered " + response.statusCode() + ": " + response.body());
    }
    JsonArray items = new JsonObject(response.body()).getJsonArray("items");
    if (items.size() >= RANKING_PAGE) {
      throw new IllegalStateException(RANKING_PAGE + " or more plants ranked: the total cannot be read from one page");
    }
    long total = 0;
    for (int i = 0; i < items.size(); i++) {
      total += items.getJsonObject(i).getLong("count");
    }
    return total;
  }
}
