package app.poison.inference;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue of preprocessed images and the inference threads that drain it in batches: each
 * thread owns one runner (one DJL Predictor) and takes up to {@code batchSize} images. It waits (at
 * most {@code maxDelay}) for a batch to fill only while photos are announced, i.e. still being
 * preprocessed: an idle service runs a lone photo at once instead of paying the delay. Under load
 * the queue fills while a batch runs, so batches form anyway. A full queue refuses at once.
 */
final class BatchAggregator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchAggregator.class);

  private record Item(float[] input, long enqueuedNanos, CompletableFuture<PhotoScores> scores) {
  }

  private final BlockingQueue<Item> queue;
  private final int batchSize;
  private final long maxDelayNanos;
  private final List<Thread> threads = new ArrayList<>();
  private final Timer queueTime;
  private final Timer inferenceTime;
  private final DistributionSummary batchSizes;
  private final AtomicInteger announced = new AtomicInteger();
  private volatile boolean running = true;

  BatchAggregator(PlantModel model, int threadCount, int batchSize, long maxDelayMs, int capacity, MeterRegistry metrics) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxDelayMs);
    this.queueTime = Timer.builder("poison.inference.queue.time").publishPercentiles(0.5, 0.99).register(metrics);
    this.inferenceTime = Timer.builder("poison.inference.time").publishPercentiles(0.5, 0.99).register(metrics);
    this.batchSizes = DistributionSummary.builder("poison.inference.batch.size").register(metrics);
    Gauge.builder("poison.inference.queue.depth", queue, BlockingQueue::size).register(metrics);
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(() -> work(model), "poison-inference-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** A photo is being preprocessed and will be submitted (or {@link #withdraw}n) soon. */
  void announce() {
    announced.incrementAndGet();
  }

  /** An announced photo that will not come (its preprocessing failed). */
  void withdraw() {
    announced.decrementAndGet();
  }

  /** Logits for one preprocessed, announced image; fails at once with 503 when the queue is full. */
  CompletableFuture<PhotoScores> submit(float[] input) {
    announced.decrementAndGet();
    Item item = new Item(input, System.nanoTime(), new CompletableFuture<>());
    if (!queue.offer(item)) {
      return CompletableFuture.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE, "inference_busy",
          "판별 대기열이 가득 찼어요. 잠시 후 다시 시도해 주세요.", new JsonObject().put("retry_after", 2)));
    }
    return item.scores();
  }


  private void work(PlantModel model) {
    try (ClassifierRunner runner = model.newRunner()) {
      while (running) {
        List<Item> batch = nextBatch();
        if (!batch.isEmpty()) {
          run(runner, batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Item> nextBatch() throws InterruptedException {
    List<Item> batch = new ArrayList<>(batchSize);
    Item first = queue.poll(200, TimeUnit.MILLISECONDS);
    if (first == null) {
      return batch;
    }
    batch.add(first);
    long deadline = System.nanoTime() + maxDelayNanos;
    while (batch.size() < batchSize) {
      long wait = announced.get() > 0 ? deadline - System.nanoTime() : 0;
      Item next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        break;
      }
      batch.add(next);
    }
    return batch;
  }

  private void run(ClassifierRunner runner, List<Item> batch) {
    long started = System.nanoTime();
    batch.forEach(item -> queueTime.record(started - item.enqueuedNanos(), TimeUnit.NANOSECONDS));
    batchSizes.record(batch.size());
    try {
      PhotoScores[] scores = runner.run(batch.stream().map(Item::input).toList());
      inferenceTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).scores().complete(scores[i]);
      }
    } catch (RuntimeException e) {
      LOG.error("Inference failed for a batch of {}", batch.size(), e);
      batch.forEach(item -> item.scores().completeExceptionally(e));
    }
  }

  @Override
  public void close() {
    running = false;
    for (Thread thread : threads) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queue.forEach(item -> item.scores().completeExceptionally(new IllegalStateException("inference stopped")));
  }
}
