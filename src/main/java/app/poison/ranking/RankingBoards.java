package app.poison.ranking;

import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last board computed per window, and the one being computed. A change of counts or catalog
 * makes the boards stale: the next reader starts one Redis read that later readers share and
 * wait for, so a reader told by {@code rankings.updated} that counts changed never gets the board
 * from before the change. Event-loop confined.
 */
final class RankingBoards {
  private record Kept(RankingBoard board, long version) {
  }

  private final Map<RankingWindow, Kept> boards = new EnumMap<>(RankingWindow.class);
  private final Map<RankingWindow, Future<RankingBoard>> computing = new EnumMap<>(RankingWindow.class);
  private long version;

  Future<RankingBoard> get(RankingWindow window, long nowMs, Supplier<Future<RankingBoard>> compute) {
    Kept kept = boards.get(window);
    boolean inTime = kept != null && nowMs < kept.board().validUntilMs() && nowMs >= kept.board().generatedAtMs();
    if (inTime && kept.version() == version) {
      return Future.succeededFuture(kept.board());
    }
    return computing.computeIfAbsent(window, w -> start(w, compute));
  }

  private Future<RankingBoard> start(RankingWindow window, Supplier<Future<RankingBoard>> compute) {
    long readVersion = version;
    Future<RankingBoard> computed = compute.get();
    computed.onComplete(done -> {
      if (computing.get(window) == computed) {
        computing.remove(window);
      }
      Kept kept = boards.get(window);
      if (done.succeeded() && (kept == null || kept.version() <= readVersion)) {
        boards.put(window, new Kept(done.result(), readVersion));
      }
    });
    return computed;
  }

  void invalidate() {
    version++;
    computing.clear();
  }
}
