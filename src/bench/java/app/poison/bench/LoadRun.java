package app.poison.bench;

import app.poison.identify.Jobs;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concurrent uploaders, each uploading a photo and polling its job until it ends, for a while.
 * Closed loop (as fast as the service answers) or paced to a total rate of uploads per second.
 * Every accepted job is followed to its end: succeeded, failed (by code), stuck (still queued or
 * running when the job timeout passed) or lost (never found again).
 */
final class LoadRun {
  private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
  private static final long REFUSED_PAUSE_MS = 200;

  private final IdentifyClient client;
  private final List<byte[]> photos;
  private final int uploaders;
  private final long intervalNanos;
  private final Duration jobTimeout;
  private final long pollMs;
  private final AtomicLong nextSlot = new AtomicLong();
  private final AtomicInteger photoIndex = new AtomicInteger();
  private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> uploads = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
  private final AtomicInteger confident = new AtomicInteger();
  private final AtomicInteger retried = new AtomicInteger();

  /**
   * {@code rate}: uploads per second in all, 0 for a closed loop; {@code pollMs}: how often a job
   * is polled (latencies are late by half of it on average).
   */
  LoadRun(IdentifyClient client, List<byte[]> photos, int uploaders, double rate, Duration jobTimeout, long pollMs) {
    this.client = client;
    this.photos = photos;
    this.uploaders = uploaders;
    this.intervalNanos = rate > 0 ? (long) (1e9 / rate) : 0;
    this.jobTimeout = jobTimeout;
    this.pollMs = pollMs;
  }

  JsonObject run(Duration length) throws InterruptedException {
    long started = System.nanoTime();
    long end = started + length.toNanos();
    nextSlot.set(started);
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < uploaders; u++) {
      Thread thread = new Thread(() -> uploadUntil(end), "uploader-" + u);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return report(length, (System.nanoTime() - started) / 1e9);
  }

  private void uploadUntil(long end) {
    try {
      while (paced(end)) {
        uploadOne();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for this uploader's next slot; false once the slot falls after the end. */
  private boolean paced(long end) throws InterruptedException {
    long slot = intervalNanos == 0 ? System.nanoTime() : nextSlot.getAndAdd(intervalNanos);
    if (slot >= end) {
      return false;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    return true;
  }

  private void uploadOne() throws InterruptedException {
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = client.upload(photos.get(Math.floorMod(photoIndex.getAndIncrement(), photos.size())));
    } catch (IOException e) {
      count(uploads, "io_error");
      LOG.debug("upload failed: {}", e.toString());
      Thread.sleep(REFUSED_PAUSE_MS);
      return;
    }
    count(uploads, String.valueOf(response.statusCode()));
    if (response.statusCode() != 202) {
      Thread.sleep(REFUSED_PAUSE_MS);
      return;
    }
    JsonObject job = client.awaitEnded(new JsonObject(response.body()).getString("id"), pollMs, jobTimeout);
    count(outcomes, outcome(job));
    if (job != null && job.getInteger("attempts", 0) > 1) {
      retried.incrementAndGet(); // run again after a worker died or a store failed mid-job
    }
    if (job != null && "succeeded".equals(job.getString("status"))) {
      latencies.add((System.nanoTime() - started) / 1e6);
      if ("confident".equals(job.getJsonObject("result").getString("match"))) {
        confident.incrementAndGet();
      }
    }
  }

  private static String outcome(JsonObject job) {
    if (job == null) {
      return "lost";
    }
    String status = job.getString("status");
    if ("failed".equals(status)) {
      JsonObject error = job.getJsonObject("error");
      return "failed:" + (error == null ? "?" : error.getString("code"));
    }
    return Jobs.hasEnded(job) ? status : "stuck:" + status;
  }

  private JsonObject report(Duration length, double elapsedSeconds) {
    int accepted = uploads.getOrDefault("202", new AtomicInteger()).get();
    int succeeded = outcomes.getOrDefault("succeeded", new AtomicInteger()).get();
    long unfinished = outcomes.entrySet().stream()
        .filter(e -> e.getKey().startsWith("stuck") || e.getKey().equals("lost")).mapToLong(e -> e.getValue().get()).sum();
    return new JsonObject()
        .put("seconds", length.toSeconds()).put("uploaders", uploaders)
        .put("poll_ms", pollMs)
        .put("paced_uploads_per_second", intervalNanos == 0 ? null : LoadStats.round(1e9 / intervalNanos))
        .put("uploads", asJson(uploads)).put("accepted", accepted)
        .put("outcomes", asJson(outcomes)).put("succeeded", succeeded).put("confident", confident.get())
        .put("run_more_than_once", retried.get())
        .put("stuck_or_lost", unfinished)
        .put("jobs_per_second", LoadStats.round(succeeded / elapsedSeconds))
        .put("end_to_end_ms_p50", LoadStats.percentile(latencies, 50))
        .put("end_to_end_ms_p95", LoadStats.percentile(latencies, 95))
        .put("end_to_end_ms_p99", LoadStats.percentile(latencies, 99));
  }

  private static void count(Map<String, AtomicInteger> counts, String key) {
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private static JsonObject asJson(Map<String, AtomicInteger> counts) {
    JsonObject json = new JsonObject();
    new TreeMap<>(counts).forEach((key, value) -> json.put(key, value.get()));
    return json;
  }
}
