package app.poison.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance test of search: top-1 over the evaluation set (src/test/resources/search), per
 * kind of query, next to the baseline the first version had (Lucene FuzzyQuery, maxEdits 2, on
 * whole names — what Atlas Search fuzzy matching does).
 */
class SearchEvaluationTest {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEvaluationTest.class);
  private static final Path QUERIES = Path.of("src/test/resources/search/eval-queries.tsv");
  private static final String NEGATIVE = "negative";
  private static final int LIMIT = 10;

  private static List<JsonObject> catalog;
  private static SearchEngine engine;
  private static FuzzyBaseline baseline;

  record EvalQuery(String kind, String query, List<String> expected) {
  }

  @BeforeAll
  static void load() throws IOException {
    catalog = SearchFixtures.catalog();
    engine = new SearchEngine();
    engine.load(catalog);
    baseline = new FuzzyBaseline(catalog);
  }

  @AfterAll
  static void close() throws IOException {
    engine.close();
    baseline.close();
  }

  @Test
  void findsTheIntendedPlantForEveryKindOfQuery() throws IOException {
    List<EvalQuery> queries = evalQueries();
    assertTrue(queries.size() >= 600, "evaluation set size");
    assertTrue(queries.stream().filter(q -> q.kind().equals(NEGATIVE)).count() >= 30, "negatives");

    Map<String, int[]> ours = score(queries, (query, limit) ->
        engine.search(query, limit).stream().map(SearchEngine.PlantHit::plantId).toList(), true);
    Map<String, int[]> theirs = score(queries, baseline::search, false);
    printTable(ours, theirs);

    int[] total = ours.values().stream().reduce(new int[2], (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]});
    assertTrue(rate(total) >= 0.95, "overall top-1 " + rate(total));
    ours.forEach((kind, counts) -> assertTrue(rate(counts) >= 0.90, kind + " top-1 " + rate(counts)));
    int[] negatives = ours.get(NEGATIVE);
    assertEquals(negatives[1], negatives[0], "negatives must find nothing");
  }

  /** Per kind: {correct, total}. Our misses are logged so that a regression says what broke. */
  private static Map<String, int[]> score(List<EvalQuery> queries, BiFunction<String, Integer, List<String>> search,
      boolean logMisses) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (EvalQuery query : queries) {
      List<String> found = search.apply(query.query(), LIMIT);
      boolean correct = correct(query, found);
      int[] kind = counts.computeIfAbsent(query.kind(), k -> new int[2]);
      kind[0] += correct ? 1 : 0;
      kind[1]++;
      if (!correct && logMisses) {
        LOG.info("miss [{}] '{}' expected {} got {}", query.kind(), query.query(), query.expected(), found);
      }
    }
    return counts;
  }

  /** Top-1 is the expected plant; several terms: the first results are exactly the expected plants. */
  private static boolean correct(EvalQuery query, List<String> found) {
    if (query.expected().isEmpty()) {
      return found.isEmpty();
    }
    int n = query.expected().size();
    return found.size() >= n && new HashSet<>(found.subList(0, n)).equals(new HashSet<>(query.expected()));
  }

  private static void printTable(Map<String, int[]> ours, Map<String, int[]> theirs) {
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-18s %6s %12s %16s%n", "kind", "n", "search top-1", "fuzzy baseline"));
    int[] ourTotal = new int[2];
    int[] theirTotal = new int[2];
    ours.forEach((kind, counts) -> {
      int[] base = theirs.get(kind);
      table.append(String.format(Locale.ROOT, "%-18s %6d %11.1f%% %15.1f%%%n", kind, counts[1], 100 * rate(counts), 100 * rate(base)));
      ourTotal[0] += counts[0];
      ourTotal[1] += counts[1];
      theirTotal[0] += base[0];
      theirTotal[1] += base[1];
    });
    table.append(String.format(Locale.ROOT, "%-18s %6d %11.1f%% %15.1f%%", "overall", ourTotal[1], 100 * rate(ourTotal), 100 * rate(theirTotal)));
    LOG.info("Search evaluation (top-1; negatives: share with no result){}", table);
  }

  private static double rate(int[] counts) {
    return counts[1] == 0 ? 0 : (double) counts[0] / counts[1];
  }

  static List<EvalQuery> evalQueries() throws IOException {
    List<EvalQuery> queries = new ArrayList<>();
    for (String line : Files.readAllLines(QUERIES)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      List<String> expected = columns[2].isEmpty() ? List.of() : List.of(columns[2].split(","));
      queries.add(new EvalQuery(columns[0], columns[1], expected));
    }
    return queries;
  }

  /** Plain Lucene FuzzyQuery (maxEdits 2) on every whole name, lower-cased. */
  static final class FuzzyBaseline implements AutoCloseable {
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexSearcher searcher;

    FuzzyBaseline(List<JsonObject> catalog) throws IOException {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new KeywordAnalyzer()))) {
        for (JsonObject plant : catalog) {
          List<String> names = new ArrayList<>(List.of(plant.getString("name_ko"), plant.getString("scientific_name")));
          plant.getJsonArray("aliases_ko").forEach(alias -> names.add(String.valueOf(alias)));
          if (plant.getString("name_en") != null) {
            names.add(plant.getString("name_en"));
          }
          for (String name : names) {
            Document doc = new Document();
            doc.add(new StringField("id", plant.getString("id"), Field.Store.YES));
            doc.add(new StringField("name", name.toLowerCase(Locale.ROOT), Field.Store.NO));
            writer.addDocument(doc);
          }
        }
      }
      searcher = new IndexSearcher(DirectoryReader.open(directory));
    }

    List<String> search(String query, int limit) {
      try {
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (ScoreDoc hit : searcher.search(new FuzzyQuery(new Term("name", query.toLowerCase(Locale.ROOT)), 2), limit).scoreDocs) {
          ids.add(searcher.storedFields().document(hit.doc).get("id"));
        }
        return List.copyOf(ids);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      searcher.getIndexReader().close();
      directory.close();
    }
  }
}
