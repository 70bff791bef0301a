package app.poison.bench;

import app.poison.search.Hangul;
import app.poison.search.SearchEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search latency. {@code engine}: in-process p50/p99 over the catalog seed and over 20,000
 * generated plants (two names each). {@code http}: starts the service and runs {@code wrk} at 64
 * connections against the search endpoint. See README, "Benchmarks".
 */
public final class SearchBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(SearchBenchmark.class);
  private static final Path SEED = Path.of("conf/plants.jsonl");
  private static final int GENERATED_PLANTS = 20_000;
  private static final int WARMUP = 20_000;
  private static final int MEASURED = 50_000;

  private SearchBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "engine";
    List<JsonObject> catalog = Files.readAllLines(SEED).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    if (mode.equals("http")) {
      http(catalog, args.length > 1 ? args[1] : "20s");
    } else {
      engine("catalog (" + catalog.size() + " plants)", catalog);
      engine("generated (" + GENERATED_PLANTS + " plants, " + 2 * GENERATED_PLANTS + " names)", generated(catalog));
    }
  }

  private static void engine(String label, List<JsonObject> plants) throws IOException {
    try (SearchEngine engine = new SearchEngine()) {
      long loadStart = System.nanoTime();
      engine.load(plants);
      long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
      List<String> queries = queries(plants, new Random(7));
      for (int i = 0; i < WARMUP; i++) {
        engine.search(queries.get(i % queries.size()), 10);
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[] wall = new long[MEASURED];
      long[] cpu = new long[MEASURED];
      for (int i = 0; i < MEASURED; i++) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        engine.search(queries.get(i % queries.size()), 10);
        wall[i] = System.nanoTime() - start;
        cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      // Wall time includes waiting for a CPU on a shared machine; CPU time is the search's own cost.
      LOG.info("{}: index built in {} ms; {} queries ({} distinct), one thread, load average {}:"
          + " wall p50 {} ms, p99 {} ms, p99.9 {} ms, max {} ms; CPU p50 {} ms, p99 {} ms",
          label, loadMs, MEASURED, queries.size(), String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
          ms(wall, 0.50), ms(wall, 0.99), ms(wall, 0.999), ms(wall, 1.0), ms(cpu, 0.50), ms(cpu, 0.99));
    }
  }

  private static String ms(long[] sorted, double quantile) {
    int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
    return String.format(Locale.ROOT, "%.3f", sorted[index] / 1e6);
  }

  /** A mix of what users type: names, typos, prefixes, 초성, wrong keyboard mode, unrelated words. */
  static List<String> queries(List<JsonObject> plants, Random random) {
    List<String> queries = new ArrayList<>();
    for (JsonObject plant : plants) {
      String name = plant.getString("name_ko");
      queries.add(name);
      queries.add(withVowelSlip(name, random));
      queries.add(name.substring(0, Math.min(2, name.length())));
      queries.add(Hangul.initials(name));
      queries.add(Hangul.keys(name));
      queries.add(plant.getString("scientific_name"));
    }
    queries.addAll(List.of("자동차", "asdf", "1234", "진달래 철쭉", "은방울 꽃"));
    return queries;
  }

  private static String withVowelSlip(String name, Random random) {
    int i = random.nextInt(name.length());
    char c = name.charAt(i);
    if (!Hangul.isSyllable(c)) {
      return name;
    }
    int index = c - '가';
    int jung = (index / 28 % 21 + 1 + random.nextInt(20)) % 21;
    char slipped = (char) ('가' + (index / 588 * 21 + jung) * 28 + index % 28);
    return name.substring(0, i) + slipped + name.substring(i + 1);
  }

  /** Plants named from the syllables of real plant names, so names share many n-grams. */
  static List<JsonObject> generated(List<JsonObject> catalog) {
    String syllables = catalog.stream().map(p -> p.getString("name_ko")).flatMapToInt(String::chars)
        .filter(c -> Hangul.isSyllable((char) c)).distinct()
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    Random random = new Random(42);
    List<JsonObject> plants = new ArrayList<>(GENERATED_PLANTS);
    for (int i = 0; i < GENERATED_PLANTS; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = 2 + random.nextInt(4); n > 0; n--) {
        name.append(syllables.charAt(random.nextInt(syllables.length())));
      }
      plants.add(new JsonObject().put("id", "generated-" + i).put("name_ko", name.toString())
          .put("aliases_ko", new JsonArray()).put("scientific_name", latinName(random)));
    }
    return plants;
  }

  private static String latinName(Random random) {
    return word(random, 5 + random.nextInt(6)) + " " + word(random, 6 + random.nextInt(7)).toLowerCase(Locale.ROOT);
  }

  private static String word(Random random, int length) {
    String letters = "aeiouaeiourstlnmcpdhbg";
    StringBuilder word = new StringBuilder().append((char) ('A' + random.nextInt(26)));
    for (int i = 1; i < length; i++) {
      word.append(letters.charAt(random.nextInt(letters.length())));
    }
    return word.toString();
  }

  /** Starts the service on a free port and runs wrk (64 connections) against the search endpoint. */
  private static void http(List<JsonObject> catalog, String duration) throws Exception {
    try (BenchService service = BenchService.start(BenchService.config(Map.of()))) {
      new IdentifyClient(service.baseUrl()).awaitOk("/api/v1/plants/search?q=a", Duration.ofMinutes(1)); // the seed is imported first
      List<String> queries = queries(catalog, new Random(7));
      List<String> repeated = paths(queries, List.of(""));
      Wrk.run("repeated queries (answers cached after the first round), " + repeated.size() + " distinct requests",
          service.baseUrl(), duration, wrkScript(repeated));
      // More distinct (query, limit) pairs than the cache holds, cycled in order: every search runs.
      List<String> distinct = paths(queries, IntStream.rangeClosed(41, 50).mapToObj(limit -> "&limit=" + limit).toList());
      Wrk.run("distinct queries (no cache hits), " + distinct.size() + " distinct requests",
          service.baseUrl(), duration, wrkScript(distinct));
    }
  }

  private static List<String> paths(List<String> queries, List<String> suffixes) {
    List<String> paths = new ArrayList<>();
    for (String suffix : suffixes) {
      queries.forEach(q -> paths.add("/api/v1/plants/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + suffix));
    }
    return paths;
  }

  private static Path wrkScript(List<String> paths) throws IOException {
    String quoted = paths.stream().map(path -> "\"" + path + "\"").collect(Collectors.joining(",\n"));
    Path script = Files.createTempFile("search-wrk-", ".lua");
    Files.writeString(script, "local paths = {\n" + quoted + "\n}\nlocal i = 0\n"
        + "request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n");
    script.toFile().deleteOnExit();
    return script;
  }
}
