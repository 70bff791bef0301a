package app.poison.ranking;

import static app.poison.Await.await;
import static app.poison.ranking.RankingHarness.BAKSAE;
import static app.poison.ranking.RankingHarness.DONGUI;
import static app.poison.ranking.RankingHarness.YEORO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.EventBusSocket;
import app.poison.PoisonService;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.messaging.Addresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rankings over real HTTP, Redis and the MongoDB history, with a clock the test moves. */
class RankingApiTest {
  private static final String TOKEN = "ranking-test-token";
  private static final Instant T0 = Instant.parse("2030-03-01T12:00:30Z");
  private static final SettableClock CLOCK = new SettableClock(T0);
  private static PoisonService service;
  private static RankingHarness rankings;

  @BeforeAll
  static void start() throws Exception {
    service = await(TestServices.start(Map.of(ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), TOKEN), CLOCK));
    rankings = new RankingHarness(service);
  }

  @AfterAll
  static void stop() throws Exception {
    rankings.close();
    await(service.stop());
  }

  @Test
  void eachWindowCountsConfidentTop1ResultsInsideItsEdges() throws Exception {
    Instant now = CLOCK.instant();
    rankings.finish("w-1", DONGUI, "confident", now.minusSeconds(10));
    rankings.finish("w-2", DONGUI, "confident", now.minus(Duration.ofMinutes(59))); // oldest minute of the hour
    rankings.finish("w-3", BAKSAE, "confident", now.minus(Duration.ofMinutes(61)));
    rankings.finish("w-4", BAKSAE, "confident", now.minus(Duration.ofHours(22)));
    rankings.finish("w-5", YEORO, "confident", now.minus(Duration.ofHours(25)));
    rankings.finish("w-6", YEORO, "uncertain", now.minusSeconds(5));
    rankings.announce(RankingHarness.identification("w-7", YEORO, "confident", now).put("status", "failed"));
    Set<String> plants = Set.of(DONGUI, BAKSAE, YEORO);

    rankings.awaitCounts("all", plants, DONGUI + "=2", BAKSAE + "=2", YEORO + "=1");
    rankings.awaitCounts("hour", plants, DONGUI + "=2");
    rankings.awaitCounts("day", plants, DONGUI + "=2", BAKSAE + "=2"); // tie: 동의나물 before 박새

    JsonArray hourSeries = rankings.get("/api/v1/rankings/series?plant=" + DONGUI + "&window=hour", 200).getJsonArray("buckets");
    assertEquals(60, hourSeries.size());
    assertEquals(1, hourSeries.getJsonObject(0).getLong("count"));
    assertEquals(1, hourSeries.getJsonObject(59).getLong("count"));
    assertEquals("2030-03-01T12:00:00Z", hourSeries.getJsonObject(59).getString("start"));
    JsonArray daySeries = rankings.get("/api/v1/rankings/series?plant=" + BAKSAE + "&window=day", 200).getJsonArray("buckets");
    assertEquals(24, daySeries.size());
    assertEquals("2030-02-28T13:00:00Z", daySeries.getJsonObject(0).getString("start"));
    assertEquals(1, daySeries.getJsonObject(1).getLong("count"));  // 14:00 yesterday
    assertEquals(1, daySeries.getJsonObject(21).getLong("count")); // 10:00 today
    assertEquals(2, daySeries.stream().mapToLong(bucket -> ((JsonObject) bucket).getLong("count")).sum());

    CLOCK.advance(Duration.ofMinutes(2)); // w-2's minute leaves the hour
    rankings.awaitCounts("hour", plants, DONGUI + "=1");
    CLOCK.advance(Duration.ofMinutes(118)); // 14:00:30: w-4's hour leaves the day
    rankings.awaitCounts("day", plants, DONGUI + "=2", BAKSAE + "=1");
    rankings.awaitCounts("hour", plants);
    rankings.awaitCounts("all", plants, DONGUI + "=2", BAKSAE + "=2", YEORO + "=1");
  }

  @Test
  void aRedeliveredJobIsCountedOnce() throws Exception {
    String plant = "phytolacca-americana";
    rankings.finish("dup-1", plant, "confident", CLOCK.instant());
    JsonObject again = RankingHarness.identification("dup-1", plant, "confident", CLOCK.instant());
    for (int i = 0; i < 5; i++) {
      rankings.announce(again);
    }
    rankings.finish("dup-2", plant, "confident", CLOCK.instant());
    rankings.awaitCounts("all", Set.of(plant), plant + "=2");
    Thread.sleep(300); // a late duplicate would show up now
    rankings.awaitCounts("all", Set.of(plant), plant + "=2");
    rankings.awaitCounts("hour", Set.of(plant), plant + "=2");
  }

  @Test
  void aPlantDeletedFromTheCatalogDropsOut() throws Exception {
    String plant = "phytolacca-esculenta";
    rankings.finish("del-1", plant, "confident", CLOCK.instant());
    rankings.awaitCounts("all", Set.of(plant), plant + "=1");
    var deleted = await(rankings.http().web().delete("/api/v1/plants/" + plant).bearerTokenAuthentication(TOKEN).send());
    assertEquals(204, deleted.statusCode(), deleted.bodyAsString());
    rankings.awaitCounts("all", Set.of(plant));
    assertEquals("plant_not_found", rankings.get("/api/v1/rankings/series?plant=" + plant + "&window=day", 404)
        .getJsonObject("error").getString("code"));
  }

  @Test
  void badParametersAreNamedIn400s() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("/api/v1/rankings", "invalid_window");
    cases.put("/api/v1/rankings?window=week", "invalid_window");
    cases.put("/api/v1/rankings?window=hour&limit=0", "invalid_limit");
    cases.put("/api/v1/rankings?window=hour&limit=101", "invalid_limit");
    cases.put("/api/v1/rankings?window=day&limit=abc", "invalid_limit");
    cases.put("/api/v1/rankings?window=day&limit=99999999999", "invalid_limit");
    cases.put("/api/v1/rankings/series?window=day", "invalid_plant");
    cases.put("/api/v1/rankings/series?plant=" + DONGUI + "&window=all", "invalid_window");
    cases.put("/api/v1/rankings/series?plant=" + DONGUI, "invalid_window");
    for (var entry : cases.entrySet()) {
      JsonObject error = rankings.get(entry.getKey(), 400).getJsonObject("error");
      assertEquals(entry.getValue(), error.getString("code"), entry.getKey());
      assertNotNull(error.getString("message"));
    }
    JsonObject board = rankings.get("/api/v1/rankings?window=all&limit=1", 200);
    assertEquals("all", board.getString("window"));
    assertTrue(board.getJsonArray("items").size() <= 1);
    assertNotNull(Instant.parse(board.getString("generated_at")));
  }

  /**
   * Pushes are paced by the service's clock, which only this test moves: whatever the machine's
   * speed, one push per clock second with changes, carrying that second's time, and none without.
   */
  @Test
  void changesArePushedAtMostOnceASecondAndOnlyWhenCountsChanged() throws Exception {
    EventBusSocket socket = await(EventBusSocket.connect(rankings.vertx(), service.httpPort()));
    await(socket.register(Addresses.RANKINGS_UPDATED));
    socket.awaitRegistered(service.vertx(), Addresses.RANKINGS_UPDATED);
    String plant = "paris-verticillata";

    // A clock second after any earlier push: this change (or what earlier tests left) goes out now.
    CLOCK.advance(Duration.ofSeconds(1));
    rankings.finish("push-0", plant, "confident", CLOCK.instant());
    rankings.awaitCounts("all", Set.of(plant), plant + "=1");
    awaitPushAt(socket, CLOCK.instant());

    for (int i = 1; i <= 10; i++) {
      rankings.finish("push-" + i, plant, "confident", CLOCK.instant());
    }
    rankings.awaitCounts("all", Set.of(plant), plant + "=11");
    assertNull(socket.next(1_500, TimeUnit.MILLISECONDS), "a second push within the same clock second");

    CLOCK.advance(Duration.ofSeconds(1));
    awaitPushAt(socket, CLOCK.instant()); // the changes since the last push, in one
    assertNull(socket.next(1_500, TimeUnit.MILLISECONDS), "counts did not change again");

    CLOCK.advance(Duration.ofSeconds(1));
    assertNull(socket.next(1_500, TimeUnit.MILLISECONDS), "a second went by without changes: nothing to push");
    await(socket.close());
  }

  /** Waits for the push stamped {@code at}; pushes stamped earlier (left by other tests) are skipped. */
  private static void awaitPushAt(EventBusSocket socket, Instant at) throws Exception {
    for (JsonObject push = socket.next(60_000, TimeUnit.MILLISECONDS); ; push = socket.next(60_000, TimeUnit.MILLISECONDS)) {
      assertNotNull(push, "no push at " + at);
      Instant stamped = Instant.parse(push.getJsonObject("body").getString("generated_at"));
      if (stamped.equals(at)) {
        return;
      }
      assertTrue(stamped.isBefore(at), "pushed at " + stamped + ", expected " + at);
    }
  }
}
