package app.poison.ranking;

import static app.poison.Await.await;
import static app.poison.ranking.RankingHarness.BAKSAE;
import static app.poison.ranking.RankingHarness.DONGUI;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.PoisonService;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** All-time counts come back from the MongoDB history after a restart and after Redis lost them. */
class RankingDurabilityTest {
  private static final Set<String> PLANTS = Set.of(DONGUI, BAKSAE);

  @Test
  void allTimeCountsSurviveARestartAndAFlushOfRedis() throws Exception {
    Map<String, String> env = Map.of(ConfigKeys.envName(ConfigKeys.DATA_DIR), TestServices.tempDir().toString());
    PoisonService first = await(TestServices.start(env));
    try (RankingHarness rankings = new RankingHarness(first)) {
      rankings.finish("keep-1", DONGUI, "confident", Instant.now());
      rankings.finish("keep-2", DONGUI, "confident", Instant.now());
      rankings.finish("keep-3", BAKSAE, "confident", Instant.now());
      rankings.awaitCounts("all", PLANTS, DONGUI + "=2", BAKSAE + "=1");
    } finally {
      await(first.stop());
    }

    PoisonService second = await(TestServices.start(env));
    try (RankingHarness rankings = new RankingHarness(second)) {
      rankings.awaitCounts("all", PLANTS, DONGUI + "=2", BAKSAE + "=1");

      rankings.flushRedis();
      rankings.finish("keep-4", BAKSAE, "confident", Instant.now()); // finds the state gone: rebuilds, then counts
      rankings.awaitCounts("all", PLANTS, DONGUI + "=2", BAKSAE + "=2");
      rankings.awaitCounts("day", PLANTS, DONGUI + "=2", BAKSAE + "=2");

      rankings.flushRedis(); // and with no identification coming, the periodic check notices
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (!rankings.redisHasRankings() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(rankings.redisHasRankings(), "rankings not rebuilt after a flush");
      rankings.awaitCounts("hour", PLANTS, DONGUI + "=2", BAKSAE + "=2");
    } finally {
      await(second.stop());
    }
  }
}
