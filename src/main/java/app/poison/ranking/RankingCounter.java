package app.poison.ranking;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts identifications into Redis and keeps the Redis state built from the history: rebuilt
 * at start, when a count finds it gone, and after a count could not be written. Events arriving
 * during a rebuild are held back and counted after it, so none is lost to the rebuild's
 * replacement and none is counted twice (the job-id guard). Event-loop confined.
 */
final class RankingCounter {
  private static final Logger LOG = LoggerFactory.getLogger(RankingCounter.class);
  private static final int MAX_BATCH = 1_000;

  private final RankingStore store;
  private final HistoryScan history;
  private final Clock clock;
  private final Runnable onCountsTouched;
  private final List<RankedIdentification> heldBack = new ArrayList<>();
  /** Events waiting for the batch in flight to finish. */
  private final List<RankedIdentification> toCount = new ArrayList<>();
  private boolean counting;
  private Future<Void> rebuilding;
  private boolean stale;
  private boolean changed;

  RankingCounter(RankingStore store, HistoryScan history, Clock clock, Runnable onCountsTouched) {
    this.store = store;
    this.history = history;
    this.clock = clock;
    this.onCountsTouched = onCountsTouched;
  }

  void count(RankedIdentification identification) {
    if (rebuilding != null) {
      heldBack.add(identification);
      return;
    }
    toCount.add(identification);
    if (!counting) {
      countPending();
    }
  }

  /** Whether a count changed something since the last call. */
  boolean takeChanged() {
    boolean was = changed;
    changed = false;
    return was;
  }

  /**
   * Counts what arrived since the last round trip in one pipelined batch: one Redis connection
   * however fast events come, and bursts make bigger batches instead of a queue of requests.
   */
  private void countPending() {
    List<RankedIdentification> batch = List.copyOf(toCount.subList(0, Math.min(toCount.size(), MAX_BATCH)));
    toCount.subList(0, batch.size()).clear();
    counting = true;
    store.countOnce(batch, clock.millis()).onComplete(done -> {
      counting = false;
      onCountsTouched.run();
      if (done.failed()) {
        LOG.warn("Could not count {} identifications; rankings will be rebuilt: {}", batch.size(), done.cause().getMessage());
        stale = true;
      } else {
        counted(batch, done.result());
      }
      if (rebuilding != null) {
        heldBack.addAll(toCount);
        toCount.clear();
      } else if (!toCount.isEmpty()) {
        countPending();
      }
    });
  }

  private void counted(List<RankedIdentification> batch, List<RankingStore.Counted> results) {
    for (int i = 0; i < batch.size(); i++) {
      switch (results.get(i)) {
        case COUNTED -> changed = true;
        case NOT_BUILT -> heldBack.add(batch.get(i));
        case DUPLICATE -> { } // counted already, here or on another node
      }
    }
    if (results.contains(RankingStore.Counted.NOT_BUILT)) {
      rebuild();
    }
  }

  /** Rebuilds the Redis state from the history; concurrent callers share one rebuild. */
  Future<Void> rebuild() {
    if (rebuilding == null) {
      long now = clock.millis();
      rebuilding = history.snapshot(now)
          .compose(snapshot -> store.replace(snapshot, now).map(snapshot))
          .onSuccess(snapshot -> LOG.info("Rankings rebuilt from history: {} identifications", snapshot.total()))
          .onFailure(error -> LOG.warn("Rankings rebuild failed, retrying later: {}", error.getMessage()))
          .mapEmpty();
      rebuilding.onComplete(done -> {
        rebuilding = null;
        stale = done.failed();
        onCountsTouched.run();
        if (done.succeeded()) {
          List<RankedIdentification> replay = new ArrayList<>(heldBack);
          heldBack.clear();
          replay.forEach(this::count);
        }
      });
    }
    return rebuilding;
  }

  /** Rebuilds when a count failed or Redis lost the state (flushed, restarted empty). */
  void rebuildIfLost() {
    if (rebuilding == null) {
      (stale ? Future.succeededFuture(false) : store.isBuilt()).onSuccess(built -> {
        if (!built) {
          rebuild();
        }
      });
    }
  }

  /** Completes when Redis holds a built state, rebuilding it first if it was lost. */
  Future<Void> readable() {
    if (rebuilding != null) {
      return rebuilding;
    }
    return store.isBuilt().compose(built -> built ? Future.succeededFuture() : rebuild());
  }
}
