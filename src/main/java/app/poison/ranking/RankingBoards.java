package app.poison.ranking;

import java.util.EnumMap;
import java.util.Map;

/**
 * The last board computed per window. Any change of counts or catalog clears them; a board is
 * also dropped at its window's next bucket edge. A board computed from reads that started before
 * a change is not kept (the version moved on). Event-loop confined.
 */
final class RankingBoards {
  private final Map<RankingWindow, RankingBoard> boards = new EnumMap<>(RankingWindow.class);
  private long version;

  RankingBoard current(RankingWindow window, long nowMs) {
    RankingBoard board = boards.get(window);
    return board != null && nowMs < board.validUntilMs() && nowMs >= board.generatedAtMs() ? board : null;
  }

  long version() {
    return version;
  }

  void keep(RankingBoard board, long readVersion) {
    if (readVersion == version) {
      boards.put(board.window(), board);
    }
  }

  void invalidate() {
    version++;
    boards.clear();
  }
}
