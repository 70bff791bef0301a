package app.poison.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchEngineTest {
  private SearchEngine engine;

  @BeforeEach
  void load() throws IOException {
    engine = new SearchEngine();
    engine.load(SearchFixtures.catalog());
  }

  @AfterEach
  void close() throws IOException {
    engine.close();
  }

  @ParameterizedTest
  @CsvSource({
      "진달래, rhododendron-mucronulatum, name_ko, exact",
      "명이나물, allium-microdictyon, aliases_ko, alias",
      "진달레, rhododendron-mucronulatum, name_ko, typo",
      "진덜래, rhododendron-mucronulatum, name_ko, typo",
      "은방, convallaria-keiskei, name_ko, prefix",
      "ㅈㄷㄹ, rhododendron-mucronulatum, name_ko, initials",
      "wlsekffo, rhododendron-mucronulatum, name_ko, keyboard",
      "ㅡㅐㅜㅏ뇨ㅐㅐㅇ, aconitum-jaluense, name_en, keyboard",
      "lily of the valley, convallaria-keiskei, name_en, english",
      "caltha palustris, caltha-palustris, scientific_name, scientific",
      "Calta palustris, caltha-palustris, scientific_name, typo",
      "Aconitum jalunese, aconitum-jaluense, scientific_name, typo",
      "Acnoitum jaluense, aconitum-jaluense, scientific_name, typo",
      "Chinsee sacred lily, narcissus-tazetta-chinensis, name_en, typo",
      "Korea forsythia, forsythia-koreana, name_en, typo",
      "Japanese star ainse, illicium-anisatum, name_en, typo",
      "potatto, solanum-tuberosum, name_en, typo",
      "옷나무, toxicodendron-vernicifluum, name_ko, typo",
      "미나리아재비과, aconitum-ciliare, family_ko, family",
      "Solanaceae, brugmansia-suaveolens, family, family",
  })
  void saysWhichNameMatchedAndHow(String query, String plantId, String field, String kind) {
    SearchEngine.PlantHit best = engine.search(query, 10).get(0);
    assertEquals(plantId, best.plantId());
    assertEquals(field, best.match().entry().field());
    assertEquals(kind, best.kind());
  }

  @Test
  void ranksExactBeforePrefixBeforeTypo() {
    List<SearchEngine.PlantHit> hits = engine.search("미나리", 10);
    assertEquals("oenanthe-javanica", hits.get(0).plantId());
    assertEquals("exact", hits.get(0).kind());
    assertEquals("prefix", hits.get(1).kind(), "미나리아재비 next");
    assertEquals("typo", hits.get(2).kind(), "독미나리 after the prefix");
    for (int i = 1; i < hits.size(); i++) {
      assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), "sorted by score");
    }
  }

  @Test
  void searchesSeveralTermsAtOnce() {
    List<String> ids = ids(engine.search("진달래 철쭉", 10));
    assertEquals(List.of("rhododendron-mucronulatum", "rhododendron-schlippenbachii"), ids.subList(0, 2));
  }

  @Test
  void aFamilyNameFindsEveryPlantOfTheFamily() {
    assertEquals(List.of("brugmansia-suaveolens", "datura-metel", "datura-stramonium", "solanum-tuberosum"),
        ids(engine.search("가지과", 10)));
  }

  @Test
  void aKoreanNameCutShortIsStillOneOfSeveralNames() {
    assertEquals(List.of("convallaria-keiskei", "rhododendron-mucronulatum"), ids(engine.search("은방울 진달래", 2)));
  }

  @Test
  void aTermThatIsNoNameLeavesTheOthersSearched() {
    assertEquals(ids(engine.search("진달래", 10)), ids(engine.search("진달래 자동차", 10)));
  }

  private static List<String> ids(List<SearchEngine.PlantHit> hits) {
    return hits.stream().map(SearchEngine.PlantHit::plantId).toList();
  }

  /**
   * Unrelated words, and names of plants the catalog does not hold: a shared word (japanese,
   * vera, 나무) or a short word two letters away (tomato, potato) is no match.
   */
  @ParameterizedTest
  @CsvSource({"자동차", "asdf", "1234", "!!!", "tomato", "japanese maple", "japanese mapel", "aloe vera", "magnolia vine",
      "rice plant", "소나무", "대나무", "감나무", "동백나무"})
  void findsNothingForUnrelatedQueries(String query) {
    assertEquals(List.of(), engine.search(query, 10));
  }

  /** Nothing a client types may break a search: random text from every script, jamo and symbols. */
  @Test
  void survivesArbitraryInput() {
    Random random = new Random(11);
    int[][] ranges = {{0x20, 0x7E}, {0x1100, 0x11FF}, {0x3131, 0x318E}, {0xAC00, 0xD7A3}, {0x0300, 0x036F}, {0x1F300, 0x1F6FF}, {0x4E00, 0x9FFF}};
    for (int i = 0; i < 2_000; i++) {
      StringBuilder query = new StringBuilder();
      for (int n = 1 + random.nextInt(SearchRequest.MAX_QUERY_LENGTH); n > 0; n--) {
        int[] range = ranges[random.nextInt(ranges.length)];
        query.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
      }
      List<SearchEngine.PlantHit> hits = engine.search(query.toString(), SearchRequest.MAX_LIMIT);
      assertTrue(hits.size() <= SearchRequest.MAX_LIMIT, query::toString);
    }
  }

  @Test
  void followsCatalogChanges() {
    JsonObject plant = new JsonObject().put("id", "test-plant").put("name_ko", "도깨비가지")
        .put("aliases_ko", new JsonArray().add("깨비가지")).put("scientific_name", "Solanum carolinense");
    engine.upsert(plant);
    assertEquals("test-plant", engine.search("도께비가지", 5).get(0).plantId());

    engine.upsert(plant.copy().put("name_ko", "미국가시가지").put("aliases_ko", new JsonArray()));
    assertEquals("test-plant", engine.search("미국가시가지", 5).get(0).plantId());
    assertTrue(engine.search("도깨비가지", 5).isEmpty(), "the old name is gone");

    engine.remove("test-plant");
    assertTrue(engine.search("미국가시가지", 5).isEmpty());
  }
}
