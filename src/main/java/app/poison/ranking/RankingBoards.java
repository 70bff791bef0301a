package app.poison.ranking;

import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last board computed per window, and the one being computed: concurrent readers share one
 * Redis read. Any change of counts or catalog drops them; a board is also dropped at its window's
 * next bucket edge. A board read before a change is not kept. Event-loop confined.
 */
final class RankingBoards {
  private final Map<RankingWindow, RankingBoard> boards = new EnumMap<>(RankingWindow.class);
  private final Map<RankingWindow, Future<RankingBoard>> computing = new EnumMap<>(RankingWindow.class);
  private long version;

  Future<RankingBoard> get(RankingWindow window, long nowMs, Supplier<Future<RankingBoard>> compute) {
    RankingBoard board = boards.get(window);
    if (board != null && nowMs < board.validUntilMs() && nowMs >= board.generatedAtMs()) {
      return Future.succeededFuture(board);
    }
    Future<RankingBoard> pending = computing.get(window);
    if (pending != null) {
      return pending;
    }
    long readVersion = version;
    Future<RankingBoard> computed = compute.get();
    computing.put(window, computed);
    computed.onComplete(done -> {
      if (readVersion == version) {
        computing.remove(window);
        if (done.succeeded()) {
          boards.put(window, done.result());
        }
      }
    });
    return computed;
  }

  void invalidate() {
    version++;
    boards.clear();
    computing.clear();
  }
}
